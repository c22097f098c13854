'use client';

import type {
  AdapterStatus,
  PlaybackAdapter,
  PlaybackService,
  PlaybackSource,
  PlaybackState,
} from '@sidflow/playback';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRegisterChannel } from '../lib/register-feed';
import { formatTime } from '../lib/sid-voices';
import type { TuneSummary } from '../lib/tune-summary';
import { LevelMeter } from './level-meter';
import { type TuneChoice, TuneList } from './tune-list';
import { VoiceRoll } from './voice-roll';

/** What the page shows about the loaded tune. */
interface NowPlaying {
  choice: TuneChoice;
  id: string | null;
  title: string;
  author: string;
  released: string;
  songs: number;
  song: number;
}

/** The facade and the audio tap, created on the first click. */
interface Audio {
  context: AudioContext;
  analyser: AnalyserNode;
  service: PlaybackService;
}

const SEEK_MAX_SECONDS = 300;

/** The adapters the page registers, in the order offered. */
const ADAPTERS = [
  { id: 'worklet', label: 'Engine in the browser' },
  { id: 'stream', label: 'Server render (stream)' },
  { id: 'ultimate64', label: 'Ultimate 64' },
] as const;

/**
 * Stream formats in order of preference. With SharedArrayBuffer (a modern,
 * isolated page) the M4A file plays by range requests; without it the page
 * may be an older browser, so HLS (AAC segments, hls.js or native) comes first.
 */
function streamFormats(isolated: boolean): ('m4a' | 'wav' | 'hls')[] {
  return isolated ? ['m4a', 'wav', 'hls'] : ['hls', 'm4a', 'wav'];
}

/** The Ultimate 64 adapter, over this server's device proxy (the device sends no CORS headers). */
async function createDeviceAdapter(): Promise<PlaybackAdapter> {
  const [{ createUltimate64Adapter }, { createDeviceProxyClient }] = await Promise.all([
    import('@sidflow/playback/ultimate64'),
    import('../lib/browser/device-proxy-client'),
  ]);
  return createUltimate64Adapter({ client: createDeviceProxyClient('/api/u64') });
}

function sourceOf(choice: TuneChoice): PlaybackSource {
  if (choice.kind === 'file') return { bytes: choice.bytes, name: choice.name };
  return { url: `/api/tunes/${choice.tune.id}`, name: choice.tune.title, id: choice.tune.id };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The player: tune list, transport controls, tune facts, voice view and level meter. */
export function Player({
  demo,
  hvsc,
}: {
  demo: readonly TuneSummary[];
  hvsc: { available: boolean; reason: string };
}) {
  const audioRef = useRef<Audio | null>(null);
  const [analyser, setAnalyser] = useState<AnalyserNode | null>(null);
  const [state, setState] = useState<PlaybackState>('idle');
  const [position, setPosition] = useState(0);
  const [seekTo, setSeekTo] = useState('');
  const [scrub, setScrub] = useState<number | null>(null);
  const [telemetry, setTelemetry] = useState({ startMs: null as number | null, underruns: 0 });
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState<NowPlaying | null>(null);
  const [adapters, setAdapters] = useState<AdapterStatus[]>([]);
  const [adapterId, setAdapterId] = useState('worklet');
  const [activeAdapter, setActiveAdapter] = useState<string | null>(null);
  const [renderPath, setRenderPath] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [muted, setMuted] = useState([false, false, false]);
  const [volume, setVolume] = useState(0.8);
  const [isolated, setIsolated] = useState<boolean | null>(null);
  const [device, setDevice] = useState<AdapterStatus | null>(null);
  const deviceRef = useRef<Promise<PlaybackAdapter> | null>(null);
  const registers = useMemo(() => createRegisterChannel(), []);

  useEffect(() => {
    setIsolated(globalThis.crossOriginIsolated === true);
    // Ask the device (through the proxy) before any tune is chosen, so the adapter
    // list says from the start whether the Ultimate 64 can play and why not.
    deviceRef.current ??= createDeviceAdapter();
    void deviceRef.current
      .then(async (adapter) => ({
        id: adapter.id,
        kind: adapter.kind,
        ...(await adapter.availability()),
      }))
      .then(setDevice);
    return () => {
      const audio = audioRef.current;
      audioRef.current = null;
      if (audio) void audio.service.dispose().then(() => audio.context.close());
    };
  }, []);

  /**
   * Builds the audio graph, the adapters and the facade once, on the first
   * user action (browsers start audio only after one). The page owns the
   * AudioContext so both adapters play into it and one AnalyserNode taps
   * whatever reaches the speakers.
   */
  const ensureAudio = useCallback(async (): Promise<Audio> => {
    if (audioRef.current) return audioRef.current;
    // Loaded on the first click, so the page is interactive before the engine's code arrives.
    const [{ createPlaybackService }, { createWorkletAdapter }, { createStreamAdapter }] =
      await Promise.all([
        import('@sidflow/playback'),
        import('@sidflow/playback/worklet'),
        import('@sidflow/playback/stream'),
      ]);
    if (audioRef.current) return audioRef.current;
    const context = new AudioContext({ latencyHint: 'playback' });
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    const worklet = createWorkletAdapter({
      audioContext: context,
      processorUrl: '/sidflow-worklet.js',
      workerUrl: '/sidflow-render-worker.js',
    });
    worklet.outputNode.connect(analyser);
    let streamSource: MediaElementAudioSourceNode | null = null;
    const stream = createStreamAdapter({
      formats: streamFormats(globalThis.crossOriginIsolated === true),
      // Route each media element through the page's graph so the meter hears it too.
      createMedia: () => {
        const media = document.createElement('audio');
        streamSource?.disconnect();
        streamSource = context.createMediaElementSource(media);
        streamSource.connect(context.destination);
        streamSource.connect(analyser);
        return media;
      },
    });
    deviceRef.current ??= createDeviceAdapter();
    const service = createPlaybackService({
      adapters: [worklet, stream, await deviceRef.current],
      // The adapter the user picks plays first; an unavailable device is passed over.
      preference: 'hardware-if-available',
    });
    service.on('state', ({ state }) => {
      setState(state);
      setActiveAdapter(service.activeAdapter);
      setRenderPath(service.renderPath);
      // Nothing keeps the audio thread busy once playback is over (Stop does the same).
      if (state === 'ended' || state === 'error') void context.suspend();
    });
    service.on('position', ({ seconds }) => setPosition(seconds));
    service.on('telemetry', (event) => {
      if (event.type === 'start') setTelemetry((t) => ({ ...t, startMs: event.latencyMs }));
      if (event.type === 'underrun') setTelemetry((t) => ({ ...t, underruns: event.total }));
      if (event.type === 'load') setTelemetry({ startMs: null, underruns: 0 });
    });
    service.on('error', ({ error }) => setError(error.message));
    service.on('fallback', ({ from, to, reason }) =>
      setNotice(
        `${from} could not play (${reason}); ${to ? `playing with ${to}` : 'nothing else can'}`,
      ),
    );
    service.on('registers', (frame) => {
      if (frame.sid === 0) registers.publish(frame.registers);
    });
    audioRef.current = { context, analyser, service };
    setAnalyser(analyser);
    return audioRef.current;
  }, [registers]);

  const start = useCallback(
    async (choice: TuneChoice, options: { song?: number; adapter?: string; at?: number } = {}) => {
      setError(null);
      setNotice(null);
      try {
        const { context, service } = await ensureAudio();
        await context.resume();
        await service.load(sourceOf(choice), {
          song: options.song,
          adapter: options.adapter ?? adapterId,
        });
        const info = service.tune;
        const song = options.song ?? info?.startSong ?? 1;
        setNow({
          choice,
          id: choice.kind === 'library' ? choice.tune.id : null,
          title: info?.title ?? (choice.kind === 'library' ? choice.tune.title : choice.name),
          author: info?.author ?? '',
          released: info?.released ?? '',
          songs: info?.songs ?? 1,
          song,
        });
        setActiveAdapter(service.activeAdapter);
        void service.availability().then((list) => {
          setAdapters(list);
          const status = list.find((a) => a.id === 'ultimate64');
          if (status) setDevice(status);
        });
        // The device can only restart a song, not seek into it.
        if (options.at && service.activeAdapter !== 'ultimate64') await service.seek(options.at);
        await context.resume();
        await service.play();
      } catch (error) {
        setError(messageOf(error));
      }
    },
    [adapterId, ensureAudio],
  );

  const act = useCallback(async (action: (service: PlaybackService) => unknown) => {
    const audio = audioRef.current;
    if (!audio) return;
    try {
      await audio.context.resume();
      await action(audio.service);
    } catch (error) {
      setError(messageOf(error));
    }
  }, []);

  const commitScrub = () => {
    if (scrub === null) return;
    const seconds = scrub;
    setScrub(null);
    void act((s) => s.seek(seconds));
  };

  const changeSong = (delta: number) => {
    if (!now) return;
    const song = ((now.song - 1 + delta + now.songs) % now.songs) + 1;
    setNow({ ...now, song });
    void act(async (s) => {
      await s.setSong(song);
      if (s.state !== 'playing') await s.play();
    });
  };

  const changeAdapter = (id: string) => {
    setAdapterId(id);
    // Switching while a tune is loaded reloads it on the new adapter where it was.
    if (now && state !== 'error') {
      void start(now.choice, { song: now.song, adapter: id, at: position });
    }
  };

  const playing = state === 'playing';
  const canControl = now !== null && state !== 'loading' && state !== 'idle';
  return (
    <>
      <TuneList demo={demo} hvsc={hvsc} currentId={now?.id ?? null} onPick={(c) => void start(c)} />
      <section aria-label="player">
        <h2>Now playing</h2>
        {error && (
          <div role="alert" data-testid="error">
            {error}
          </div>
        )}
        {notice && <p className="muted">{notice}</p>}
        <dl className="now">
          <dt>Title</dt>
          <dd data-testid="title">{now?.title ?? '—'}</dd>
          <dt>Author</dt>
          <dd data-testid="author">{now?.author || '—'}</dd>
          <dt>Released</dt>
          <dd>{now?.released || '—'}</dd>
          <dt>Subtune</dt>
          <dd data-testid="subtune">{now ? `${now.song} / ${now.songs}` : '—'}</dd>
          <dt>Position</dt>
          <dd data-testid="position">{formatTime(position)}</dd>
          <dt>Engine</dt>
          <dd>
            {activeAdapter ?? '—'}
            {renderPath ? ` (${renderPath})` : ''}
            {isolated === null ? '' : isolated ? ' · cross-origin isolated' : ' · not isolated'}
          </dd>
        </dl>
        <div className="controls">
          <button
            type="button"
            className="control"
            data-testid="play-pause"
            disabled={!canControl}
            onClick={() =>
              act((s) => (playing ? s.pause() : state === 'paused' ? s.resume() : s.play()))
            }
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            className="control"
            data-testid="stop"
            disabled={!canControl}
            onClick={() =>
              act(async (s) => {
                await s.stop();
                await audioRef.current?.context.suspend();
              })
            }
          >
            Stop
          </button>
          <button
            type="button"
            className="control"
            data-testid="prev-song"
            disabled={!canControl || (now?.songs ?? 1) < 2}
            onClick={() => changeSong(-1)}
          >
            Previous subtune
          </button>
          <button
            type="button"
            className="control"
            data-testid="next-song"
            disabled={!canControl || (now?.songs ?? 1) < 2}
            onClick={() => changeSong(1)}
          >
            Next subtune
          </button>
          <label>
            Adapter{' '}
            <select
              data-testid="adapter"
              value={adapterId}
              onChange={(e) => changeAdapter(e.currentTarget.value)}
            >
              {ADAPTERS.map(({ id, label }) => {
                const status =
                  id === 'ultimate64' ? (device ?? undefined) : adapters.find((a) => a.id === id);
                const unavailable = status !== undefined && !status.available;
                return (
                  <option
                    key={id}
                    value={id}
                    title={status?.reason}
                    data-available={status ? String(status.available) : ''}
                    disabled={id === 'ultimate64' && unavailable}
                  >
                    {label}
                    {unavailable
                      ? id === 'ultimate64'
                        ? ` (unavailable: ${status.reason})`
                        : ' (unavailable for this tune)'
                      : ''}
                  </option>
                );
              })}
            </select>
          </label>
        </div>
        <div className="controls">
          <input
            type="range"
            aria-label="position"
            min={0}
            max={SEEK_MAX_SECONDS}
            step={1}
            value={Math.min(SEEK_MAX_SECONDS, Math.floor(scrub ?? position))}
            disabled={!canControl}
            // Dragging only moves the thumb; the seek happens on release, because a
            // forward seek re-synthesises the audio in between and must not run per step.
            onChange={(e) => setScrub(Number(e.currentTarget.value))}
            onPointerUp={commitScrub}
            onKeyUp={commitScrub}
          />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const seconds = Number(seekTo);
              if (Number.isFinite(seconds) && seconds >= 0) void act((s) => s.seek(seconds));
            }}
          >
            <input
              type="number"
              min={0}
              step="any"
              placeholder="seconds"
              aria-label="seek to seconds"
              data-testid="seek-input"
              value={seekTo}
              onChange={(e) => setSeekTo(e.currentTarget.value)}
              style={{ width: 90 }}
            />{' '}
            <button type="submit" className="control" data-testid="seek" disabled={!canControl}>
              Seek
            </button>
          </form>
        </div>
        <div className="controls">
          {[0, 1, 2].map((v) => (
            <label key={v}>
              <input
                type="checkbox"
                checked={!muted[v]}
                onChange={(e) => {
                  const next = [...muted];
                  next[v] = !e.currentTarget.checked;
                  setMuted(next);
                  void act((s) => s.mute(v as 0 | 1 | 2, next[v]));
                }}
              />{' '}
              voice {v + 1}
            </label>
          ))}
          <label>
            volume{' '}
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={volume}
              onChange={(e) => {
                const value = Number(e.currentTarget.value);
                setVolume(value);
                void act((s) => s.setVolume(value));
              }}
            />
          </label>
        </div>
        <VoiceRoll feed={registers} muted={muted} />
        <p
          className="muted"
          data-testid="device-status"
          data-available={device ? String(device.available) : ''}
        >
          Ultimate 64:{' '}
          {device === null
            ? 'asking…'
            : device.available
              ? `${device.reason}${activeAdapter === 'ultimate64' ? ` · ${state}` : ''}`
              : `unavailable: ${device.reason}`}
        </p>
        {(activeAdapter === 'stream' || activeAdapter === 'ultimate64') && (
          <p className="muted">
            {activeAdapter === 'stream'
              ? 'A rendered stream carries no register data, so the voices stand still.'
              : 'The device plays on its own output; this page hears nothing of it.'}
          </p>
        )}
        <LevelMeter analyser={analyser} />
        <p
          className="muted"
          data-testid="status"
          data-state={state}
          data-position={position.toFixed(2)}
          data-adapter={activeAdapter ?? ''}
          data-render-path={renderPath ?? ''}
          data-isolated={String(isolated)}
          data-song={now?.song ?? ''}
        >
          state: {state}
          {telemetry.startMs !== null &&
            ` · started ${Math.round(telemetry.startMs)} ms after play`}
          {` · underruns ${telemetry.underruns}`}
        </p>
      </section>
    </>
  );
}

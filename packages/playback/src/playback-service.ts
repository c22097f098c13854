import type { SidflowError } from '@sidflow/core';
import { adapterOrder } from './adapter-order.js';
import type { AdapterEventSink, PlaybackAdapter } from './playback-adapter.js';
import { type AdapterAttempt, PlaybackError, toSidflowError } from './playback-error.js';
import { readTuneInfo } from './tune-info.js';
import { TypedEmitter } from './typed-emitter.js';
import type {
  AdapterStatus,
  LoadedTune,
  LoadOptions,
  PlaybackEventName,
  PlaybackEvents,
  PlaybackListener,
  PlaybackPreference,
  PlaybackSource,
  PlaybackState,
  TelemetryEvent,
  TelemetrySink,
  TuneInfo,
} from './types.js';

/** Options of {@link createPlaybackService}. */
export interface PlaybackServiceOptions {
  /**
   * The adapters, in order of preference within each kind (hardware adapters
   * come first under `hardware-if-available`). The service owns them:
   * `dispose` disposes them.
   */
  adapters: PlaybackAdapter[];
  /** Which adapters may play. Default `hardware-if-available`. */
  preference?: PlaybackPreference;
  /** Receives every telemetry event. Default: none (the `telemetry` event still fires). */
  telemetry?: TelemetrySink;
  /**
   * Reads `{ path }` sources. Default: none, so path sources fail; in Node pass
   * `readTuneFile` from `@sidflow/playback/node`.
   */
  readPath?: (path: string, signal: AbortSignal) => Promise<Uint8Array>;
  /** Fetches `{ url }` sources. Default: the global `fetch`. */
  fetch?: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
}

/** Codes that say the tune itself is bad, so trying another adapter would not help. */
const TUNE_ERROR_CODES = new Set(['PLAYBACK_BAD_TUNE', 'ENGINE_INVALID_TUNE']);

/**
 * The playback facade: one state machine and one event stream over whichever
 * adapter plays. Calls are serialised, so `load` then `play` without awaiting
 * works. Create one with {@link createPlaybackService}.
 *
 * States: `idle` → `loading` → `ready` → `playing` ⇄ `paused` → `ended`;
 * `stop` returns to `ready` at 0 s; any failure gives `error`, from which a
 * new `load` recovers.
 */
export class PlaybackService {
  /** Which adapters may play. */
  readonly preference: PlaybackPreference;
  private readonly adapterList: PlaybackAdapter[];
  private readonly telemetrySink: TelemetrySink | undefined;
  private readonly readPath: PlaybackServiceOptions['readPath'];
  private readonly fetchSource: NonNullable<PlaybackServiceOptions['fetch']>;
  private readonly events = new TypedEmitter<PlaybackEvents>();
  private current: PlaybackState = 'idle';
  private seconds = 0;
  private adapter: PlaybackAdapter | null = null;
  private loaded: LoadedTune | null = null;
  private currentSong = 0;
  private length: number | undefined;
  private volume = 1;
  private readonly muted = [false, false, false];
  private underrunTotal = 0;
  private lastError: SidflowError | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private loadController: AbortController | null = null;
  private session = 0;
  private disposed = false;

  /** @param options - see {@link PlaybackServiceOptions} */
  constructor(options: PlaybackServiceOptions) {
    const ids = new Set<string>();
    for (const a of options.adapters) {
      if (ids.has(a.id)) {
        throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', `two adapters share the id "${a.id}"`);
      }
      ids.add(a.id);
    }
    this.adapterList = [...options.adapters];
    this.preference = options.preference ?? 'hardware-if-available';
    this.telemetrySink = options.telemetry;
    this.readPath = options.readPath;
    this.fetchSource = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** The current state. */
  get state(): PlaybackState {
    return this.current;
  }

  /** Playback position in seconds. */
  get position(): number {
    return this.seconds;
  }

  /** Id of the adapter playing the loaded tune, or null. */
  get activeAdapter(): string | null {
    return this.adapter?.id ?? null;
  }

  /** The active adapter's render path (e.g. `shared-ring` or `worklet`), or null. */
  get renderPath(): string | null {
    return this.adapter?.renderPath ?? null;
  }

  /** Header facts of the loaded tune, or null. */
  get tune(): TuneInfo | null {
    return this.loaded?.info ?? null;
  }

  /** The song loaded, 1-based (0 before a load). */
  get song(): number {
    return this.currentSong;
  }

  /** The error that put the service in the `error` state, or null. */
  get error(): SidflowError | null {
    return this.lastError;
  }

  /** The registered adapters, in registration order. */
  get adapters(): readonly PlaybackAdapter[] {
    return this.adapterList;
  }

  /** Each adapter's availability (for the loaded tune, when there is one) and why. */
  async availability(): Promise<AdapterStatus[]> {
    return Promise.all(
      this.adapterList.map(async (a) => {
        const status = await a
          .availability(this.loaded ?? undefined)
          .catch((e: unknown) => ({ available: false, reason: toSidflowError(e, a.id).message }));
        return { id: a.id, kind: a.kind, ...status };
      }),
    );
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends PlaybackEventName>(event: K, listener: PlaybackListener<K>): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Loads a tune onto the first adapter that can play it (see
   * {@link PlaybackServiceOptions.adapters} and the preference), replacing
   * any tune loaded or loading. Adapters passed over give a `fallback` event.
   * Ends in `ready`, or in `error` and rejects with the same error the
   * `error` event carries.
   */
  load(source: PlaybackSource, options: LoadOptions = {}): Promise<void> {
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    const signal = options.signal
      ? AbortSignal.any([options.signal, controller.signal])
      : controller.signal;
    return this.serial(() => this.doLoad(source, options, signal));
  }

  /** Starts playing (from 0 s after `stop` or the end); resumes when paused. */
  play(): Promise<void> {
    return this.serial(async () => {
      const adapter = this.need('ready', 'ended', 'paused', 'playing');
      if (this.current === 'playing') return;
      if (this.current === 'paused') {
        await this.guard(() => adapter.resume());
      } else {
        if (this.current === 'ended') this.setPosition(0);
        await this.guard(() => adapter.play());
      }
      this.setState('playing');
    });
  }

  /** Holds the position, silent. */
  pause(): Promise<void> {
    return this.serial(async () => {
      const adapter = this.need('playing', 'paused');
      if (this.current === 'paused') return;
      await this.guard(() => adapter.pause());
      this.setState('paused');
    });
  }

  /** Continues after `pause`. */
  resume(): Promise<void> {
    return this.serial(async () => {
      const adapter = this.need('playing', 'paused');
      if (this.current === 'playing') return;
      await this.guard(() => adapter.resume());
      this.setState('playing');
    });
  }

  /** Stops: silent, back at 0 s, the tune still loaded (`ready`); no audio resources left running. */
  stop(): Promise<void> {
    return this.serial(async () => {
      const adapter = this.need('ready', 'playing', 'paused', 'ended');
      await this.guard(() => adapter.stop());
      this.setPosition(0);
      this.setState('ready');
    });
  }

  /** Moves to `seconds`, keeping play or pause. */
  seek(seconds: number): Promise<void> {
    return this.serial(async () => {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', `seek needs seconds >= 0, got ${seconds}`);
      }
      const adapter = this.need('ready', 'playing', 'paused', 'ended');
      await this.guard(() => adapter.seek(seconds));
      this.setPosition(seconds);
      if (this.current === 'ended') this.setState('ready');
    });
  }

  /** Switches to song `song` (1-based) of the loaded tune; keeps playing when it was. */
  setSong(song: number): Promise<void> {
    return this.serial(async () => {
      const adapter = this.need('ready', 'playing', 'paused', 'ended');
      const tune = this.loaded!;
      if (!Number.isInteger(song) || song < 1 || song > tune.info.songs) {
        throw new PlaybackError(
          'PLAYBACK_BAD_ARGUMENT',
          `song must be 1..${tune.info.songs} for "${tune.name}", got ${song}`,
        );
      }
      const wasPlaying = this.current === 'playing';
      const session = ++this.session;
      await this.guard(() =>
        adapter.load({
          tune,
          song,
          seconds: this.length,
          events: this.sinkFor(session, adapter),
          signal: new AbortController().signal,
        }),
      );
      this.currentSong = song;
      this.applyMix(adapter);
      this.setPosition(0);
      this.setState('ready');
      if (wasPlaying) {
        await this.guard(() => adapter.play());
        this.setState('playing');
      }
    });
  }

  /** Output volume, 0–1 (kept across loads). */
  setVolume(volume: number): void {
    if (!(volume >= 0 && volume <= 1)) {
      throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', `volume must be 0..1, got ${volume}`);
    }
    this.volume = volume;
    this.adapter?.setVolume(volume);
  }

  /** Silences or restores voice 0–2 (kept across loads) where the adapter can. */
  mute(voice: 0 | 1 | 2, muted: boolean): void {
    if (voice !== 0 && voice !== 1 && voice !== 2) {
      throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', `voice must be 0, 1 or 2, got ${voice}`);
    }
    this.muted[voice] = muted;
    this.adapter?.mute(voice, muted);
  }

  /** Stops, unloads and disposes every adapter and drops every listener. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.loadController?.abort();
    this.session++;
    await this.queue.catch(() => undefined);
    for (const a of this.adapterList) {
      await a.dispose().catch(() => undefined);
    }
    this.adapter = null;
    this.loaded = null;
    this.events.clear();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.disposed) {
      return Promise.reject(
        new PlaybackError('PLAYBACK_DISPOSED', 'the playback service was disposed'),
      );
    }
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private need(...states: PlaybackState[]): PlaybackAdapter {
    if (!this.adapter || !states.includes(this.current)) {
      throw new PlaybackError(
        'PLAYBACK_BAD_STATE',
        this.adapter
          ? `cannot do that while ${this.current}`
          : 'no tune is loaded: call load() first',
      );
    }
    return this.adapter;
  }

  /** Runs an adapter call; a failure puts the service in `error`. */
  private async guard(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      throw this.fail(toSidflowError(error, this.adapter?.id));
    }
  }

  private async doLoad(source: PlaybackSource, options: LoadOptions, signal: AbortSignal) {
    const started = now();
    const session = ++this.session;
    this.setState('loading');
    try {
      if (this.adapter) {
        const old = this.adapter;
        this.adapter = null;
        this.loaded = null;
        await old.unload().catch(() => undefined);
      }
      this.setPosition(0);
      this.underrunTotal = 0;
      this.lastError = null;
      const tune = await this.readSource(source, signal);
      const song = options.song ?? tune.info.startSong;
      if (!Number.isInteger(song) || song < 1 || song > tune.info.songs) {
        throw new PlaybackError(
          'PLAYBACK_BAD_ARGUMENT',
          `song must be 1..${tune.info.songs} for "${tune.name}", got ${song}`,
        );
      }
      if (options.seconds !== undefined && !(options.seconds > 0)) {
        throw new PlaybackError(
          'PLAYBACK_BAD_ARGUMENT',
          `seconds must be > 0, got ${options.seconds}`,
        );
      }
      const adapter = await this.chooseAdapter(tune, song, options, session, signal);
      this.adapter = adapter;
      this.loaded = tune;
      this.currentSong = song;
      this.length = options.seconds;
      this.applyMix(adapter);
      this.telemetry({ type: 'load', adapter: adapter.id, ms: now() - started });
      this.setState('ready');
    } catch (error) {
      if (signal.aborted && session !== this.session) {
        throw new PlaybackError('PLAYBACK_ABORTED', 'the load was replaced by a newer one', {
          cause: error,
        });
      }
      throw this.fail(toSidflowError(error));
    }
  }

  private async readSource(source: PlaybackSource, signal: AbortSignal): Promise<LoadedTune> {
    let bytes: Uint8Array;
    let where: string;
    if ('bytes' in source) {
      if (!(source.bytes instanceof Uint8Array)) {
        throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', 'source.bytes must be a Uint8Array');
      }
      bytes = source.bytes;
      where = source.name ?? 'the tune';
    } else if ('url' in source) {
      where = source.url;
      let response: Response;
      try {
        response = await this.fetchSource(source.url, { signal });
      } catch (error) {
        throw new PlaybackError(
          'PLAYBACK_SOURCE_FAILED',
          `could not fetch ${source.url}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      if (!response.ok) {
        throw new PlaybackError(
          'PLAYBACK_SOURCE_FAILED',
          `could not fetch ${source.url}: HTTP ${response.status}`,
        );
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } else {
      where = source.path;
      if (!this.readPath) {
        throw new PlaybackError(
          'PLAYBACK_SOURCE_FAILED',
          `cannot read ${source.path}: this service has no readPath (in Node pass readTuneFile from @sidflow/playback/node)`,
        );
      }
      try {
        bytes = await this.readPath(source.path, signal);
      } catch (error) {
        throw new PlaybackError(
          'PLAYBACK_SOURCE_FAILED',
          `could not read ${source.path}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const info = readTuneInfo(bytes, source.name ?? where);
    const name = source.name ?? (info.title || where);
    const id = source.id ?? source.name ?? ('url' in source ? source.url : where);
    return { bytes, name, id, info };
  }

  private async chooseAdapter(
    tune: LoadedTune,
    song: number,
    options: LoadOptions,
    session: number,
    signal: AbortSignal,
  ): Promise<PlaybackAdapter> {
    const requested = options.adapter;
    if (requested !== undefined && !this.adapterList.some((a) => a.id === requested)) {
      throw new PlaybackError(
        'PLAYBACK_BAD_ARGUMENT',
        `no adapter "${requested}"; registered: ${this.adapterList.map((a) => a.id).join(', ') || 'none'}`,
      );
    }
    const candidates = adapterOrder(this.adapterList, this.preference, requested);
    const attempts: AdapterAttempt[] = [];
    if (requested !== undefined && candidates[0]?.id !== requested) {
      attempts.push({
        adapter: requested,
        reason: `the preference "${this.preference}" excludes it`,
      });
    }
    const first = requested ?? candidates[0]?.id ?? 'none';
    for (const adapter of candidates) {
      if (signal.aborted) throw new PlaybackError('PLAYBACK_ABORTED', 'the load was cancelled');
      const status = await adapter
        .availability(tune)
        .catch((e: unknown) => ({ available: false, reason: toSidflowError(e).message }));
      if (!status.available) {
        attempts.push({ adapter: adapter.id, reason: status.reason });
        continue;
      }
      try {
        await adapter.load({
          tune,
          song,
          seconds: options.seconds,
          events: this.sinkFor(session, adapter),
          signal,
        });
      } catch (error) {
        const e = toSidflowError(error, adapter.id);
        await adapter.unload().catch(() => undefined);
        if (TUNE_ERROR_CODES.has(e.code) || signal.aborted) throw e;
        attempts.push({ adapter: adapter.id, reason: e.message });
        continue;
      }
      if (attempts.length > 0) {
        this.announceFallback(first, adapter.id, attempts);
      }
      return adapter;
    }
    this.announceFallback(first, null, attempts);
    const why = attempts.map((a) => `${a.adapter}: ${a.reason}`).join('; ');
    const rule =
      this.preference === 'hardware-only'
        ? ' The preference "hardware only" never falls back to software; connect a device or change the preference.'
        : '';
    throw new PlaybackError(
      'PLAYBACK_NO_ADAPTER',
      `no adapter can play "${tune.name}"${why ? ` (${why})` : ' (none registered for this preference)'}.${rule}`,
      { attempts },
    );
  }

  private announceFallback(from: string, to: string | null, attempts: AdapterAttempt[]): void {
    const reason = attempts.map((a) => `${a.adapter}: ${a.reason}`).join('; ') || 'no adapter';
    this.events.emit('fallback', { from, to, reason });
    this.telemetry({ type: 'fallback', from, to, reason });
  }

  private sinkFor(session: number, adapter: PlaybackAdapter): AdapterEventSink {
    const live = () => session === this.session && this.adapter === adapter && !this.disposed;
    return {
      position: (seconds) => {
        if (!live() || (this.current !== 'playing' && this.current !== 'paused')) return;
        this.setPosition(seconds);
        if (this.length !== undefined && seconds >= this.length && this.current === 'playing') {
          this.finish(session);
        }
      },
      underrun: (count) => {
        if (!live() || count <= 0) return;
        this.underrunTotal += count;
        this.events.emit('underrun', { count, total: this.underrunTotal });
        this.telemetry({ type: 'underrun', adapter: adapter.id, count, total: this.underrunTotal });
      },
      started: (latencyMs) => {
        if (!live()) return;
        this.telemetry({ type: 'start', adapter: adapter.id, latencyMs });
      },
      ended: () => {
        if (live() && this.current === 'playing') this.finish(session);
      },
      error: (error) => {
        if (!live()) return;
        this.fail(error);
        void adapter.stop().catch(() => undefined);
      },
      registers: (frame) => {
        if (live()) this.events.emit('registers', frame);
      },
      note: (event) => {
        if (live()) this.events.emit('note', event);
      },
    };
  }

  /** The song reached its end: stop the adapter, state `ended`, `trackend`. */
  private finish(session: number): void {
    const adapter = this.adapter!;
    const at = this.seconds;
    this.setState('ended');
    this.events.emit('trackend', { song: this.currentSong });
    void this.serial(async () => {
      if (session !== this.session || this.current !== 'ended') return;
      await adapter.stop().catch(() => undefined);
      this.seconds = at;
    });
  }

  private applyMix(adapter: PlaybackAdapter): void {
    adapter.setVolume(this.volume);
    for (const voice of [0, 1, 2] as const) {
      if (this.muted[voice]) adapter.mute(voice, true);
    }
  }

  private fail(error: SidflowError): SidflowError {
    this.lastError = error;
    this.setState('error');
    this.events.emit('error', { error });
    this.telemetry({
      type: 'error',
      adapter: this.adapter?.id ?? null,
      code: error.code,
      message: error.message,
    });
    return error;
  }

  private setState(state: PlaybackState): void {
    if (state === this.current) return;
    const previous = this.current;
    this.current = state;
    this.events.emit('state', { state, previous });
  }

  private setPosition(seconds: number): void {
    this.seconds = seconds;
    this.events.emit('position', { seconds });
  }

  private telemetry(event: TelemetryEvent): void {
    this.telemetrySink?.(event);
    this.events.emit('telemetry', event);
  }
}

/**
 * Creates the playback facade over the given adapters.
 *
 * @example
 * ```ts
 * import { createPlaybackService } from '@sidflow/playback';
 * import { createWorkletAdapter } from '@sidflow/playback/worklet';
 *
 * const playback = createPlaybackService({
 *   adapters: [createWorkletAdapter({ processorUrl: '/sidflow-worklet.js', workerUrl: '/sidflow-render-worker.js' })],
 * });
 * playback.on('state', ({ state }) => console.log(state));
 * await playback.load({ url: '/tunes/korobeiniki.sid' });
 * await playback.play();
 * ```
 */
export function createPlaybackService(options: PlaybackServiceOptions): PlaybackService {
  return new PlaybackService(options);
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

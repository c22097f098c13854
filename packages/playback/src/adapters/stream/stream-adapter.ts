/// <reference lib="dom" />
import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError } from '../../playback-error.js';
import type { AdapterAvailability, LoadedTune } from '../../types.js';
import { formatsFor, type StreamFormat, type StreamManifest } from './stream-manifest.js';

/** Options of {@link createStreamAdapter}. */
export interface StreamAdapterOptions {
  /** Origin and path prefix of the playback API. Default `''` (the page's origin). */
  baseUrl?: string;
  /**
   * Where a tune's availability manifest comes from. Default: GET
   * `{baseUrl}/api/playback/{id}/manifest` (JSON); null when there is none.
   */
  manifest?: (tune: LoadedTune, signal?: AbortSignal) => Promise<StreamManifest | null>;
  /** Formats in order of preference. Default `['m4a', 'wav', 'hls']`. */
  formats?: StreamFormat[];
  /** Makes the media element. Default `document.createElement('audio')`. */
  createMedia?: () => HTMLMediaElement;
}

/** The streaming adapter (see {@link createStreamAdapter}). */
export interface StreamAdapter extends PlaybackAdapter {
  /** The format playing (`wav`, `m4a`, `hls`), or null before a load. */
  readonly format: StreamFormat | null;
  /** The media element in use, or null before a load. */
  readonly media: HTMLMediaElement | null;
}

/**
 * Creates the adapter that plays pre-rendered audio: WAV or M4A from
 * `/api/playback/{id}/{format}?song=N` through a media element (which fetches
 * with HTTP range requests, so seeking does not download the whole file), or
 * HLS (AAC segments) from `/api/playback/{id}/hls/index.m3u8?song=N` through
 * hls.js where the element cannot play it natively.
 * Whether a tune can stream comes from its render availability manifest.
 * Voice muting is not possible on a mixed render and is ignored.
 *
 * @example
 * ```ts
 * const stream = createStreamAdapter({ formats: ['m4a', 'wav'] });
 * const playback = createPlaybackService({ adapters: [stream] });
 * await playback.load({ url: '/tunes/korobeiniki.sid', id: 'korobeiniki' });
 * ```
 */
export function createStreamAdapter(options: StreamAdapterOptions = {}): StreamAdapter {
  return new MediaStreamAdapter(options);
}

interface HlsLike {
  loadSource(url: string): void;
  attachMedia(media: HTMLMediaElement): void;
  destroy(): void;
  on(
    event: string,
    handler: (event: string, data: { fatal?: boolean; details?: string }) => void,
  ): void;
}

class MediaStreamAdapter implements StreamAdapter {
  readonly id = 'stream';
  readonly kind = 'software' as const;
  private element: HTMLMediaElement | null = null;
  private hls: HlsLike | null = null;
  private current: StreamFormat | null = null;
  private sink: AdapterEventSink | null = null;
  private manifests = new Map<string, StreamManifest | null>();
  private playAt = 0;
  private playing = false;
  private detach: (() => void) | null = null;
  private disposed = false;

  constructor(private readonly options: StreamAdapterOptions) {}

  get format(): StreamFormat | null {
    return this.current;
  }

  get media(): HTMLMediaElement | null {
    return this.element;
  }

  get renderPath(): string {
    return this.current ?? 'stream';
  }

  private base(): string {
    return (this.options.baseUrl ?? '').replace(/\/$/, '');
  }

  private url(tune: LoadedTune, format: StreamFormat, song: number): string {
    // HLS segment URIs are relative to the playlist's, so the playlist sits in its own folder.
    const file = format === 'hls' ? 'hls/index.m3u8' : format;
    return `${this.base()}/api/playback/${encodeURIComponent(tune.id)}/${file}?song=${song}`;
  }

  private async manifestOf(tune: LoadedTune, signal?: AbortSignal): Promise<StreamManifest | null> {
    if (this.manifests.has(tune.id)) return this.manifests.get(tune.id)!;
    let manifest: StreamManifest | null = null;
    if (this.options.manifest) {
      manifest = await this.options.manifest(tune, signal);
    } else {
      const response = await fetch(
        `${this.base()}/api/playback/${encodeURIComponent(tune.id)}/manifest`,
        {
          signal,
        },
      );
      manifest = response.ok ? ((await response.json()) as StreamManifest) : null;
    }
    this.manifests.set(tune.id, manifest);
    return manifest;
  }

  private order(): StreamFormat[] {
    return this.options.formats ?? ['m4a', 'wav', 'hls'];
  }

  async availability(tune?: LoadedTune): Promise<AdapterAvailability> {
    if (this.disposed) return { available: false, reason: 'the adapter was disposed' };
    if (typeof document === 'undefined' && !this.options.createMedia) {
      return { available: false, reason: 'streaming needs a browser media element' };
    }
    if (!tune) return { available: true, reason: 'plays pre-rendered audio when a render exists' };
    let manifest: StreamManifest | null;
    try {
      manifest = await this.manifestOf(tune);
    } catch (error) {
      return {
        available: false,
        reason: `could not read the render manifest: ${(error as Error).message}`,
      };
    }
    if (!manifest) return { available: false, reason: `no render manifest for "${tune.id}"` };
    const formats = formatsFor(manifest, tune.info.startSong, this.order());
    const any =
      formats.length > 0 ||
      manifest.renders.some((r) => formatsFor(manifest, r.song, this.order()).length > 0);
    return any
      ? {
          available: true,
          reason: `${manifest.renders.length > 0 ? 'pre-rendered' : 'rendered on request as'} ${formats.join('/') || 'audio'} for "${tune.id}"`,
        }
      : { available: false, reason: `no ${this.order().join('/')} render of "${tune.id}"` };
  }

  async load(request: AdapterLoadRequest): Promise<void> {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the stream adapter was disposed');
    await this.unload();
    const { tune, song } = request;
    const manifest = await this.manifestOf(tune, request.signal);
    const formats = manifest ? formatsFor(manifest, song, this.order()) : [];
    if (formats.length === 0) {
      throw new PlaybackError(
        'PLAYBACK_ADAPTER_FAILED',
        `song ${song} of "${tune.id}" has no ${this.order().join('/')} render`,
        { adapter: this.id },
      );
    }
    const media = this.options.createMedia?.() ?? document.createElement('audio');
    media.preload = 'auto';
    this.element = media;
    let lastError: unknown = null;
    for (const format of formats) {
      try {
        await this.attach(media, format, this.url(tune, format, song), request.signal);
        this.current = format;
        lastError = null;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError) {
      await this.unload();
      throw new PlaybackError(
        'PLAYBACK_ADAPTER_FAILED',
        `could not stream "${tune.id}": ${(lastError as Error).message}`,
        { adapter: this.id, cause: lastError },
      );
    }
    this.sink = request.events;
    this.listen(media);
  }

  private async attach(
    media: HTMLMediaElement,
    format: StreamFormat,
    url: string,
    signal: AbortSignal,
  ): Promise<void> {
    this.hls?.destroy();
    this.hls = null;
    const ready = new Promise<void>((resolve, reject) => {
      const ok = () => {
        cleanup();
        resolve();
      };
      const fail = () => {
        cleanup();
        reject(
          new Error(
            `${format} at ${url}: media error ${media.error?.code ?? '?'} ${media.error?.message ?? ''}`.trim(),
          ),
        );
      };
      const abort = () => {
        cleanup();
        reject(new Error('aborted'));
      };
      const cleanup = () => {
        media.removeEventListener('loadedmetadata', ok);
        media.removeEventListener('error', fail);
        signal.removeEventListener('abort', abort);
      };
      media.addEventListener('loadedmetadata', ok);
      media.addEventListener('error', fail);
      signal.addEventListener('abort', abort);
    });
    if (format === 'hls' && !media.canPlayType('application/vnd.apple.mpegurl')) {
      const { default: Hls } = await import('hls.js');
      if (!Hls.isSupported())
        throw new Error('this browser has neither native HLS nor Media Source Extensions');
      const hls = new Hls() as unknown as HlsLike;
      this.hls = hls;
      hls.on('hlsError', (_e, data) => {
        if (data.fatal)
          this.sink?.error(
            new PlaybackError('PLAYBACK_ADAPTER_FAILED', `HLS: ${data.details}`, {
              adapter: this.id,
            }),
          );
      });
      hls.loadSource(url);
      hls.attachMedia(media);
    } else {
      media.src = url;
      media.load();
    }
    await ready;
  }

  private listen(media: HTMLMediaElement): void {
    const onTime = () => this.sink?.position(media.currentTime);
    const onPlaying = () => {
      if (this.playAt > 0) {
        this.sink?.started(performance.now() - this.playAt);
        this.playAt = 0;
      }
    };
    const onWaiting = () => {
      if (this.playing && this.playAt === 0) this.sink?.underrun(1);
    };
    const onEnded = () => this.sink?.ended();
    const onError = () =>
      this.sink?.error(
        new PlaybackError(
          'PLAYBACK_ADAPTER_FAILED',
          `media error ${media.error?.code}: ${media.error?.message ?? ''}`,
          {
            adapter: this.id,
          },
        ),
      );
    media.addEventListener('timeupdate', onTime);
    media.addEventListener('playing', onPlaying);
    media.addEventListener('waiting', onWaiting);
    media.addEventListener('ended', onEnded);
    media.addEventListener('error', onError);
    this.detach = () => {
      media.removeEventListener('timeupdate', onTime);
      media.removeEventListener('playing', onPlaying);
      media.removeEventListener('waiting', onWaiting);
      media.removeEventListener('ended', onEnded);
      media.removeEventListener('error', onError);
    };
  }

  private need(): HTMLMediaElement {
    if (!this.element) throw new PlaybackError('PLAYBACK_BAD_STATE', 'no tune is loaded');
    return this.element;
  }

  async play(): Promise<void> {
    const media = this.need();
    this.playAt = performance.now();
    this.playing = true;
    await media.play();
  }

  async pause(): Promise<void> {
    this.playing = false;
    this.need().pause();
  }

  async resume(): Promise<void> {
    await this.play();
  }

  async stop(): Promise<void> {
    const media = this.need();
    this.playing = false;
    media.pause();
    media.currentTime = 0;
  }

  async seek(seconds: number): Promise<void> {
    const media = this.need();
    media.currentTime = seconds;
    this.sink?.position(seconds);
  }

  setVolume(volume: number): void {
    if (this.element) this.element.volume = volume;
  }

  mute(): void {
    // A mixed render has no separate voices.
  }

  async unload(): Promise<void> {
    this.sink = null;
    this.playing = false;
    this.detach?.();
    this.detach = null;
    this.hls?.destroy();
    this.hls = null;
    const media = this.element;
    this.element = null;
    this.current = null;
    if (media) {
      media.pause();
      media.removeAttribute('src');
      media.load();
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.unload();
    this.manifests.clear();
    this.disposed = true;
  }
}

import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError, toSidflowError } from '../../playback-error.js';
import type { AdapterAvailability } from '../../types.js';

/**
 * The calls the adapter makes on an Ultimate 64, by the names of
 * `Ultimate64Client` from `@sidflow/ultimate64` (pass one of those). `pause`
 * and `resume` (`PUT /v1/machine:pause|resume`) are used when present.
 */
export interface Ultimate64Control {
  /** `GET /v1/version`. */
  version(opts?: { signal?: AbortSignal }): Promise<{
    /** The REST API version the device reports. */
    version: string;
  }>;
  /** `POST /v1/runners:sidplay?songnr=N` with the tune attached. */
  sidplay(sid: Uint8Array, opts?: { songnr?: number; signal?: AbortSignal }): Promise<void>;
  /** `PUT /v1/machine:reset`. */
  reset(opts?: { signal?: AbortSignal }): Promise<void>;
  /** `PUT /v1/machine:pause` (the CPU halts; the SID holds its last state). */
  pause?(opts?: { signal?: AbortSignal }): Promise<void>;
  /** `PUT /v1/machine:resume`. */
  resume?(opts?: { signal?: AbortSignal }): Promise<void>;
}

/** Options of {@link createUltimate64Adapter}. */
export interface Ultimate64AdapterOptions {
  /** The device client (in a browser: one pointed at the example server's proxy route). */
  client: Ultimate64Control;
  /** How the device is named in messages, e.g. its host. Default `Ultimate 64`. */
  name?: string;
  /** Milliseconds the availability check waits for the device. Default 2,000. */
  timeoutMs?: number;
}

/**
 * Creates the adapter that plays on a real Ultimate 64: `load` keeps the
 * tune, `play` sends it with `POST /v1/runners:sidplay?songnr=N`, `stop`
 * resets the machine. Pause and resume use the machine's pause and resume
 * when the client has them (the CPU halts, so the SID holds its current
 * notes), else pause resets and resume starts the song again. The device
 * cannot seek: `seek(0)` restarts the song and any other target fails. The
 * position is the wall clock since the device accepted the tune. Volume and
 * voice muting are not remote-controllable and are ignored.
 *
 * The device sends no CORS headers, so a browser cannot call it directly:
 * give the adapter a client whose host is the example web server's proxy
 * route, which forwards to the device.
 *
 * @example
 * ```ts
 * import { Ultimate64Client } from '@sidflow/ultimate64';
 * import { createUltimate64Adapter } from '@sidflow/playback/ultimate64';
 * const u64 = createUltimate64Adapter({ client: new Ultimate64Client({ host: '192.168.1.64' }) });
 * ```
 */
export function createUltimate64Adapter(options: Ultimate64AdapterOptions): PlaybackAdapter {
  return new DeviceAdapter(options);
}

class DeviceAdapter implements PlaybackAdapter {
  readonly id = 'ultimate64';
  readonly kind = 'hardware' as const;
  readonly renderPath = 'device';
  private bytes: Uint8Array | null = null;
  private song = 1;
  private sink: AdapterEventSink | null = null;
  private playing = false;
  private paused = false;
  private base = 0;
  private wallStart = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(private readonly options: Ultimate64AdapterOptions) {}

  private get name(): string {
    return this.options.name ?? 'Ultimate 64';
  }

  async availability(): Promise<AdapterAvailability> {
    if (this.disposed) return { available: false, reason: 'the adapter was disposed' };
    try {
      const { version } = await this.options.client.version({
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2000),
      });
      return { available: true, reason: `${this.name} answers (API version ${version})` };
    } catch (error) {
      return {
        available: false,
        reason: `${this.name} is unreachable: ${toSidflowError(error).message}`,
      };
    }
  }

  async load(request: AdapterLoadRequest): Promise<void> {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the Ultimate 64 adapter was disposed');
    await this.unload();
    this.bytes = request.tune.bytes;
    this.song = request.song;
    this.base = 0;
    this.sink = request.events;
  }

  private async device(what: string, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      throw new PlaybackError(
        'PLAYBACK_ADAPTER_FAILED',
        `${this.name} did not ${what}: ${toSidflowError(error).message}`,
        { adapter: this.id, cause: error },
      );
    }
  }

  private position(): number {
    if (!this.playing) return this.base;
    if (this.paused) return this.base;
    return this.base + (performance.now() - this.wallStart) / 1000;
  }

  private clock(on: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = on ? setInterval(() => this.sink?.position(this.position()), 100) : null;
  }

  async play(): Promise<void> {
    if (!this.bytes) throw new PlaybackError('PLAYBACK_BAD_STATE', 'no tune is loaded');
    if (this.paused) return this.resume();
    const sent = performance.now();
    const bytes = this.bytes;
    await this.device('start the tune', () =>
      this.options.client.sidplay(bytes, { songnr: this.song }),
    );
    this.wallStart = performance.now();
    this.sink?.started(this.wallStart - sent);
    this.base = 0;
    this.playing = true;
    this.paused = false;
    this.clock(true);
  }

  async pause(): Promise<void> {
    if (!this.playing || this.paused) return;
    const client = this.options.client;
    const at = this.position();
    if (client.pause) {
      await this.device('pause', () => client.pause!());
      this.base = at;
      this.paused = true;
    } else {
      await this.device('reset', () => client.reset());
      this.base = at;
      this.paused = true;
    }
    this.sink?.position(at);
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    const client = this.options.client;
    if (client.resume) {
      await this.device('resume', () => client.resume!());
      this.wallStart = performance.now();
      this.paused = false;
    } else {
      this.paused = false;
      this.playing = false;
      await this.play();
    }
  }

  async stop(): Promise<void> {
    this.clock(false);
    if (this.playing) await this.device('reset', () => this.options.client.reset());
    this.playing = false;
    this.paused = false;
    this.base = 0;
  }

  async seek(seconds: number): Promise<void> {
    if (seconds !== 0) {
      throw new PlaybackError(
        'PLAYBACK_ADAPTER_FAILED',
        `${this.name} cannot seek within a tune; seek(0) restarts it`,
        { adapter: this.id },
      );
    }
    const wasPlaying = this.playing && !this.paused;
    await this.stop();
    if (wasPlaying) await this.play();
  }

  setVolume(): void {
    // No remote volume on the device.
  }

  mute(): void {
    // No remote voice muting on the device.
  }

  async unload(): Promise<void> {
    this.sink = null;
    await this.stop().catch(() => undefined);
    this.bytes = null;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.unload();
    this.disposed = true;
  }
}

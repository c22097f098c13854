import type { Writable } from 'node:stream';
import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { EngineEventTap } from '../../engine-tap/engine-event-tap.js';
import { findExecutable } from '../../node-tools/find-executable.js';
import { GainRamp } from '../../node-tools/gain-ramp.js';
import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError, toSidflowError } from '../../playback-error.js';
import type { AdapterAvailability } from '../../types.js';
import { type PcmOutput, playerOutput, streamOutput, wavOutput } from './pcm-output.js';

/** Where the Node engine adapter plays: a system player, a WAV file, or raw PCM on a stream. */
export type NodeOutputKind = 'auto' | 'player' | 'wav' | 'stdout';

/** Options of {@link createNodeEngineAdapter}. */
export interface NodeEngineAdapterOptions {
  /**
   * `auto` (default): the first system player found, else a WAV file when
   * `wavPath` is set, else raw PCM on `stdout`.
   */
  output?: NodeOutputKind;
  /** System players to look for, in order. Default `['aplay', 'pw-play', 'ffplay']`. */
  players?: string[];
  /** The WAV file to write (output `wav`, or `auto` without a player). */
  wavPath?: string;
  /** The stream raw s16le PCM goes to (output `stdout`). Default `process.stdout`. */
  stdout?: Writable;
  /** Sample rate in Hz. Default 44,100. */
  sampleRate?: number;
  /** Channels, 1 or 2. Default 2. */
  channels?: 1 | 2;
  /** SID model. Default `auto` (song metadata, else 6581). */
  chip?: 'auto' | '6581' | '8580';
  /**
   * Pace rendering to the wall clock. Default: true for a system player,
   * false for WAV and stdout (they are written as fast as the engine runs).
   */
  realtime?: boolean;
  /** Environment of the player process. Default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/** Frames rendered per step. */
const CHUNK = 512;
/** How far ahead of the wall clock a paced render runs, in seconds. */
const LEAD_SECONDS = 0.1;
/** Seconds between position reports. */
const REPORT_SECONDS = 0.1;

/**
 * Creates the adapter that plays with our engine in Node: to `aplay`,
 * `pw-play` or `ffplay` when one is on PATH, else to a WAV file or raw PCM on
 * stdout. Used by `sidflow play`. The facade's volume scales the PCM before
 * it leaves (a change while playing ramps over 20 ms, so it does not click).
 *
 * @example
 * ```ts
 * import { createPlaybackService } from '@sidflow/playback';
 * import { createNodeEngineAdapter, readTuneFile } from '@sidflow/playback/node';
 *
 * const playback = createPlaybackService({
 *   adapters: [createNodeEngineAdapter({ output: 'wav', wavPath: 'out.wav' })],
 *   readPath: readTuneFile,
 * });
 * await playback.load({ path: 'tunes/sid/korobeiniki.sid' }, { seconds: 5 });
 * await playback.play();
 * ```
 */
export function createNodeEngineAdapter(options: NodeEngineAdapterOptions = {}): PlaybackAdapter {
  return new NodeEngineAdapter(options);
}

interface Target {
  kind: 'player' | 'wav' | 'stdout';
  path?: string;
  reason: string;
}

class NodeEngineAdapter implements PlaybackAdapter {
  readonly id = 'node';
  readonly kind = 'software' as const;
  private readonly sampleRate: number;
  private readonly channels: 1 | 2;
  private readonly buffer: Int16Array;
  private readonly gain: GainRamp;
  private player: SidPlayer | null = null;
  private tap: EngineEventTap | null = null;
  private sink: AdapterEventSink | null = null;
  private output: PcmOutput | null = null;
  private target: Target | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wallStart = 0;
  private startPosition = 0;
  private playCalled = 0;
  private endAt = Number.POSITIVE_INFINITY;
  private disposed = false;

  constructor(private readonly options: NodeEngineAdapterOptions) {
    this.sampleRate = options.sampleRate ?? 44_100;
    this.channels = options.channels ?? 2;
    this.buffer = new Int16Array(CHUNK * this.channels);
    this.gain = new GainRamp(this.sampleRate);
  }

  get renderPath(): string {
    return this.target?.kind ?? this.options.output ?? 'auto';
  }

  private async resolveTarget(): Promise<Target | null> {
    const wanted = this.options.output ?? 'auto';
    if (wanted === 'auto' || wanted === 'player') {
      for (const name of this.options.players ?? ['aplay', 'pw-play', 'ffplay']) {
        const path = await findExecutable(name);
        if (path) return { kind: 'player', path, reason: `plays through ${name} (${path})` };
      }
      if (wanted === 'player') return null;
    }
    if (wanted === 'wav' || (wanted === 'auto' && this.options.wavPath)) {
      if (!this.options.wavPath) return null;
      return { kind: 'wav', path: this.options.wavPath, reason: `writes ${this.options.wavPath}` };
    }
    return { kind: 'stdout', reason: 'writes raw s16le PCM to stdout' };
  }

  async availability(): Promise<AdapterAvailability> {
    if (this.disposed) return { available: false, reason: 'the adapter was disposed' };
    const target = await this.resolveTarget();
    if (!target) {
      const wanted = this.options.output;
      return {
        available: false,
        reason:
          wanted === 'player'
            ? `no audio player found (looked for ${(this.options.players ?? ['aplay', 'pw-play', 'ffplay']).join(', ')})`
            : 'output "wav" needs wavPath',
      };
    }
    this.target = target;
    return { available: true, reason: `engine in Node ${target.reason}` };
  }

  async load(request: AdapterLoadRequest): Promise<void> {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the Node adapter was disposed');
    await this.unload();
    this.target ??= await this.resolveTarget();
    try {
      this.player = createPlayer(request.tune.bytes, {
        song: request.song,
        sampleRate: this.sampleRate,
        channels: this.channels,
        chip: this.options.chip ?? 'auto',
      });
    } catch (error) {
      const e = toSidflowError(error, this.id);
      if (e.code === 'ENGINE_INVALID_TUNE') {
        throw new PlaybackError('PLAYBACK_BAD_TUNE', `${request.tune.name}: ${e.message}`, {
          cause: e,
        });
      }
      throw e;
    }
    this.tap = new EngineEventTap(this.player);
    this.endAt = request.seconds ?? Number.POSITIVE_INFINITY;
    this.sink = request.events;
  }

  private async openOutput(): Promise<PcmOutput> {
    if (this.output) return this.output;
    const target = this.target ?? (await this.resolveTarget());
    if (!target)
      throw new PlaybackError('PLAYBACK_ADAPTER_FAILED', 'no output available', {
        adapter: this.id,
      });
    if (target.kind === 'player') {
      this.output = playerOutput(
        target.path!,
        this.sampleRate,
        this.channels,
        this.options.env,
        (e) => {
          this.running = false;
          this.output = null;
          this.sink?.error(e);
        },
      );
    } else if (target.kind === 'wav') {
      this.output = await wavOutput(target.path!, this.sampleRate, this.channels);
    } else {
      this.output = streamOutput(this.options.stdout ?? process.stdout, 'stdout');
    }
    return this.output;
  }

  private get realtime(): boolean {
    return this.options.realtime ?? this.target?.kind === 'player';
  }

  async play(): Promise<void> {
    const player = this.requirePlayer();
    await this.openOutput();
    this.playCalled = performance.now();
    this.startLoop(player);
  }

  private startLoop(player: SidPlayer): void {
    this.running = true;
    this.wallStart = performance.now();
    this.startPosition = player.position;
    this.loop = this.run(player).catch((error: unknown) => {
      this.running = false;
      this.sink?.error(toSidflowError(error, this.id));
    });
  }

  private async run(player: SidPlayer): Promise<void> {
    let nextReport = 0;
    const output = this.output!;
    while (this.running && this.player === player) {
      const elapsed = (performance.now() - this.wallStart) / 1000;
      const due = this.realtime
        ? this.startPosition + elapsed + LEAD_SECONDS
        : Number.POSITIVE_INFINITY;
      let rendered = 0;
      const endFrame = Math.round(this.endAt * this.sampleRate);
      while (this.running && player.position < due && rendered < this.sampleRate / 4) {
        const left = endFrame - Math.round(player.position * this.sampleRate);
        if (left <= 0) break;
        const frames = Math.min(left, CHUNK);
        player.render(this.buffer, frames);
        this.gain.apply(this.buffer, frames, this.channels);
        this.tap!.sample();
        rendered += frames;
        const written =
          frames === CHUNK ? this.buffer : this.buffer.subarray(0, frames * this.channels);
        if (this.playCalled > 0 && written.some((v) => v !== 0)) {
          this.sink?.started(performance.now() - this.playCalled);
          this.playCalled = 0;
        }
        await output.write(written);
      }
      const { registers, notes } = this.tap!.drain();
      for (const frame of registers) this.sink?.registers(frame);
      for (const note of notes) this.sink?.note(note);
      const position = this.realtime
        ? Math.min(
            this.startPosition + (performance.now() - this.wallStart) / 1000,
            player.position,
          )
        : player.position;
      if (position >= nextReport || player.position >= this.endAt) {
        this.sink?.position(position);
        nextReport = position + REPORT_SECONDS;
      }
      if (player.position >= this.endAt && (!this.realtime || position >= this.endAt)) {
        this.running = false;
        this.sink?.ended();
        break;
      }
      await new Promise((r) => (this.realtime ? setTimeout(r, 20) : setImmediate(r)));
    }
  }

  private async halt(): Promise<void> {
    this.running = false;
    await this.loop;
    this.loop = null;
  }

  async pause(): Promise<void> {
    await this.halt();
  }

  async resume(): Promise<void> {
    const player = this.requirePlayer();
    this.playCalled = performance.now();
    this.startLoop(player);
  }

  async stop(): Promise<void> {
    await this.halt();
    await this.closeOutput();
    if (this.player) {
      this.player.seek(0);
      this.tap?.reset();
    }
  }

  async seek(seconds: number): Promise<void> {
    const player = this.requirePlayer();
    const wasRunning = this.running;
    await this.halt();
    player.seek(seconds);
    this.tap?.reset();
    if (wasRunning) this.startLoop(player);
  }

  setVolume(volume: number): void {
    // While audio flows the change ramps (no click); otherwise the next audio starts at it.
    this.gain.set(volume, !this.running);
  }

  mute(voice: 0 | 1 | 2, muted: boolean): void {
    this.player?.mute(voice, muted);
  }

  async unload(): Promise<void> {
    this.sink = null;
    await this.halt();
    await this.closeOutput();
    this.tap?.dispose();
    this.tap = null;
    this.player?.dispose();
    this.player = null;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.unload();
    this.disposed = true;
  }

  private async closeOutput(): Promise<void> {
    const output = this.output;
    this.output = null;
    await output?.close();
  }

  private requirePlayer(): SidPlayer {
    if (!this.player) throw new PlaybackError('PLAYBACK_BAD_STATE', 'no tune is loaded');
    return this.player;
  }
}

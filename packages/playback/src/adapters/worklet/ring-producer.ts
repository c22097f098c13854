import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { EngineEventTap } from '../../engine-tap/engine-event-tap.js';
import type { NoteEvent, RegisterFrame } from '../../types.js';
import { Ctrl, RENDER_CHUNK, RING_CHANNELS } from './ring-layout.js';
import type { EngineChip } from './worklet-messages.js';

/** Frames rendered between two event batches (≈ 93 ms at 44.1 kHz). */
const EVENTS_EVERY = 8 * RENDER_CHUNK;

/** A load or seek with a warm engine pre-fills at least this much (≈ 186 ms) before it returns. */
export const WARM_PREFILL_FRAMES = 16 * RENDER_CHUNK;

/** Render speed, in multiples of real time, from which the engine counts as warm. */
export const WARM_SPEED = 4;

/** Seconds of audio after which the JIT has surely optimised the engine in this thread. */
const WARM_AFTER_SECONDS = 3;

/** What the producer hands to its host (the render worker posts these to the main thread). */
export interface RingProducerHost {
  /** Register frames and notes rendered since the last batch. */
  events(registers: RegisterFrame[], notes: NoteEvent[]): void;
}

/** Builds the engine; replaceable so a test can wrap the real one. */
export type PlayerFactory = typeof createPlayer;

/**
 * The writing side of the shared ring, run by the render worker: it owns the
 * engine and renders ahead into the ring, storing only `WRITE` (and the epoch
 * slots). Kept free of worker globals so Node tests can drive it against a
 * simulated consumer.
 *
 * A load or seek starts a new epoch and pre-fills the ring before it returns.
 * That pre-fill is what keeps a cold start free of underruns: a fresh engine
 * runs slower than real time until the JIT has compiled its hot loops, so
 * the ring must be full, and the engine warm, before the consumer starts
 * taking 128 frames per quantum. A warm engine (rendering at least
 * {@link WARM_SPEED}× real time) stops after {@link WARM_PREFILL_FRAMES} and
 * leaves the rest to the pump, so song changes and seeks stay quick.
 */
export class RingProducer {
  private readonly capacity: number;
  private player: SidPlayer | null = null;
  private tap: EngineEventTap | null = null;
  private sinceEvents = 0;
  private renderedTotal = 0;

  /**
   * @param ctrl - the control block (see `Ctrl`)
   * @param ring - interleaved stereo samples; its frame count is a power of two
   * @param sampleRate - the rate the consumer plays at
   * @param host - receives register and note batches
   * @param factory - builds the engine (default `createPlayer`)
   * @param clock - milliseconds, for judging the render speed (default `performance.now`)
   */
  constructor(
    private readonly ctrl: Int32Array,
    private readonly ring: Float32Array,
    private readonly sampleRate: number,
    private readonly host: RingProducerHost,
    private readonly factory: PlayerFactory = createPlayer,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.capacity = ring.length / RING_CHANNELS;
  }

  /** True while a tune is loaded. */
  get loaded(): boolean {
    return this.player !== null;
  }

  /** Loads a tune, starts an epoch at 0 s and fills the ring. */
  load(bytes: Uint8Array, song: number, chip: EngineChip): void {
    const c = this.ctrl;
    Atomics.store(c, Ctrl.BUSY, 1);
    try {
      this.unload();
      this.player = this.factory(bytes, {
        song,
        sampleRate: this.sampleRate,
        channels: RING_CHANNELS,
        chip,
      });
      this.tap = new EngineEventTap(this.player);
      this.beginEpoch(0);
    } finally {
      Atomics.store(c, Ctrl.BUSY, 0);
    }
    this.prefill();
  }

  /** Seeks, starts an epoch there and fills the ring. */
  seek(seconds: number): void {
    if (!this.player) return;
    const c = this.ctrl;
    Atomics.store(c, Ctrl.BUSY, 1);
    try {
      this.player.seek(seconds);
      this.tap?.reset();
      this.beginEpoch(seconds);
    } finally {
      Atomics.store(c, Ctrl.BUSY, 0);
    }
    this.prefill();
  }

  /**
   * Fills the ring for a new epoch: all of it while the engine renders
   * slower than {@link WARM_SPEED}× real time and has not yet rendered a few
   * seconds, else {@link WARM_PREFILL_FRAMES}.
   */
  private prefill(): void {
    // Once this thread has rendered a few seconds the engine stays compiled, whatever the
    // next tune: a loaded machine must not make every seek and song change wait for a full ring.
    const warmed = this.renderedTotal >= WARM_AFTER_SECONDS * this.sampleRate;
    const t0 = this.clock();
    let frames = 0;
    while (this.room() >= RENDER_CHUNK) {
      frames += this.fill(1);
      if (frames >= WARM_PREFILL_FRAMES) {
        if (warmed) break;
        const spent = (this.clock() - t0) / 1000;
        if (spent * WARM_SPEED <= frames / this.sampleRate) break;
      }
    }
  }

  /** Mutes or unmutes a voice from the next rendered chunk on. */
  mute(voice: 0 | 1 | 2, muted: boolean): void {
    this.player?.mute(voice, muted);
  }

  /** Drops the tune. */
  unload(): void {
    this.tap?.dispose();
    this.tap = null;
    this.player?.dispose();
    this.player = null;
    this.sinceEvents = 0;
  }

  private beginEpoch(seconds: number): void {
    const c = this.ctrl;
    Atomics.store(c, Ctrl.SKIP_TO, Atomics.load(c, Ctrl.WRITE));
    Atomics.store(c, Ctrl.START_MS, Math.round(seconds * 1000));
    Atomics.add(c, Ctrl.EPOCH, 1);
  }

  /**
   * Frames the ring can take now. Frames before `SKIP_TO` belong to an old
   * epoch the consumer will skip, so they do not count as occupied: without
   * this, a ring left full by a paused consumer would block the pre-fill of a
   * new epoch until playback starts, and playback would start on an empty ring.
   */
  room(): number {
    const c = this.ctrl;
    const write = Atomics.load(c, Ctrl.WRITE);
    const read = Atomics.load(c, Ctrl.READ);
    const skipTo = Atomics.load(c, Ctrl.SKIP_TO);
    const from = ((skipTo - read) | 0) > 0 ? skipTo : read;
    return this.capacity - ((write - from) | 0);
  }

  /**
   * Renders whole chunks while the ring has room for one, at most `maxChunks`;
   * returns the frames rendered.
   */
  fill(maxChunks = Number.POSITIVE_INFINITY): number {
    const player = this.player;
    if (!player) return 0;
    const c = this.ctrl;
    let rendered = 0;
    for (let n = 0; n < maxChunks && this.room() >= RENDER_CHUNK; n++) {
      const write = Atomics.load(c, Ctrl.WRITE);
      const at = (write & (this.capacity - 1)) * RING_CHANNELS;
      player.render(this.ring.subarray(at, at + RENDER_CHUNK * RING_CHANNELS), RENDER_CHUNK);
      Atomics.store(c, Ctrl.WRITE, (write + RENDER_CHUNK) | 0);
      this.tap!.sample();
      rendered += RENDER_CHUNK;
      this.renderedTotal += RENDER_CHUNK;
      this.sinceEvents += RENDER_CHUNK;
      if (this.sinceEvents >= EVENTS_EVERY) {
        this.sinceEvents = 0;
        const { registers, notes } = this.tap!.drain();
        if (registers.length > 0 || notes.length > 0) this.host.events(registers, notes);
      }
    }
    return rendered;
  }
}

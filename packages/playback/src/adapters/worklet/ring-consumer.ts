import { Ctrl, RENDER_CHUNK, RING_CHANNELS } from './ring-layout.js';

/** Frames that must be buffered before playback (re)starts after `play` or a new epoch (≈ 46 ms). */
export const PREROLL_FRAMES = 4 * RENDER_CHUNK;

/**
 * The reading side of the shared ring, run by the worklet processor: it
 * copies one render quantum at a time and stores only `READ`. Kept free of
 * worklet globals so Node tests can drive it against a real producer.
 *
 * Underrun accounting is honest but excludes what is not starvation: after
 * `start()` and after each new epoch (load, seek) the consumer pre-rolls,
 * playing silence until {@link PREROLL_FRAMES} are buffered; during a seek
 * (`BUSY`) it plays silence. Every other quantum the ring cannot fill in full
 * counts as one underrun.
 */
export class RingConsumer {
  private readonly mask: number;
  private readonly preroll: number;
  private epoch = -1;
  private skipTo = 0;
  private startSeconds = 0;
  private primed = false;
  /** Quanta the ring could not fill since the last {@link RingConsumer.resetCounters}. */
  underruns = 0;
  /** Fewest frames found buffered at a primed quantum (-1: none yet). */
  lowestFill = -1;
  /** Playback position of the next frame, in seconds. */
  position = 0;

  /**
   * @param ctrl - the control block (see `Ctrl`)
   * @param ring - interleaved stereo samples; its frame count is a power of two
   * @param sampleRate - frames per second, for the position
   */
  constructor(
    private readonly ctrl: Int32Array,
    private readonly ring: Float32Array,
    private readonly sampleRate: number,
  ) {
    const capacity = ring.length / RING_CHANNELS;
    this.mask = capacity - 1;
    this.preroll = Math.min(PREROLL_FRAMES, capacity / 2);
  }

  /** True once the pre-roll is done and audio flows. */
  get flowing(): boolean {
    return this.primed;
  }

  /** Playback starts or resumes: pre-roll again before counting underruns. */
  start(): void {
    this.primed = false;
  }

  /** Zeroes the underrun count and the lowest fill (a new tune). */
  resetCounters(): void {
    this.underruns = 0;
    this.lowestFill = -1;
  }

  /** Fills `left`/`right` (`frames` each) from the ring; silence where it has nothing. */
  read(left: Float32Array, right: Float32Array, frames: number): void {
    const ctrl = this.ctrl;
    if (Atomics.load(ctrl, Ctrl.BUSY) === 1) {
      left.fill(0, 0, frames);
      right.fill(0, 0, frames);
      return;
    }
    let read = Atomics.load(ctrl, Ctrl.READ);
    const epoch = Atomics.load(ctrl, Ctrl.EPOCH);
    if (epoch !== this.epoch) {
      // Seqlock read: SKIP_TO and START_MS belong together only if EPOCH did not move meanwhile.
      const skipTo = Atomics.load(ctrl, Ctrl.SKIP_TO);
      const startMs = Atomics.load(ctrl, Ctrl.START_MS);
      if (Atomics.load(ctrl, Ctrl.EPOCH) === epoch) {
        this.epoch = epoch;
        this.skipTo = skipTo;
        this.startSeconds = startMs / 1000;
        this.primed = false;
        if ((skipTo - read) | 0) {
          read = skipTo;
          Atomics.store(ctrl, Ctrl.READ, read);
          Atomics.notify(ctrl, Ctrl.READ);
        }
      }
    }
    const available = (Atomics.load(ctrl, Ctrl.WRITE) - read) | 0;
    if (!this.primed) {
      if (available < this.preroll) {
        left.fill(0, 0, frames);
        right.fill(0, 0, frames);
        this.position = this.startSeconds + ((read - this.skipTo) | 0) / this.sampleRate;
        return;
      }
      this.primed = true;
    }
    if (this.lowestFill < 0 || available < this.lowestFill) this.lowestFill = available;
    const n = available < frames ? Math.max(available, 0) : frames;
    const ring = this.ring;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const at = ((read + i) & mask) * 2;
      left[i] = ring[at];
      right[i] = ring[at + 1];
    }
    if (n < frames) {
      left.fill(0, n, frames);
      right.fill(0, n, frames);
      this.underruns++;
    }
    if (n > 0) {
      read = (read + n) | 0;
      Atomics.store(ctrl, Ctrl.READ, read);
      Atomics.notify(ctrl, Ctrl.READ);
    }
    this.position = this.startSeconds + ((read - this.skipTo) | 0) / this.sampleRate;
  }
}

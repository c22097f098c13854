/**
 * Layout of the shared control block (an `Int32Array` over a
 * SharedArrayBuffer) between the render worker (the only writer of samples)
 * and the worklet (the only reader). Indices count frames and wrap at 2^32;
 * the ring holds a power-of-two number of frames, so `index & mask` stays
 * right across the wrap.
 */
export const Ctrl = {
  /** Frames written by the worker (it alone stores here). */
  WRITE: 0,
  /** Frames consumed by the worklet (it alone stores here). */
  READ: 1,
  /** Write index where the current epoch (after a load or seek) starts. */
  SKIP_TO: 2,
  /** Playback position at SKIP_TO, in milliseconds. */
  START_MS: 3,
  /** Bumped after SKIP_TO and START_MS are stored; the worklet jumps to SKIP_TO when it changes. */
  EPOCH: 4,
  /** 1 while the worker seeks or loads: the worklet plays silence and counts no underruns. */
  BUSY: 5,
} as const;

/** Number of Int32 slots in the control block. */
export const CTRL_SLOTS = 8;

/** Frames the worker renders per step (≈ 12 ms, under a 20 ms video frame); the ring size is a multiple of it. */
export const RENDER_CHUNK = 512;

/** Default ring size in frames (about 0.74 s at 44.1 kHz). */
export const DEFAULT_RING_FRAMES = 32_768;

/** Name the processor registers under. */
export const PROCESSOR_NAME = 'sidflow-engine';

/** Output channels of the engine adapters in the browser (interleaved in the ring). */
export const RING_CHANNELS = 2;

import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { kaiserLength } from './fir-design.js';
import { PHASES, PolyphaseDesign } from './polyphase-design.js';
import { storedPolyphaseTable } from './stored-resampler-designs.js';

/**
 * Taps per output of the filter {@link PolyphaseInterpolator} designs for an
 * input at `inputHz` passing `passHz` and stopping from `stopHz`.
 */
export function polyphaseTaps(
  inputHz: number,
  passHz: number,
  stopHz: number,
  attenuationDb: number,
): number {
  const taps = kaiserLength(attenuationDb, (stopHz - passHz) / inputHz);
  // Even, centring the window on the output time.
  return taps + (taps & 1);
}

/** Phase tables, shared by every interpolator with the same design (rows are filled in once). */
const designs = new Map<string, PolyphaseDesign>();

function sharedDesign(
  inputHz: number,
  passHz: number,
  stopHz: number,
  attenuationDb: number,
  taps: number,
): PolyphaseDesign {
  const key = `${inputHz}/${passHz}/${stopHz}/${attenuationDb}/${taps}`;
  let design = designs.get(key);
  if (design === undefined) {
    design = new PolyphaseDesign(inputHz, passHz, stopHz, attenuationDb, taps);
    // The usual rates' tables come with the package (bit for bit the computed ones).
    const stored = storedPolyphaseTable(design.key);
    if (stored !== undefined) design.fill(stored);
    designs.set(key, design);
  }
  return design;
}

/**
 * Arbitrary-ratio band-limited resampling by a polyphase windowed-sinc FIR.
 * The output clock is kept as an exact rational position (integer numerator
 * over `denominator`), so there is no drift and results are deterministic.
 * Input is appended to {@link PolyphaseInterpolator.buffer}; `run` consumes it.
 */
export class PolyphaseInterpolator {
  /** Input samples: retained history followed by newly appended ones. */
  readonly buffer: Float64Array;
  /** Valid samples in {@link PolyphaseInterpolator.buffer}. */
  length: number;
  /** Taps per output. */
  readonly taps: number;
  private readonly design: PolyphaseDesign;
  private readonly step: number;
  private readonly denominator: number;
  /** Buffer index of the input sample at or before the next output time. */
  private position: number;
  /** Fraction of the next output time past `position`, over `denominator`. */
  private numerator = 0;

  /**
   * @param inputRate - input rate numerator (any unit shared with `outputRate`)
   * @param outputRate - output rate in the same unit
   * @param inputHz - input rate in Hz (for the filter edges)
   * @param passHz - passband edge in Hz
   * @param stopHz - stopband edge in Hz
   * @param attenuationDb - stopband attenuation
   * @param maxAppend - most samples appended between two `run` calls
   */
  constructor(
    inputRate: number,
    outputRate: number,
    inputHz: number,
    passHz: number,
    stopHz: number,
    attenuationDb: number,
    maxAppend: number,
  ) {
    const taps = polyphaseTaps(inputHz, passHz, stopHz, attenuationDb);
    this.taps = taps;
    this.step = inputRate;
    this.denominator = outputRate;
    this.design = sharedDesign(inputHz, passHz, stopHz, attenuationDb, taps);
    this.buffer = new Float64Array(taps + 2 + maxAppend);
    this.length = taps / 2 - 1;
    this.position = taps / 2 - 1;
  }

  /** Silence history and restart the output clock. */
  reset(): void {
    this.buffer.fill(0);
    this.length = this.taps / 2 - 1;
    this.position = this.taps / 2 - 1;
    this.numerator = 0;
  }

  /** Silences the history but keeps the output clock. */
  clearHistory(): void {
    this.buffer.fill(0);
  }

  /**
   * Advances as if `count` samples were appended and {@link PolyphaseInterpolator.run}
   * called, without computing anything; the history becomes silence.
   * @returns the number of outputs that run would have produced
   */
  skip(count: number): number {
    const halfTaps = this.taps >> 1;
    const den = this.denominator;
    const length = this.length + count;
    const end = length - halfTaps;
    // The output clock in units of 1 / den: each output moves it by `step`.
    const clock = this.position * den + this.numerator;
    const produced = this.position < end ? Math.ceil((end * den - clock) / this.step) : 0;
    const after = clock + produced * this.step;
    // `| 0`: both are small non-negative integers (a buffer index, a remainder below `den`); a
    // boxed double from Math.floor before V8 compiles this would change the object's shape.
    let position = Math.floor(after / den) | 0;
    this.numerator = (after - position * den) | 0;
    const drop = position + 1 - halfTaps;
    this.length = drop > 0 ? length - drop : length;
    if (drop > 0) position -= drop;
    this.position = position;
    // Only the retained history is ever read.
    this.buffer.fill(0, 0, this.length);
    return produced;
  }

  /**
   * Produces every output whose filter window is covered by buffered input.
   * @returns number of samples written to `output` from `offset`
   */
  run(output: Float64Array, offset: number): number {
    const x = this.buffer;
    const design = this.design;
    const taps = this.taps;
    const halfTaps = taps >> 1;
    const quads = taps & ~3;
    const den = this.denominator;
    const step = this.step;
    const end = this.length - halfTaps;
    let position = this.position;
    let numerator = this.numerator;
    // The table's rows are computed as the first outputs need them (once per process).
    if (design.missing > 0) design.prepare(position, numerator, end, step, den);
    const table = design.table;
    let o = offset;
    // Whole input samples per output, and the remainder over `den`.
    const whole = Math.floor(step / den);
    const rest = step - whole * den;
    while (position < end) {
      const scaled = numerator * PHASES;
      const phase = Math.floor(scaled / den);
      const frac = (scaled - phase * den) / den;
      const row0 = phase * taps;
      const row1 = row0 + taps;
      const base = position + 1 - halfTaps;
      // Four independent sums per phase row break the floating-point add
      // latency chain; `taps` is even, so at most one pair is left over.
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      let j = 0;
      for (; j < quads; j += 4) {
        const v0 = x[base + j];
        const v1 = x[base + j + 1];
        const v2 = x[base + j + 2];
        const v3 = x[base + j + 3];
        a0 += table[row0 + j] * v0;
        a1 += table[row0 + j + 1] * v1;
        a2 += table[row0 + j + 2] * v2;
        a3 += table[row0 + j + 3] * v3;
        b0 += table[row1 + j] * v0;
        b1 += table[row1 + j + 1] * v1;
        b2 += table[row1 + j + 2] * v2;
        b3 += table[row1 + j + 3] * v3;
      }
      if (j < taps) {
        const v0 = x[base + j];
        const v1 = x[base + j + 1];
        a0 += table[row0 + j] * v0;
        a1 += table[row0 + j + 1] * v1;
        b0 += table[row1 + j] * v0;
        b1 += table[row1 + j + 1] * v1;
      }
      const a = a0 + a1 + (a2 + a3);
      const b = b0 + b1 + (b2 + b3);
      output[o++] = a + frac * (b - a);
      numerator += rest;
      position += whole;
      if (numerator >= den) {
        numerator -= den;
        position++;
      }
    }
    const drop = position + 1 - halfTaps;
    if (drop > 0) {
      x.copyWithin(0, drop, this.length);
      this.length -= drop;
      position -= drop;
    }
    this.position = position;
    this.numerator = numerator;
    return o - offset;
  }

  /** Writes history and output clock. */
  saveState(w: StateWriter): void {
    w.u32(this.length);
    w.u32(this.position);
    w.f64(this.numerator);
    for (let i = 0; i < this.length; i++) w.f64(this.buffer[i]);
  }

  /** Restores what {@link PolyphaseInterpolator.saveState} wrote. */
  loadState(r: StateReader): void {
    this.length = r.u32();
    this.position = r.u32();
    this.numerator = r.f64();
    this.buffer.fill(0);
    for (let i = 0; i < this.length; i++) this.buffer[i] = r.f64();
  }
}

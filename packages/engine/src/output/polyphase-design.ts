import { besselI0, kaiserBeta, kaiserWindow, sinc } from './fir-design.js';

/** Filter phases per input sample; coefficients in between are interpolated linearly. */
export const PHASES = 256;

/**
 * The phase table of one polyphase windowed-sinc design: row `p` (0 … PHASES)
 * holds the taps for an output `p / PHASES` of an input sample past the
 * window's centre, each row scaled to pass DC at exactly unity.
 *
 * Rows are computed when first needed (see {@link PolyphaseDesign.prepare}), in
 * mirrored pairs: row PHASES − p is row p reversed, because every tap time is
 * a multiple of 1 / PHASES (exact in binary) and the windowed sinc is even, so
 * both rows hold bit-identical raw values; each row is still summed in its own
 * order. A player's first output then costs two or three rows, not 257 (most
 * of what creating a player cost in a fresh process), and a complete table is
 * exactly the one computed all at once.
 */
export class PolyphaseDesign {
  /** Taps per row. */
  readonly taps: number;
  /** Input rate in Hz the design is for. */
  readonly inputHz: number;
  /** Passband edge in Hz. */
  readonly passHz: number;
  /** Stopband edge in Hz. */
  readonly stopHz: number;
  /** Stopband attenuation in dB. */
  readonly attenuationDb: number;
  /** (PHASES + 1) rows of `taps` coefficients; a row is valid once {@link PolyphaseDesign.ready} says so. */
  readonly table: Float64Array;
  /** Rows not yet computed; 0 once the table is complete. */
  missing: number;
  /** What the table depends on (cutoff, window, size), naming a stored copy of it. */
  readonly key: string;
  private readonly ready: Uint8Array;
  private readonly raw: Float64Array;
  private readonly cutoff: number;
  private readonly beta: number;
  private readonly i0Beta: number;

  /**
   * @param inputHz - input rate in Hz
   * @param passHz - passband edge in Hz
   * @param stopHz - stopband edge in Hz
   * @param attenuationDb - stopband attenuation
   * @param taps - taps per output (even)
   */
  constructor(
    inputHz: number,
    passHz: number,
    stopHz: number,
    attenuationDb: number,
    taps: number,
  ) {
    this.taps = taps;
    this.inputHz = inputHz;
    this.passHz = passHz;
    this.stopHz = stopHz;
    this.attenuationDb = attenuationDb;
    this.table = new Float64Array((PHASES + 1) * taps);
    this.ready = new Uint8Array(PHASES + 1);
    this.missing = PHASES + 1;
    this.raw = new Float64Array(taps);
    this.cutoff = (passHz + stopHz) / 2 / inputHz;
    this.beta = kaiserBeta(attenuationDb);
    this.i0Beta = besselI0(this.beta);
    this.key = `${this.cutoff}/${this.beta}/${taps}/${PHASES}`;
  }

  /**
   * Takes every row from `table`, a copy of the complete table of this design
   * (as {@link PolyphaseDesign.complete} computes it).
   */
  fill(table: Float64Array): void {
    this.table.set(table);
    this.ready.fill(1);
    this.missing = 0;
  }

  /** Whether row `phase` has been computed. */
  isReady(phase: number): boolean {
    return this.ready[phase] !== 0;
  }

  /**
   * Computes the rows that the outputs of one interpolator run will read (rows
   * `phase` and `phase + 1` of each output), walking the same output clock as
   * the run. Only called while rows are missing, so the run itself stays free
   * of checks.
   *
   * @param position - buffer index of the input sample at or before the first output
   * @param numerator - that output's fraction past `position`, over `den`
   * @param end - the run produces outputs while `position < end`
   * @param step - output period over `den`
   * @param den - denominator of the output clock
   */
  prepare(position: number, numerator: number, end: number, step: number, den: number): void {
    const whole = Math.floor(step / den);
    const rest = step - whole * den;
    const ready = this.ready;
    while (position < end && this.missing > 0) {
      const phase = Math.floor((numerator * PHASES) / den);
      if (ready[phase] === 0) this.computePair(phase);
      if (ready[phase + 1] === 0) this.computePair(phase + 1);
      numerator += rest;
      position += whole;
      if (numerator >= den) {
        numerator -= den;
        position++;
      }
    }
  }

  /** Computes every missing row. */
  complete(): void {
    for (let p = 0; p <= PHASES; p++) if (this.ready[p] === 0) this.computePair(p);
  }

  /** Computes row `phase` and its mirror PHASES − `phase`. */
  private computePair(phase: number): void {
    const taps = this.taps;
    const raw = this.raw;
    const cutoff = this.cutoff;
    const halfTaps = taps / 2;
    const mu = phase / PHASES;
    for (let j = 0; j < taps; j++) {
      const tau = mu + halfTaps - 1 - j;
      raw[j] =
        2 * cutoff * sinc(2 * cutoff * tau) * kaiserWindow(tau / halfTaps, this.beta, this.i0Beta);
    }
    this.storeRow(phase, false);
    if (PHASES - phase !== phase) this.storeRow(PHASES - phase, true);
  }

  /** Writes `raw` (reversed for a mirror row) as row `row`, scaled to unit DC gain. */
  private storeRow(row: number, reversed: boolean): void {
    const taps = this.taps;
    const raw = this.raw;
    const table = this.table;
    const at = row * taps;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const value = reversed ? raw[taps - 1 - j] : raw[j];
      table[at + j] = value;
      sum += value;
    }
    // Every phase passes DC at exactly unity, so no phase-dependent ripple.
    for (let j = 0; j < taps; j++) table[at + j] /= sum;
    this.ready[row] = 1;
    this.missing--;
  }
}

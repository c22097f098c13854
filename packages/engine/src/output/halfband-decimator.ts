import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { besselI0, kaiserBeta, kaiserLength, kaiserWindow, sinc } from './fir-design.js';
import { storedHalfbandWings } from './stored-resampler-designs.js';

/**
 * Non-zero taps on each side of the centre of the half-band filter that
 * {@link HalfbandDecimator} designs for `passFraction` and `attenuationDb`
 * (its cost: one multiply per wing tap plus one per output for the centre).
 */
export function halfbandWingTaps(passFraction: number, attenuationDb: number): number {
  const length = kaiserLength(attenuationDb, 0.5 - 2 * passFraction);
  // At least the shortest size `run` unrolls.
  return Math.max(4, Math.ceil((length + 1) / 4));
}

/** Designed wings, shared by every decimator with the same design (read-only once built). */
const wings = new Map<string, Float64Array>();

/**
 * Computes the wing taps of a half-band design: `half` coefficients for the
 * taps ±(2m + 1), scaled so that the filter passes DC at exactly unity.
 */
export function designHalfbandWings(half: number, attenuationDb: number): Float64Array {
  const beta = kaiserBeta(attenuationDb);
  const i0Beta = besselI0(beta);
  const taps = new Float64Array(half);
  let sum = 0;
  for (let m = 0; m < half; m++) {
    const d = 2 * m + 1;
    taps[m] = 0.5 * sinc(d / 2) * kaiserWindow(d / (2 * half), beta, i0Beta);
    sum += taps[m];
  }
  // Unity gain at DC: centre 0.5 plus both wings.
  for (let m = 0; m < half; m++) taps[m] *= 0.25 / sum;
  return taps;
}

/** The key of a half-band design (what its wings depend on). */
export function halfbandDesignKey(half: number, attenuationDb: number): string {
  return `${half}/${kaiserBeta(attenuationDb)}`;
}

function wingTaps(half: number, attenuationDb: number): Float64Array {
  const key = halfbandDesignKey(half, attenuationDb);
  let taps = wings.get(key);
  if (taps === undefined) {
    // The package stores the designs of the usual rates, bit for bit what
    // `designHalfbandWings` computes, so a new player need not run the window.
    taps = storedHalfbandWings(key) ?? designHalfbandWings(half, attenuationDb);
    wings.set(key, taps);
  }
  return taps;
}

/**
 * Decimation by 2 with a linear-phase half-band FIR: every even tap but the
 * centre is zero, so each output costs one multiply per pair of odd taps.
 * Input is appended to {@link HalfbandDecimator.buffer}; `run` consumes it.
 */
export class HalfbandDecimator {
  /** Input samples: retained history followed by newly appended ones. */
  readonly buffer: Float64Array;
  /** Valid samples in {@link HalfbandDecimator.buffer}. */
  length: number;
  /** Coefficient of taps ±(2m + 1), m = 0 … half − 1. */
  private readonly taps: Float64Array;
  private readonly half: number;
  /** Buffer index of the next output's centre tap. */
  private next: number;

  /**
   * @param passFraction - edge (fraction of the input rate, < 0.25) below which
   *   nothing may alias; the stopband starts at 0.5 − passFraction
   * @param attenuationDb - stopband attenuation
   * @param maxAppend - most samples appended between two `run` calls
   */
  constructor(passFraction: number, attenuationDb: number, maxAppend: number) {
    const half = halfbandWingTaps(passFraction, attenuationDb);
    const taps = wingTaps(half, attenuationDb);
    this.taps = taps;
    this.half = half;
    const reach = 2 * half - 1;
    this.buffer = new Float64Array(2 * reach + 2 + maxAppend);
    this.length = reach;
    this.next = reach;
  }

  /** Taps of the equivalent full FIR (for the cost estimate). */
  get tapCount(): number {
    return 4 * this.half - 1;
  }

  /** Silence history. */
  reset(): void {
    const reach = 2 * this.half - 1;
    this.buffer.fill(0);
    this.length = reach;
    this.next = reach;
  }

  /** Silences the history but keeps the output clock (which input sample the next output centres on). */
  clearHistory(): void {
    this.buffer.fill(0);
  }

  /**
   * Advances as if `count` samples were appended and {@link HalfbandDecimator.run}
   * called, without computing anything; the history becomes silence.
   * @returns the number of outputs that run would have produced
   */
  skip(count: number): number {
    const reach = 2 * this.half - 1;
    const length = this.length + count;
    const last = length - 1 - reach;
    let c = this.next;
    const produced = c <= last ? Math.floor((last - c) / 2) + 1 : 0;
    c += 2 * produced;
    const drop = c - reach;
    this.length = drop > 0 ? length - drop : length;
    this.next = drop > 0 ? c - drop : c;
    // Only the retained history is ever read.
    this.buffer.fill(0, 0, this.length);
    return produced;
  }

  /**
   * Filters and decimates all buffered input that has enough look-ahead.
   * @returns number of samples written to `target` from `offset`
   */
  run(target: Float64Array, offset: number): number {
    const x = this.buffer;
    const h = this.taps;
    const half = this.half;
    const reach = 2 * half - 1;
    const last = this.length - 1 - reach;
    let c = this.next;
    let o = offset;
    // The first stages (half 4–6 at the usual rates) see most samples. Their
    // odd-offset samples slide through locals, so each output loads only its
    // centre and one new outer sample instead of the whole window (half ≥ 4
    // always, see `halfbandWingTaps`).
    if (c <= last && half <= 6) {
      const h0 = h[0];
      const h1 = h[1];
      const h2 = h[2];
      const h3 = h[3];
      const h4 = half > 4 ? h[4] : 0;
      const h5 = half > 5 ? h[5] : 0;
      // Window samples at odd offsets c − 11 … c + 11; those beyond the filter stay 0.
      let m11 = half === 6 ? x[c - 11] : 0;
      let m9 = half >= 5 ? x[c - 9] : 0;
      let m7 = x[c - 7];
      let m5 = x[c - 5];
      let m3 = x[c - 3];
      let m1 = x[c - 1];
      let p1 = x[c + 1];
      let p3 = x[c + 3];
      let p5 = x[c + 5];
      let p7 = x[c + 7];
      let p9 = half >= 5 ? x[c + 9] : 0;
      let p11 = half === 6 ? x[c + 11] : 0;
      if (half === 4) {
        for (;;) {
          target[o++] =
            0.5 * x[c] + h0 * (m1 + p1) + h1 * (m3 + p3) + h2 * (m5 + p5) + h3 * (m7 + p7);
          c += 2;
          if (c > last) break;
          m7 = m5;
          m5 = m3;
          m3 = m1;
          m1 = p1;
          p1 = p3;
          p3 = p5;
          p5 = p7;
          p7 = x[c + 7];
        }
      } else if (half === 5) {
        for (;;) {
          target[o++] =
            0.5 * x[c] +
            h0 * (m1 + p1) +
            h1 * (m3 + p3) +
            h2 * (m5 + p5) +
            h3 * (m7 + p7) +
            h4 * (m9 + p9);
          c += 2;
          if (c > last) break;
          m9 = m7;
          m7 = m5;
          m5 = m3;
          m3 = m1;
          m1 = p1;
          p1 = p3;
          p3 = p5;
          p5 = p7;
          p7 = p9;
          p9 = x[c + 9];
        }
      } else {
        for (;;) {
          target[o++] =
            0.5 * x[c] +
            h0 * (m1 + p1) +
            h1 * (m3 + p3) +
            h2 * (m5 + p5) +
            h3 * (m7 + p7) +
            h4 * (m9 + p9) +
            h5 * (m11 + p11);
          c += 2;
          if (c > last) break;
          m11 = m9;
          m9 = m7;
          m7 = m5;
          m5 = m3;
          m3 = m1;
          m1 = p1;
          p1 = p3;
          p3 = p5;
          p5 = p7;
          p7 = p9;
          p9 = p11;
          p11 = x[c + 11];
        }
      }
    } else {
      // Long filters: four neighbouring outputs at a time share each
      // coefficient load, and their four sums run in parallel.
      for (; c + 6 <= last; c += 8) {
        let acc0 = 0.5 * x[c];
        let acc1 = 0.5 * x[c + 2];
        let acc2 = 0.5 * x[c + 4];
        let acc3 = 0.5 * x[c + 6];
        for (let m = 0, lo = c - 1, hi = c + 1; m < half; m++, lo -= 2, hi += 2) {
          const k = h[m];
          acc0 += k * (x[lo] + x[hi]);
          acc1 += k * (x[lo + 2] + x[hi + 2]);
          acc2 += k * (x[lo + 4] + x[hi + 4]);
          acc3 += k * (x[lo + 6] + x[hi + 6]);
        }
        target[o++] = acc0;
        target[o++] = acc1;
        target[o++] = acc2;
        target[o++] = acc3;
      }
      for (; c <= last; c += 2) {
        let acc = 0.5 * x[c];
        for (let m = 0, lo = c - 1, hi = c + 1; m < half; m++, lo -= 2, hi += 2) {
          acc += h[m] * (x[lo] + x[hi]);
        }
        target[o++] = acc;
      }
    }
    // Keep what the next centre still needs.
    const drop = c - reach;
    if (drop > 0) {
      x.copyWithin(0, drop, this.length);
      this.length -= drop;
      c -= drop;
    }
    this.next = c;
    return o - offset;
  }

  /**
   * Appends `count` samples of `input` from `start` and decimates: the same
   * outputs as copying them into {@link HalfbandDecimator.buffer} and calling
   * `run`, but the 15-tap filter of a first stage reads the input in place
   * (no copy of every input sample), keeping only its window as history.
   * @returns number of samples written to `target` from `offset`
   */
  runFrom(
    input: Float32Array,
    start: number,
    count: number,
    target: Float64Array,
    offset: number,
  ): number {
    const x = this.buffer;
    const reach = 2 * this.half - 1;
    // Enough input after the history that every later window lies inside `input`.
    const head = this.half === 4 ? Math.min(count, 2 * reach + 2) : count;
    let length = this.length;
    for (let i = start, end = start + head; i < end; i++) x[length++] = input[i];
    this.length = length;
    let o = offset + this.run(target, offset);
    if (head === count) return o - offset;
    const end = start + count;
    // Input index of the next centre: buffer index `next` holds input[next + shift].
    let c = this.next + start + head - this.length;
    const last = end - 1 - reach;
    if (c <= last) {
      const h = this.taps;
      const h0 = h[0];
      const h1 = h[1];
      const h2 = h[2];
      const h3 = h[3];
      let m7 = input[c - 7];
      let m5 = input[c - 5];
      let m3 = input[c - 3];
      let m1 = input[c - 1];
      let p1 = input[c + 1];
      let p3 = input[c + 3];
      let p5 = input[c + 5];
      let p7 = input[c + 7];
      for (;;) {
        target[o++] =
          0.5 * input[c] + h0 * (m1 + p1) + h1 * (m3 + p3) + h2 * (m5 + p5) + h3 * (m7 + p7);
        c += 2;
        if (c > last) break;
        m7 = m5;
        m5 = m3;
        m3 = m1;
        m1 = p1;
        p1 = p3;
        p3 = p5;
        p5 = p7;
        p7 = input[c + 7];
      }
    }
    // History for the next call: the next centre's window as far as it is known.
    length = 0;
    for (let i = c - reach; i < end; i++) x[length++] = input[i];
    this.length = length;
    this.next = reach;
    return o - offset;
  }

  /** Writes history and position. */
  saveState(w: StateWriter): void {
    w.u32(this.length);
    w.u32(this.next);
    for (let i = 0; i < this.length; i++) w.f64(this.buffer[i]);
  }

  /** Restores what {@link HalfbandDecimator.saveState} wrote. */
  loadState(r: StateReader): void {
    this.length = r.u32();
    this.next = r.u32();
    this.buffer.fill(0);
    for (let i = 0; i < this.length; i++) this.buffer[i] = r.f64();
  }
}

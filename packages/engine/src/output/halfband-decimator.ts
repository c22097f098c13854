import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { besselI0, kaiserBeta, kaiserLength, kaiserWindow, sinc } from './fir-design.js';

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
    const length = kaiserLength(attenuationDb, 0.5 - 2 * passFraction);
    const half = Math.max(1, Math.ceil((length + 1) / 4));
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
    // The first stages (half 4–6 at the usual rates) see most samples: unrolled.
    if (half === 4) {
      const h0 = h[0];
      const h1 = h[1];
      const h2 = h[2];
      const h3 = h[3];
      for (; c <= last; c += 2) {
        target[o++] =
          0.5 * x[c] +
          h0 * (x[c - 1] + x[c + 1]) +
          h1 * (x[c - 3] + x[c + 3]) +
          h2 * (x[c - 5] + x[c + 5]) +
          h3 * (x[c - 7] + x[c + 7]);
      }
    } else if (half === 5) {
      const h0 = h[0];
      const h1 = h[1];
      const h2 = h[2];
      const h3 = h[3];
      const h4 = h[4];
      for (; c <= last; c += 2) {
        target[o++] =
          0.5 * x[c] +
          h0 * (x[c - 1] + x[c + 1]) +
          h1 * (x[c - 3] + x[c + 3]) +
          h2 * (x[c - 5] + x[c + 5]) +
          h3 * (x[c - 7] + x[c + 7]) +
          h4 * (x[c - 9] + x[c + 9]);
      }
    } else if (half === 6) {
      const h0 = h[0];
      const h1 = h[1];
      const h2 = h[2];
      const h3 = h[3];
      const h4 = h[4];
      const h5 = h[5];
      for (; c <= last; c += 2) {
        target[o++] =
          0.5 * x[c] +
          h0 * (x[c - 1] + x[c + 1]) +
          h1 * (x[c - 3] + x[c + 3]) +
          h2 * (x[c - 5] + x[c + 5]) +
          h3 * (x[c - 7] + x[c + 7]) +
          h4 * (x[c - 9] + x[c + 9]) +
          h5 * (x[c - 11] + x[c + 11]);
      }
    } else {
      for (; c <= last; c += 2) {
        let acc = 0.5 * x[c];
        for (let m = 0, d = 1; m < half; m++, d += 2) acc += h[m] * (x[c - d] + x[c + d]);
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

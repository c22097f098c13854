import { SidChip } from '../src/sid/sid-chip.js';
import type { SidModel } from '../src/sid/sid-types.js';
import { StateWriter } from '../src/state/state-writer.js';

/** PAL C64 clock, the rate every SID test runs at. */
export const PAL_CLOCK_HZ = 985_248;

/** A fresh chip of `model` at the PAL clock. */
export function newChip(model: SidModel = '8580'): SidChip {
  return new SidChip({ model, clockHz: PAL_CLOCK_HZ });
}

/** Applies `[register, value]` writes in order. */
export function writeAll(sid: SidChip, writes: readonly (readonly [number, number])[]): void {
  for (const [register, value] of writes) sid.write(register, value);
}

/** Runs `cycles` cycles and returns the samples. */
export function render(sid: SidChip, cycles: number): Float32Array {
  const out = new Float32Array(cycles);
  sid.clock(cycles, out, 0);
  return out;
}

/** Runs one cycle at a time, reading `register` after each; returns the values read. */
export function sampleRegister(sid: SidChip, register: number, cycles: number): Uint8Array {
  const values = new Uint8Array(cycles);
  const scratch = new Float32Array(1);
  for (let i = 0; i < cycles; i++) {
    sid.clock(1, scratch, 0);
    values[i] = sid.read(register);
  }
  return values;
}

/**
 * Root-mean-square of `samples[from..]` around their least-squares line: the board's
 * 1.6 Hz high-pass lets a voice's DC level settle over a few hundred milliseconds, and
 * that slow drift is not part of the sound being measured.
 */
export function rms(samples: Float32Array, from = 0): number {
  const n = samples.length - from;
  let sumT = 0;
  let sumY = 0;
  let sumTT = 0;
  let sumTY = 0;
  for (let i = 0; i < n; i++) {
    const y = samples[from + i];
    sumT += i;
    sumY += y;
    sumTT += i * i;
    sumTY += i * y;
  }
  const slope = n > 1 ? (n * sumTY - sumT * sumY) / (n * sumTT - sumT * sumT) : 0;
  const intercept = (sumY - slope * sumT) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = samples[from + i] - intercept - slope * i;
    sum += e * e;
  }
  return Math.sqrt(sum / n);
}

/** Peak-to-peak span of `samples[from..]`. */
export function peakToPeak(samples: Float32Array, from = 0): number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < samples.length; i++) {
    if (samples[i] < min) min = samples[i];
    if (samples[i] > max) max = samples[i];
  }
  return max - min;
}

/**
 * Accumulator value of every voice at power-up (the engine's reSIDfp-fitted state: even bits
 * high), so oscillator tests predict their phase from it.
 */
export const POWER_ON_ACCUMULATOR = 0x555555;

/** Noise register at power-up: one shift past all ones, with a 0 fed in (reSIDfp's reset). */
export const POWER_ON_NOISE_REGISTER = 0x7ffffe;

/** Triangle output (12 bits) for the top 12 accumulator bits, as the SID folds it. */
export function triangle12(index: number): number {
  return (((index & 0x800) !== 0 ? index ^ 0xfff : index) << 1) & 0xfff;
}

/** A small seeded generator (mulberry32), so every run checks the same sequences. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The chip's whole state with the analog part (filter and RC integrators) put at rest
 * (saving runs any deferred cycles first): what a state-only run must match exactly.
 */
export function digitalState(chip: SidChip): Uint8Array {
  chip.settleAnalog();
  const w = new StateWriter(4096);
  chip.saveState(w);
  return w.finish();
}

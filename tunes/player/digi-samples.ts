import { PAL_CLOCK_HZ } from './pal-frequency.js';

/** CIA1 timer A latch of digi subtunes: one sample every 246 cycles (~4005 Hz on PAL). */
export const DIGI_LATCH = 246;

/**
 * Digi calls per music frame. 80 × 246 cycles would be one 50 Hz frame, but a music frame
 * outlasts a digi period and the CIA interrupts that fall inside it collapse into one
 * (measured under libsidplayfp: about 570 cycles lost per frame), so 78 calls make ~49.9 Hz.
 */
export const DIGI_DIVIDER = 78;

/** Sample rate of the digi samples in Hz. */
export const DIGI_RATE_HZ = PAL_CLOCK_HZ / DIGI_LATCH;

/**
 * The 4-bit drum samples the player can play through $D418, one value (0-15) per byte.
 * Each rests at 15 (full volume, the player's idle level) so starting and stopping a sample
 * does not click; the drum is a one-sided dip of the master volume.
 */
export const DIGI_SAMPLES: Readonly<Record<string, Uint8Array>> = {
  kick: synthesizeKick(),
  snare: synthesizeSnare(),
};

// A 150 Hz to 50 Hz sine sweep under a fast exponential decay: a dance-floor kick.
function synthesizeKick(): Uint8Array {
  const length = 560;
  const out = new Uint8Array(length);
  let phase = 0;
  let envelope = 1;
  let sweep = 1;
  for (let i = 0; i < length; i++) {
    const hertz = 50 + 100 * sweep;
    phase += (2 * Math.PI * hertz) / DIGI_RATE_HZ;
    out[i] = restingLevel(14 * envelope * (0.5 - 0.5 * cosine(phase)));
    envelope *= 0.9945;
    sweep *= 0.99;
  }
  return out;
}

// White noise from a fixed-seed LCG plus a 180 Hz body, decaying over ~0.12 s.
function synthesizeSnare(): Uint8Array {
  const length = 480;
  const out = new Uint8Array(length);
  let seed = 0x1234_5678;
  let phase = 0;
  let envelope = 1;
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    const noise = (seed >>> 16) / 65_536;
    phase += (2 * Math.PI * 180) / DIGI_RATE_HZ;
    const body = 0.5 - 0.5 * cosine(phase);
    out[i] = restingLevel(13 * envelope * (0.6 * noise + 0.4 * body));
    envelope *= 0.992;
  }
  return out;
}

function restingLevel(depth: number): number {
  return Math.max(0, Math.min(15, 15 - Math.round(depth)));
}

// Taylor series after range reduction: plain arithmetic, so every platform builds the same bytes.
function cosine(x: number): number {
  const turns = Math.round(x / (2 * Math.PI));
  const r = x - turns * 2 * Math.PI;
  const r2 = r * r;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 10; k++) {
    term *= -r2 / ((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

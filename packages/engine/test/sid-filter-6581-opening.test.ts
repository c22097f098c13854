import { describe, expect, it } from 'vitest';
import type { SidModel } from '../src/sid/sid-types.js';
import { newChip, PAL_CLOCK_HZ, render, writeAll } from './sid-test-support.js';

const PULSE_FREQ = 0x0e9a; // ≈ 219.6 Hz
const F0 = (PULSE_FREQ * PAL_CLOCK_HZ) / 2 ** 24;

/** Power of `samples` (cycle rate) at `hz`, by a Goertzel filter over whole periods of the pulse. */
function powerAt(samples: Float32Array, from: number, hz: number): number {
  const periods = Math.floor((samples.length - from) / (PAL_CLOCK_HZ / F0));
  const n = Math.floor((periods * PAL_CLOCK_HZ) / F0);
  const k = (2 * Math.PI * hz) / PAL_CLOCK_HZ;
  const c = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < from + n; i++) {
    const s0 = samples[i] + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - c * s1 * s2;
}

/**
 * A 50 % pulse at 220 Hz on voice 1, low-passed at FC 0 with resonance 15, at envelope
 * sustain `sustain`: the power of its 3rd–9th harmonics relative to the fundamental, in dB.
 */
function harmonicsOverFundamentalDb(model: SidModel, sustain: number): number {
  const sid = newChip(model);
  writeAll(sid, [
    [0x00, PULSE_FREQ & 0xff],
    [0x01, PULSE_FREQ >> 8],
    [0x02, 0x00],
    [0x03, 0x08],
    [0x05, 0x00],
    [0x06, sustain << 4],
    [0x15, 0],
    [0x16, 0],
    [0x17, 0xf1],
    [0x18, 0x1f],
    [0x04, 0x41],
  ]);
  const samples = render(sid, 400_000);
  const from = 150_000;
  const fundamental = powerAt(samples, from, F0);
  let harmonics = 0;
  for (const h of [3, 5, 7, 9]) harmonics += powerAt(samples, from, h * F0);
  return 10 * Math.log10(harmonics / fundamental);
}

describe('6581 filter opening up with level (reSIDfp: a loud resonant low-pass lets harmonics through)', () => {
  it('6581: a full-level pulse keeps far more of its harmonics than a quiet one', () => {
    // reSIDfp (libsidplayfp 2.4, measured on a probe tune, 0.6-2.4 kHz relative to the
    // fundamental): about -5 to -14 dB at sustain 15 against -22 to -37 dB at sustain 6.
    const loud = harmonicsOverFundamentalDb('6581', 15);
    const quiet = harmonicsOverFundamentalDb('6581', 6);
    expect(loud - quiet).toBeGreaterThan(8);
    expect(loud).toBeGreaterThan(-16);
  });

  it('8580: the filter stays linear, so the harmonic balance does not depend on level', () => {
    const loud = harmonicsOverFundamentalDb('8580', 15);
    const quiet = harmonicsOverFundamentalDb('8580', 6);
    expect(Math.abs(loud - quiet)).toBeLessThan(2);
  });
});

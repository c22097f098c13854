import { describe, expect, it } from 'vitest';
import { volumeGain } from '../src/sid/mix-stage.js';
import type { SidModel } from '../src/sid/sid-types.js';
import { newChip, render, writeAll } from './sid-test-support.js';

/** Level in dB of the 2nd harmonic relative to the fundamental `hz` of `samples` (1 MHz clock). */
function secondHarmonicDb(samples: Float32Array, hz: number, clockHz: number): number {
  const tone = (k: number): number => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < samples.length; i++) {
      // Hann window keeps the odd harmonics' leakage away from the even ones.
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / samples.length);
      const phase = (2 * Math.PI * k * hz * i) / clockHz;
      re += w * samples[i] * Math.cos(phase);
      im += w * samples[i] * Math.sin(phase);
    }
    return Math.hypot(re, im);
  };
  return 20 * Math.log10(tone(2) / tone(1));
}

/** One full-level triangle voice (≈ 240 Hz) at `volume`; returns ~0.25 s after a settling time. */
function triangleVoice(model: SidModel, volume: number, sustain = 0xf0): Float32Array {
  const sid = newChip(model);
  writeAll(sid, [
    [0x18, volume],
    [0x0e, 0x00],
    [0x0f, 0x10],
    [0x13, 0x00],
    [0x14, sustain],
    [0x12, 0x11],
  ]);
  render(sid, 200_000);
  // A whole number of periods (2^24 / 0x1000 = 4096 cycles each) keeps the analysis exact.
  return render(sid, 4096 * 60);
}

describe('SID mix stage', () => {
  const clockHz = 985_248;
  const hz = (0x1000 * clockHz) / 2 ** 24;

  it('adds a 2nd harmonic to a triangle as reSIDfp does (-36 dB 6581, -40 dB 8580)', () => {
    const h6581 = secondHarmonicDb(triangleVoice('6581', 0x0f), hz, clockHz);
    const h8580 = secondHarmonicDb(triangleVoice('8580', 0x0f), hz, clockHz);
    expect(h6581).toBeGreaterThan(-38);
    expect(h6581).toBeLessThan(-34);
    expect(h8580).toBeGreaterThan(-42);
    expect(h8580).toBeLessThan(-38);
  });

  it('the distortion is quadratic: half the voice level gives about 6 dB less', () => {
    const full = secondHarmonicDb(triangleVoice('8580', 0x0f), hz, clockHz);
    const half = secondHarmonicDb(triangleVoice('8580', 0x0f, 0x80), hz, clockHz);
    expect(full - half).toBeGreaterThan(4);
    expect(full - half).toBeLessThan(8);
  });

  it('volume gain is 0 at 0, 1 at 15, rising, and above proportional on the 6581', () => {
    for (const model of ['6581', '8580'] as const) {
      expect(volumeGain(model, 0)).toBe(0);
      expect(volumeGain(model, 15)).toBeCloseTo(1, 12);
      for (let v = 1; v <= 15; v++)
        expect(volumeGain(model, v)).toBeGreaterThan(volumeGain(model, v - 1));
    }
    expect(volumeGain('6581', 8)).toBeCloseTo(0.569, 2);
    expect(volumeGain('8580', 8)).toBeCloseTo(0.541, 2);
  });
});

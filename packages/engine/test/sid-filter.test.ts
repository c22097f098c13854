import { describe, expect, it } from 'vitest';
import {
  filter6581CutoffHz,
  filter6581InverseQ,
  filter6581PassGain,
} from '../src/sid/filter-6581.js';
import { FILTER_8580_PASS_GAIN, filter8580CutoffHz } from '../src/sid/filter-8580.js';
import { OUTPUT_GAIN_6581, OUTPUT_GAIN_8580 } from '../src/sid/mix-stage.js';
import type { SidModel } from '../src/sid/sid-types.js';
import { newChip, peakToPeak, render, rms, writeAll } from './sid-test-support.js';

/** Voice 1 playing a loud saw at `freq`, volume 15, plus the given filter/mode writes. */
function sawThroughFilter(model: SidModel, freq: number, extra: [number, number][]): Float32Array {
  const sid = newChip(model);
  writeAll(sid, [
    [0x00, freq & 0xff],
    [0x01, freq >> 8],
    [0x05, 0x00],
    [0x06, 0xf0],
    ...extra,
    [0x04, 0x21],
  ]);
  return render(sid, 80_000);
}

/** Low-pass on voice 1 at cutoff register `fc` (11 bits). */
function lowPass(fc: number, resonance = 0): [number, number][] {
  return [
    [0x15, fc & 7],
    [0x16, fc >> 3],
    [0x17, (resonance << 4) | 0x01],
    [0x18, 0x1f],
  ];
}

describe('SID filter', () => {
  for (const model of ['6581', '8580'] as const) {
    it(`${model}: a low-pass at low FC attenuates a high saw note compared with FC max`, () => {
      const high = 0x8000; // ≈ 1.9 kHz
      const closed = rms(sawThroughFilter(model, high, lowPass(0)), 20_000);
      const open = rms(sawThroughFilter(model, high, lowPass(0x7ff)), 20_000);
      // Outputs are at reSIDfp's level: one full saw voice is about 0.1 RMS, not 0.4.
      expect(open).toBeGreaterThan(0.01);
      expect(closed / open).toBeLessThan(0.2);
    });

    it(`${model}: a high-pass removes a low note that the low-pass keeps`, () => {
      const low = 0x0400; // ≈ 60 Hz
      const fc = 0x400;
      const lp = rms(sawThroughFilter(model, low, lowPass(fc)), 20_000);
      const hp = rms(
        sawThroughFilter(model, low, [
          [0x15, 0],
          [0x16, 0xff],
          [0x17, 0x01],
          [0x18, 0x4f],
        ]),
        20_000,
      );
      expect(hp).toBeLessThan(lp * 0.5);
    });

    it(`${model}: resonance boosts the band around the cutoff`, () => {
      const bandPass = (resonance: number): [number, number][] => [
        [0x15, 0],
        [0x16, model === '6581' ? 0x40 : 0x20],
        [0x17, (resonance << 4) | 0x01],
        [0x18, 0x2f],
      ];
      const dry = rms(sawThroughFilter(model, 0x0800, bandPass(0)), 20_000);
      const wet = rms(sawThroughFilter(model, 0x0800, bandPass(15)), 20_000);
      expect(wet).toBeGreaterThan(dry * 1.5);
    });

    it(`${model}: a voice routed to the filter with no mode selected is not heard`, () => {
      const routed: [number, number][] = [
        [0x17, 0x01],
        [0x18, 0x0f],
      ];
      const playing = sawThroughFilter(model, 0x2000, routed);
      const sid = newChip(model);
      writeAll(sid, routed);
      const idle = render(sid, playing.length);
      let difference = 0;
      for (let i = 0; i < idle.length; i++)
        difference = Math.max(difference, Math.abs(playing[i] - idle[i]));
      expect(difference).toBe(0);
      expect(rms(sawThroughFilter(model, 0x2000, [[0x18, 0x0f]]), 20_000)).toBeGreaterThan(0.01);
    });
  }

  it('6581 and 8580 filters sound different for the same registers', () => {
    // Compared at the same output level (the chips' output gains differ).
    const a = rms(sawThroughFilter('6581', 0x2000, lowPass(0x200)), 20_000) / OUTPUT_GAIN_6581;
    const b = rms(sawThroughFilter('8580', 0x2000, lowPass(0x200)), 20_000) / OUTPUT_GAIN_8580;
    expect(Math.abs(a - b) / Math.max(a, b)).toBeGreaterThan(0.1);
  });

  // Figures measured from libsidplayfp 2.4's reSIDfp (white noise through the low-pass).
  it('cutoff curves: 6581 is S-shaped up to ~18 kHz, 8580 nearly linear up to ~14 kHz', () => {
    expect(filter6581CutoffHz(0)).toBeLessThan(400);
    expect(filter6581CutoffHz(0x180)).toBeLessThan(1000);
    expect(filter6581CutoffHz(0x300)).toBeCloseTo(4480, -2);
    expect(filter6581CutoffHz(0x7ff)).toBeGreaterThan(15_000);
    expect(filter8580CutoffHz(0)).toBeLessThan(10);
    expect(filter8580CutoffHz(0x7ff)).toBeCloseTo(14_200, -2);
    expect(filter8580CutoffHz(0x400) / filter8580CutoffHz(0x7ff)).toBeCloseTo(0.5, 1);
  });

  // reSIDfp: the 6581 filter path is ~4 dB below the direct path at low FC, ~1.8 dB above FC 512; the 8580's ~+0.3 dB.
  it('filter pass-band gain and resonance follow the reSIDfp measurements', () => {
    expect(filter6581PassGain(0)).toBeCloseTo(0.63, 2);
    expect(filter6581PassGain(0x400)).toBeCloseTo(0.81, 2);
    expect(FILTER_8580_PASS_GAIN).toBeGreaterThan(1);
    expect(1 / filter6581InverseQ(0)).toBeCloseTo(0.78, 1);
    expect(1 / filter6581InverseQ(15)).toBeCloseTo(2.5, 1);
  });

  // reSIDfp (like the chip) inverts the low-pass output: a filtered and an unfiltered voice
  // playing the same note in phase partly cancel instead of adding up.
  it('6581: the low-pass output is inverted relative to the unfiltered voices', () => {
    const pair = (routing: number) => {
      const sid = newChip('6581');
      writeAll(sid, [
        [0x00, 0x00],
        [0x01, 0x10],
        [0x06, 0xf0],
        [0x07, 0x00],
        [0x08, 0x10],
        [0x0d, 0xf0],
        ...lowPass(0x7ff).map(([r, v]): [number, number] => (r === 0x17 ? [r, routing] : [r, v])),
        [0x04, 0x21],
        [0x0b, 0x21],
      ]);
      return rms(render(sid, 60_000), 20_000);
    };
    const bothDirect = pair(0x00);
    const oneFiltered = pair(0x01);
    expect(oneFiltered).toBeLessThan(bothDirect * 0.3);
  });

  it('voice 3 off mutes an unfiltered voice 3 but not a filtered one', () => {
    const voice3 = (mode: number, routing: number) => {
      const sid = newChip('8580');
      writeAll(sid, [
        [0x0e, 0x00],
        [0x0f, 0x10],
        [0x13, 0x00],
        [0x14, 0xf0],
        [0x15, 0x07],
        [0x16, 0xff],
        [0x17, routing],
        [0x18, mode],
        [0x12, 0x21],
      ]);
      // The power-on step of the 8580's output bias is not what is measured here.
      sid.settleAnalog();
      return rms(render(sid, 60_000), 20_000);
    };
    expect(voice3(0x0f, 0)).toBeGreaterThan(0.01);
    expect(voice3(0x8f, 0)).toBeLessThan(0.0002);
    expect(voice3(0x9f, 0x04)).toBeGreaterThan(0.01);
  });
});

describe('SID volume register digis', () => {
  function volumeDigi(model: SidModel): number {
    const sid = newChip(model);
    const out = new Float32Array(100);
    let peak = 0;
    for (let i = 0; i < 400; i++) {
      sid.write(0x18, i & 1 ? 0x0f : 0x00);
      sid.clock(out.length, out, 0);
      if (i > 100) peak = Math.max(peak, peakToPeak(out));
    }
    return peak;
  }

  it('writing only $D418 produces an audible square on the 6581, much quieter on the 8580', () => {
    const loud = volumeDigi('6581');
    const quiet = volumeDigi('8580');
    expect(loud).toBeGreaterThan(0.05);
    // libsidplayfp 2.4 (reSIDfp): volume 0 <-> 15 steps of about 5,900 (6581) and 480 (8580) of
    // 32,768, a ratio of 12; here 0.113 against 0.0128 (ratio 9: the 6581's step is 4,070).
    expect(quiet).toBeLessThan(loud / 8);
    expect(quiet).toBeGreaterThan(0);
  });

  it('after the sound stops, filter states settle to exact zeros rather than subnormal tails', () => {
    const sid = newChip('8580');
    writeAll(sid, [
      [0x01, 0x20],
      [0x06, 0xf0],
      [0x16, 0x40],
      [0x17, 0x81],
      [0x18, 0x1f],
      [0x04, 0x21],
    ]);
    render(sid, 100_000);
    writeAll(sid, [
      [0x04, 0x20],
      [0x18, 0x00],
    ]);
    // The board high-pass (0.1 s time constant) needs about 4.5 s to fall below the flush level.
    const tail = render(sid, 5_000_000);
    expect(peakToPeak(tail, 0)).toBeGreaterThan(0.01);
    expect(Array.from(new Set(tail.subarray(tail.length - 10_000)))).toEqual([0]);
  });

  it('the board high-pass removes a constant DC level', () => {
    const sid = newChip('6581');
    // The envelopes power up at $AA and fall to 0 first (their DC level falls with them).
    sid.advance(9 * 900);
    sid.write(0x18, 0x0f);
    // 10 kΩ with 10 µF: a 0.1 s time constant, so 1.5 s leaves e^-15 of the step.
    const out = render(sid, 1_500_000);
    expect(Math.abs(out[1000])).toBeGreaterThan(0.1);
    expect(Math.abs(out[out.length - 1])).toBeLessThan(0.001);
  });
});

import { describe, expect, it } from 'vitest';
import { waveformTables } from '../src/sid/combined-waveforms.js';
import { buildSidDac } from '../src/sid/sid-dac.js';
import {
  newChip,
  PAL_CLOCK_HZ,
  POWER_ON_ACCUMULATOR,
  POWER_ON_NOISE_REGISTER,
  render,
  sampleRegister,
  triangle12,
  writeAll,
} from './sid-test-support.js';

const OSC3 = 0x1b;
/** Voice 3 register base. */
const V3 = 0x0e;

describe('SID oscillator waveforms (read through OSC3)', () => {
  it('sawtooth is the top 8 bits of the 24-bit accumulator ramp, starting from the power-up value', () => {
    const sid = newChip();
    const freq = 0x1234;
    writeAll(sid, [
      [V3, freq & 0xff],
      [V3 + 1, freq >> 8],
      [V3 + 4, 0x20],
    ]);
    const values = sampleRegister(sid, OSC3, 5000);
    const expected = values.map(
      (_, i) => ((POWER_ON_ACCUMULATOR + (i + 1) * freq) & 0xffffff) >>> 16,
    );
    expect(values).toEqual(expected);
  });

  it('triangle rises then falls with the folded accumulator', () => {
    const sid = newChip('6581');
    const freq = 0x2345;
    writeAll(sid, [
      [V3, freq & 0xff],
      [V3 + 1, freq >> 8],
      [V3 + 4, 0x10],
    ]);
    const values = sampleRegister(sid, OSC3, 4000);
    const expected = values.map(
      (_, i) => triangle12(((POWER_ON_ACCUMULATOR + (i + 1) * freq) & 0xffffff) >>> 12) >> 4,
    );
    expect(values).toEqual(expected);
  });

  it('pulse is high for the fraction 1 - PW/4096 of the period', () => {
    for (const pw of [0x400, 0x800, 0xc00]) {
      const sid = newChip();
      writeAll(sid, [
        [V3, 0x00],
        [V3 + 1, 0x10],
        [V3 + 2, pw & 0xff],
        [V3 + 3, pw >> 8],
        [V3 + 4, 0x40],
      ]);
      // 0x1000 per cycle: the period is exactly 4096 cycles.
      const values = sampleRegister(sid, OSC3, 4096 * 4);
      let high = 0;
      for (const v of values) if (v === 0xff) high++;
      expect(Array.from(new Set(values)).sort()).toEqual([0, 0xff]);
      expect(high / values.length).toBeCloseTo(1 - pw / 4096, 3);
    }
  });

  it('noise follows the 23-bit LFSR (feedback 22 ^ 17, output bits 20 ... 0) from its power-up state', () => {
    const sid = newChip();
    writeAll(sid, [
      [V3, 0xff],
      [V3 + 1, 0xff],
      [V3 + 4, 0x80],
    ]);
    const seen = sampleRegister(sid, OSC3, 16 * 3000);
    const observed: number[] = [];
    for (const v of seen)
      if (observed.length === 0 || observed[observed.length - 1] !== v) observed.push(v);

    let register = POWER_ON_NOISE_REGISTER;
    const tap = (r: number, bit: number, to: number) => ((r >> bit) & 1) << to;
    const output = (r: number) =>
      tap(r, 20, 7) |
      tap(r, 18, 6) |
      tap(r, 14, 5) |
      tap(r, 11, 4) |
      tap(r, 9, 3) |
      tap(r, 5, 2) |
      tap(r, 2, 1) |
      tap(r, 0, 0);
    const expected: number[] = [output(register)];
    while (expected.length < observed.length + 10) {
      register = ((register << 1) & 0x7fffff) | (((register >> 22) ^ (register >> 17)) & 1);
      const v = output(register);
      if (v !== expected[expected.length - 1]) expected.push(v);
    }
    expect(observed.length).toBeGreaterThan(2000);
    expect(observed).toEqual(expected.slice(0, observed.length));
  });

  it('noise is not periodic over thousands of shifts and covers most byte values', () => {
    const sid = newChip('6581');
    writeAll(sid, [
      [V3, 0xff],
      [V3 + 1, 0xff],
      [V3 + 4, 0x80],
    ]);
    const values = sampleRegister(sid, OSC3, 16 * 4000);
    const distinct = new Set(values);
    expect(distinct.size).toBeGreaterThan(240);
    // A repeating pattern would make two long windows identical.
    let repeats = 0;
    for (let shift = 1; shift < 16 * 1000; shift++) {
      let same = 0;
      for (let i = 0; i < 4000; i++) if (values[i] === values[i + shift]) same++;
      if (same === 4000) repeats++;
    }
    expect(repeats).toBe(0);
  });

  it('the test bit holds the accumulator at zero and restarts it on release', () => {
    const sid = newChip();
    writeAll(sid, [
      [V3, 0x00],
      [V3 + 1, 0x40],
      [V3 + 4, 0x20],
    ]);
    sampleRegister(sid, OSC3, 777);
    sid.write(V3 + 4, 0x28);
    expect(Array.from(new Set(sampleRegister(sid, OSC3, 1000)))).toEqual([0]);
    sid.write(V3 + 4, 0x20);
    const after = sampleRegister(sid, OSC3, 100);
    expect(after).toEqual(after.map((_, i) => ((i + 1) * 0x4000) >>> 16));
  });

  it('combined noise writes zeros back into the LFSR until it locks up; the test bit refills it', () => {
    const sid = newChip('6581');
    writeAll(sid, [
      [V3, 0xff],
      [V3 + 1, 0xff],
      [V3 + 4, 0xa0],
    ]);
    sampleRegister(sid, OSC3, 100_000);
    sid.write(V3 + 4, 0x80);
    expect(Array.from(new Set(sampleRegister(sid, OSC3, 20_000)))).toEqual([0]);
    // Holding the test bit lets ones leak back in (6581: after 50,000 cycles, one bit per 15,000).
    sid.write(V3 + 4, 0x88);
    render(sid, 50_000 + 24 * 15_000);
    sid.write(V3 + 4, 0x80);
    const revived = sampleRegister(sid, OSC3, 20_000);
    expect(new Set(revived).size).toBeGreaterThan(100);
  });

  it('output frequency is FREQ × clock / 2^24 (upward zero crossings of a saw over one second)', () => {
    const sid = newChip();
    const freq = 0x1cd6;
    writeAll(sid, [
      [0x00, freq & 0xff],
      [0x01, freq >> 8],
      [0x05, 0x00],
      [0x06, 0xf0],
      [0x18, 0x0f],
      [0x04, 0x21],
    ]);
    // From a charged output coupling capacitor: the 8580's power-on step would offset the
    // first ~0.3 s of the saw and hide crossings.
    sid.settleAnalog();
    render(sid, 50_000);
    const samples = render(sid, PAL_CLOCK_HZ);
    let crossings = 0;
    for (let i = 1; i < samples.length; i++) if (samples[i - 1] < 0 && samples[i] >= 0) crossings++;
    const expected = (freq * PAL_CLOCK_HZ) / 2 ** 24;
    expect(Math.abs(crossings - expected)).toBeLessThanOrEqual(1.5);
  });

  it('6581 only: a combined waveform with saw pulls the accumulator MSB low', () => {
    const osc3AfterPulseSaw = (model: '6581' | '8580') => {
      const sid = newChip(model);
      writeAll(sid, [
        [V3, 0x00],
        [V3 + 1, 0x10],
        [V3 + 2, 0xff],
        [V3 + 3, 0x0f],
        [V3 + 4, 0x60],
      ]);
      // The pulse stays low (PW = 0xFFF), so pulse+saw outputs 0, including bit 11.
      sampleRegister(sid, OSC3, 3000);
      sid.write(V3 + 4, 0x20);
      return sampleRegister(sid, OSC3, 1)[0];
    };
    const unpulled = POWER_ON_ACCUMULATOR + 3001 * 0x1000;
    expect(osc3AfterPulseSaw('8580')).toBe((unpulled & 0xffffff) >>> 16);
    // Clearing the MSB every cycle makes the accumulator count modulo 2^23.
    expect(osc3AfterPulseSaw('6581')).toBe((unpulled & 0x7fffff) >>> 16);
  });

  it('waveform 0 holds the last DAC value, then lets it fade away', () => {
    const sid = newChip('6581');
    writeAll(sid, [
      [V3, 0x00],
      [V3 + 1, 0x01],
      [V3 + 2, 0x00],
      [V3 + 3, 0x00],
      [V3 + 4, 0x40],
    ]);
    sampleRegister(sid, OSC3, 10);
    sid.write(V3 + 4, 0x00);
    const held = sampleRegister(sid, OSC3, 50_000);
    expect(held[0]).toBe(0xff);
    expect(held[held.length - 1]).toBe(0xff);
    render(sid, 100_000);
    expect(sampleRegister(sid, OSC3, 1)[0]).toBe(0);
  });
});

describe('SID combined waveforms and DACs', () => {
  it('combined waveforms only clear bits of the plain selector AND, and differ between models', () => {
    const t6581 = waveformTables('6581');
    const t8580 = waveformTables('8580');
    let differences = 0;
    for (const waveform of [3, 5, 6, 7]) {
      for (let index = 0; index < 4096; index++) {
        const at = (waveform << 12) | index;
        const raw = t6581.raw[at];
        expect(t6581.output[at] & ~raw).toBe(0);
        expect(t8580.output[at] & ~raw).toBe(0);
        if (t6581.output[at] !== t8580.output[at]) differences++;
      }
    }
    expect(differences).toBeGreaterThan(100);
    // Pulse+saw near the top of the ramp keeps its high bits; near the bottom it is silent.
    expect(t8580.output[(6 << 12) | 0xfff]).toBeGreaterThan(0xf00);
    expect(t8580.output[(6 << 12) | 0x100]).toBe(0);
  });

  it('the 8580 DAC is linear while the 6581 ladder is not', () => {
    const ideal = buildSidDac(12, '8580');
    for (let i = 0; i < 4096; i += 7) expect(ideal[i]).toBeCloseTo(i, 6);
    const kinked = buildSidDac(12, '6581');
    expect(kinked[4095]).toBeCloseTo(4095, 6);
    let maxError = 0;
    for (let i = 0; i < 4096; i++) maxError = Math.max(maxError, Math.abs(kinked[i] - i));
    expect(maxError).toBeGreaterThan(10);
  });
});

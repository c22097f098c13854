import { describe, expect, it } from 'vitest';
import { SidChip } from '../src/sid/sid-chip.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';
import {
  newChip,
  PAL_CLOCK_HZ,
  POWER_ON_ACCUMULATOR,
  peakToPeak,
  render,
  sampleRegister,
  triangle12,
  writeAll,
} from './sid-test-support.js';

const OSC3 = 0x1b;

/** A busy patch: three voices, sync, ring, noise, filter. */
const BUSY: [number, number][] = [
  [0x00, 0x00],
  [0x01, 0x1c],
  [0x05, 0x09],
  [0x06, 0xf8],
  [0x04, 0x21],
  [0x08, 0x0e],
  [0x0a, 0x08],
  [0x0c, 0x22],
  [0x0d, 0xe8],
  [0x0b, 0x43],
  [0x0e, 0x77],
  [0x0f, 0x2a],
  [0x14, 0xf0],
  [0x12, 0x15],
  [0x15, 0x04],
  [0x16, 0x50],
  [0x17, 0xf3],
  [0x18, 0x1f],
];

describe('SidChip', () => {
  it('rejects unknown models and bad clocks with typed errors', () => {
    expect(() => new SidChip({ model: '6582' as never, clockHz: PAL_CLOCK_HZ })).toThrow(
      expect.objectContaining({ code: 'SID_BAD_MODEL' }),
    );
    expect(() => new SidChip({ model: '8580', clockHz: 0 })).toThrow(
      expect.objectContaining({ code: 'SID_BAD_CLOCK' }),
    );
  });

  it('is deterministic: identical writes give identical samples', () => {
    const a = newChip('6581');
    const b = newChip('6581');
    writeAll(a, BUSY);
    writeAll(b, BUSY);
    expect(render(a, 50_000)).toEqual(render(b, 50_000));
  });

  it('splitting clock() calls does not change the output', () => {
    const whole = newChip('6581');
    writeAll(whole, BUSY);
    const reference = render(whole, 30_000);
    const split = newChip('6581');
    writeAll(split, BUSY);
    const out = new Float32Array(30_000);
    for (let at = 0, step = 1; at < out.length; at += step, step = (step * 7 + 3) % 997) {
      split.clock(Math.min(step, out.length - at), out, at);
    }
    expect(out).toEqual(reference);
  });

  for (const model of ['6581', '8580'] as const) {
    it(`${model}: saving and restoring state reproduces the following output exactly`, () => {
      const original = newChip(model);
      writeAll(original, BUSY);
      render(original, 123_457);
      const writer = new StateWriter();
      original.saveState(writer);
      const expected = render(original, 60_000);

      const restored = newChip(model === '6581' ? '8580' : '6581');
      const reader = new StateReader(writer.finish());
      restored.loadState(reader);
      expect(reader.done).toBe(true);
      expect(restored.model).toBe(model);
      expect(render(restored, 60_000)).toEqual(expected);
    });
  }

  it('reset() returns to the power-on state', () => {
    const fresh = newChip();
    const used = newChip();
    writeAll(used, BUSY);
    render(used, 10_000);
    used.reset();
    writeAll(fresh, BUSY);
    writeAll(used, BUSY);
    expect(render(used, 20_000)).toEqual(render(fresh, 20_000));
  });

  it('muting a voice silences its waveform, unmuting brings it back', () => {
    const sid = newChip('8580');
    writeAll(sid, [
      [0x01, 0x10],
      [0x06, 0xf0],
      [0x18, 0x0f],
      [0x04, 0x21],
    ]);
    render(sid, 50_000);
    expect(peakToPeak(render(sid, 20_000))).toBeGreaterThan(0.05);
    sid.muteVoice(0, true);
    render(sid, 5_000);
    expect(peakToPeak(render(sid, 20_000))).toBeLessThan(0.01);
    sid.muteVoice(0, false);
    expect(peakToPeak(render(sid, 20_000))).toBeGreaterThan(0.05);
  });

  it('reads POTX/POTY as 0xFF, and write-only registers as the decaying bus value', () => {
    const sid = newChip('6581');
    expect(sid.read(0x19)).toBe(0xff);
    expect(sid.read(0x1a)).toBe(0xff);
    sid.write(0x05, 0x5a);
    expect(sid.read(0x00)).toBe(0x5a);
    expect(sid.read(0x18)).toBe(0x5a);
    render(sid, 0x1d00 + 10);
    expect(sid.read(0x00)).toBe(0);
  });

  it('halves the bus value lifetime on each read of a write-only register (reSIDfp)', () => {
    const sid = newChip('6581');
    sid.write(0x05, 0x5a);
    expect(sid.read(0x00)).toBe(0x5a); // 0x1d00 -> 0xe80 cycles left
    expect(sid.read(0x00)).toBe(0x5a); // -> 0x740
    render(sid, 0x700);
    expect(sid.read(0x18)).toBe(0x5a); // 0x40 left -> 0x20
    render(sid, 0x21);
    expect(sid.read(0x18)).toBe(0);
    // A readable register refreshes the bus with its own value and the full lifetime.
    sid.write(0x05, 0x33);
    expect(sid.read(0x19)).toBe(0xff);
    render(sid, 0x1c00);
    expect(sid.read(0x00)).toBe(0xff);
  });

  it('hard sync restarts voice 3 on every MSB rise of voice 2', () => {
    const run = (control: number) => {
      const sid = newChip();
      writeAll(sid, [
        [0x07, 0x00],
        [0x08, 0x10], // voice 2: 0x1000 per cycle, period 4096 cycles
        [0x0e, 0x34],
        [0x0f, 0x12],
        [0x12, control],
      ]);
      return sampleRegister(sid, OSC3, 20_000);
    };
    const synced = run(0x22);
    const free = run(0x20);
    const periodic = (values: Uint8Array, period: number) => {
      for (let i = 5000; i < 12_000; i++) if (values[i] !== values[i + period]) return false;
      return true;
    };
    expect(periodic(synced, 4096)).toBe(true);
    expect(periodic(free, 4096)).toBe(false);
    // Voice 2's MSB rises on the first cycle its accumulator (from the power-up value) reaches
    // 0x800000: voice 3 restarts there.
    const rise = Math.ceil((0x800000 - POWER_ON_ACCUMULATOR) / 0x1000);
    expect(synced[rise - 1]).toBe(0);
    expect(free[rise - 1]).not.toBe(0);
  });

  it('ring modulation flips voice 3 triangle with the MSB of voice 2', () => {
    const sid = newChip();
    const f2 = 0x0b00;
    const f3 = 0x2300;
    writeAll(sid, [
      [0x07, f2 & 0xff],
      [0x08, f2 >> 8],
      [0x0e, f3 & 0xff],
      [0x0f, f3 >> 8],
      [0x12, 0x14],
    ]);
    const values = sampleRegister(sid, OSC3, 10_000);
    const expected = values.map((_, i) => {
      const n = i + 1;
      const a3 = (POWER_ON_ACCUMULATOR + n * f3) & 0xffffff;
      const a2 = (POWER_ON_ACCUMULATOR + n * f2) & 0xffffff;
      return triangle12((a3 ^ (a2 & 0x800000)) >>> 12) >> 4;
    });
    expect(values).toEqual(expected);
    const plain = values.map(
      (_, i) => triangle12(((POWER_ON_ACCUMULATOR + (i + 1) * f3) & 0xffffff) >>> 12) >> 4,
    );
    expect(values).not.toEqual(plain);
  });

  it('a silent voice sounds the same as voice 3 (whose waveform is always computed) when it comes back', () => {
    const play = (base: number) => {
      const sid = newChip('8580');
      writeAll(sid, [
        [0x18, 0x0f],
        [base + 0, 0x31],
        [base + 1, 0x07],
        [base + 2, 0x00],
        [base + 3, 0x06],
        [base + 6, 0xf0],
        [base + 4, 0x20],
      ]);
      const parts = [render(sid, 1_111)];
      sid.write(base + 4, 0x00); // waveform 0 while silent: the DAC holds the current saw value
      sid.write(base + 4, 0x01); // gate: the held value becomes audible
      parts.push(render(sid, 3_000));
      sid.write(base + 4, 0x40); // release, then pulse while fading out and silent
      parts.push(render(sid, 40_000));
      sid.write(base + 4, 0x41);
      parts.push(render(sid, 5_000));
      return parts;
    };
    const voice1 = play(0x00);
    const voice3 = play(0x0e);
    // The held value is audible (0.0047 peak to peak at the 6581's output level), not silence.
    expect(peakToPeak(voice1[1])).toBeGreaterThan(0.002);
    expect(voice1).toEqual(voice3);
  });

  it('setModel switches the sound but keeps the running voices', () => {
    const sid = newChip('8580');
    writeAll(sid, BUSY);
    render(sid, 20_000);
    sid.setModel('6581');
    expect(sid.model).toBe('6581');
    expect(sid.read(0x1c)).toBeGreaterThan(0);
    expect(peakToPeak(render(sid, 20_000))).toBeGreaterThan(0.1);
  });
});

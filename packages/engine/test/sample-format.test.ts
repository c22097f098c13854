import { describe, expect, it } from 'vitest';
import { convertFloatToInt16, floatToInt16, mixSidsToInt16 } from '../src/output/index.js';

describe('floatToInt16', () => {
  it('scales by 32767, rounds half away from zero and clips', () => {
    expect(floatToInt16(0)).toBe(0);
    expect(floatToInt16(1)).toBe(32767);
    expect(floatToInt16(-1)).toBe(-32767);
    expect(floatToInt16(2)).toBe(32767);
    expect(floatToInt16(-2)).toBe(-32768);
    expect(floatToInt16(0.5 / 32767)).toBe(1);
    expect(floatToInt16(-0.5 / 32767)).toBe(-1);
    expect(floatToInt16(0.49 / 32767)).toBe(0);
    expect(floatToInt16(Number.NaN)).toBe(0);
  });

  it('converts a range without touching the rest of the output', () => {
    const input = new Float32Array([9, 0.25, -0.25, 9]);
    const out = new Int16Array([7, 7, 7, 7]);
    convertFloatToInt16(input, 1, 2, out, 1);
    expect(Array.from(out)).toEqual([7, 8192, -8192, 7]);
  });
});

describe('mixSidsToInt16', () => {
  const s0 = new Float32Array([0.5, -0.5]);
  const s1 = new Float32Array([0.25, 0.25]);
  const s2 = new Float32Array([-1, 1]);

  it('mono averages the chips', () => {
    const out = new Int16Array(2);
    mixSidsToInt16([s0], 0, 2, 1, out, 0);
    expect(Array.from(out)).toEqual([16384, -16384]);
    mixSidsToInt16([s0, s1], 0, 2, 1, out, 0);
    expect(Array.from(out)).toEqual([floatToInt16(0.375), floatToInt16(-0.125)]);
    mixSidsToInt16([s0, s1, s2], 0, 2, 1, out, 0);
    expect(Array.from(out)).toEqual([floatToInt16(-0.25 / 3), floatToInt16(0.75 / 3)]);
  });

  it('stereo: one chip centred, two hard left/right, three left/centre/right', () => {
    const out = new Int16Array(4);
    mixSidsToInt16([s0], 0, 2, 2, out, 0);
    expect(Array.from(out)).toEqual([16384, 16384, -16384, -16384]);
    mixSidsToInt16([s0, s1], 0, 2, 2, out, 0);
    expect(Array.from(out)).toEqual([16384, 8192, -16384, 8192]);
    mixSidsToInt16([s0, s1, s2], 0, 2, 2, out, 0);
    expect(Array.from(out)).toEqual([
      floatToInt16((1 + 0.25) / 3),
      floatToInt16((0.25 - 2) / 3),
      floatToInt16((-1 + 0.25) / 3),
      floatToInt16((0.25 + 2) / 3),
    ]);
  });

  it('honours offsets and rejects bad layouts', () => {
    const out = new Int16Array(5).fill(3);
    mixSidsToInt16([s0, s1], 1, 1, 2, out, 2);
    expect(Array.from(out)).toEqual([3, 3, -16384, 8192, 3]);
    expect(() => mixSidsToInt16([], 0, 1, 2, out, 0)).toThrow(/1 to 3/);
    expect(() => mixSidsToInt16([s0, s0, s0, s0], 0, 1, 2, out, 0)).toThrow(/1 to 3/);
    expect(() => mixSidsToInt16([s0], 0, 1, 3 as 2, out, 0)).toThrow(/channels/);
  });
});

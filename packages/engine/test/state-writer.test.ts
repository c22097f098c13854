import { describe, expect, it } from 'vitest';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';

describe('StateWriter', () => {
  it('grows its buffer in the middle of an array write and keeps every byte', () => {
    const w = new StateWriter(8);
    w.u32(7);
    const data = new Uint8Array(1000).map((_, i) => i & 0xff);
    w.bytes(data);
    const floats = new Float32Array([1.5, -2.25, 3]);
    w.f32Array(floats);
    const r = new StateReader(w.finish());
    expect(r.u32()).toBe(7);
    const back = new Uint8Array(1000);
    r.bytes(back);
    expect(back).toEqual(data);
    const floatsBack = new Float32Array(3);
    r.f32Array(floatsBack);
    expect(floatsBack).toEqual(floats);
  });
});

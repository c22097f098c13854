import { describe, expect, it } from 'vitest';
import { AUDIO_PACKET_BYTES, PacketSequencer } from '../src/index.js';

/** A datagram whose every sample is `value` (so the test can tell packets apart). */
function datagram(sequence: number, value: number): Uint8Array {
  const b = Buffer.alloc(AUDIO_PACKET_BYTES);
  b.writeUInt16LE(sequence & 0xffff, 0);
  for (let i = 2; i < b.length; i += 2) b.writeInt16LE(value, i);
  return b;
}

function collect(options: ConstructorParameters<typeof PacketSequencer>[1] = {}) {
  const out: Array<{ index: number; first: number; last: number; filled: boolean }> = [];
  const seq = new PacketSequencer((index, frames, filled) => {
    out.push({ index, first: frames[0], last: frames[frames.length - 1], filled });
  }, options);
  const push = (s: number, v = s) => seq.push(s & 0xffff, datagram(s, v), 2);
  return { seq, out, push };
}

describe('PacketSequencer', () => {
  it('releases in-order packets at once', () => {
    const { out, push, seq } = collect({ firstSequence: 0 });
    for (let s = 0; s < 5; s++) push(s);
    expect(out.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(seq.counters).toMatchObject({ received: 5, lost: 0, reordered: 0 });
  });

  it('puts reordered packets back in order and drops duplicates', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 8 });
    for (const s of [0, 2, 1, 3, 3, 5, 4, 1]) push(s);
    expect(out.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.every((p) => p.first === p.index && !p.filled)).toBe(true);
    expect(seq.counters).toMatchObject({ received: 6, reordered: 2, duplicated: 2, lost: 0 });
  });

  it('follows the 16-bit sequence across the wrap', () => {
    const { out, push } = collect({ window: 4 });
    for (const s of [65533, 65535, 65534, 0, 2, 1, 3]) push(s, s & 0x7fff);
    expect(out.map((p) => p.index)).toEqual([65533, 65534, 65535, 65536, 65537, 65538, 65539]);
  });

  it('fills a missing packet once the window has passed, with a line between its neighbours', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 3 });
    push(0, 100);
    push(2, 500);
    push(3, 500);
    expect(out).toHaveLength(1);
    push(4, 500);
    expect(out.map((p) => [p.index, p.filled])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(out[1].first).toBeGreaterThan(100);
    expect(out[1].last).toBeLessThan(500);
    expect(out[1].last).toBeGreaterThan(out[1].first);
    push(1, 300); // too late now
    expect(seq.counters).toMatchObject({ lost: 1, late: 1, received: 4 });
  });

  it('fills with silence when asked, and a missing first packet counts as lost', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 2, fill: 'silence' });
    push(1, 7);
    push(2, 7);
    expect(out.map((p) => [p.index, p.first, p.filled])).toEqual([
      [0, 0, true],
      [1, 7, false],
      [2, 7, false],
    ]);
    expect(seq.counters.lost).toBe(1);
  });

  it('ignores a lone packet with far-off numbering', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 4 });
    for (let s = 0; s < 5; s++) push(s);
    push(20_000);
    for (let s = 5; s < 10; s++) push(s);
    expect(out.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seq.counters).toMatchObject({ late: 1, lost: 0, resyncs: 0 });
  });

  it('re-locks when the numbering restarts for good, keeping the timeline contiguous', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 4 });
    for (let s = 0; s < 10; s++) push(s);
    for (let k = 0; k < 20; k++) push(30_000 + k, 1000 + k);
    expect(seq.counters).toMatchObject({ resyncs: 1, late: 7, lost: 0 });
    expect(out.map((p) => p.index)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    // The eighth stray re-locks: packets 7 … 19 of the new numbering land on 10 … 22.
    expect(out.slice(10).map((p) => p.first)).toEqual(
      Array.from({ length: 13 }, (_, i) => 1007 + i),
    );
  });

  it('flushes what it holds, filling to a given index', () => {
    const { out, push, seq } = collect({ firstSequence: 0, window: 100 });
    push(0);
    push(3);
    seq.flush(5);
    expect(out.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seq.counters.lost).toBe(4);
  });
});

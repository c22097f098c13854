import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceWrites } from '../src/index.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'noise-probes');

/**
 * The probes (our own RSIDs, built by `fixtures/noise-probes/make-probes.py`) set and release
 * voice 3's test bit around noise, triangle and pulse, hold it from a few cycles to 2 s, and store
 * every OSC3 read into $D400, so the write log carries the noise register's output cycle by cycle.
 * The `.writes` files are libsidplayfp 2.4.2's (reSIDfp) logs of the same probes.
 */
function expectSameLogAsReSidFp(name: string, seconds: number): void {
  const bytes = new Uint8Array(readFileSync(join(fixtures, `${name}.sid`)));
  const reference = readFileSync(join(fixtures, `${name}.writes`), 'utf8')
    .trimEnd()
    .split('\n');
  const ours = traceWrites(bytes, { song: 1, seconds });
  const reads = reference.filter((line) => / 0 00 [0-9a-f]{2}$/.test(line));
  expect(reads.length).toBeGreaterThan(300);
  expect(ours.length).toBe(reference.length);
  const differing = ours.filter((line, i) => line !== reference[i]);
  expect(differing).toEqual([]);
}

describe('noise register around the test bit (OSC3 read back vs libsidplayfp 2.4)', () => {
  it('6581: releases, short and 23,000-cycle holds, holds after a triangle, and the fill with ones', () => {
    // Before the fix: 494 of 692 reads differed, from the first release after a triangle on.
    expectSameLogAsReSidFp('test-bit-6581', 1);
  });

  it('6581: the state a release leaves after the register filled with ones', () => {
    expectSameLogAsReSidFp('test-bit-after-fade-6581', 4);
  });

  it('8580: the same, with the 8580 fill timing (986,000 cycles, then one bit per 314,300)', () => {
    expectSameLogAsReSidFp('test-bit-8580', 4);
  });
});

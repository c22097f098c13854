import { describe, expect, it } from 'vitest';
import { PAL_TIMING } from '../src/c64/clock.js';
import { Resampler } from '../src/output/index.js';

const PAL = Math.round(PAL_TIMING.cpuHz);

/** A deterministic noisy test signal. */
function signal(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) | 0;
    x[i] = 0.3 * Math.sin(i / 37) + ((s >>> 8) / 2 ** 24 - 0.5) * 0.2;
  }
  return x;
}

function feed(r: Resampler, x: Float32Array, chunk: number): Float32Array {
  const y = new Float32Array(r.maxOutput(x.length) + 16);
  let produced = 0;
  for (let at = 0; at < x.length; at += chunk) {
    const n = Math.min(chunk, x.length - at);
    produced += r.process(x, at, n, y, produced);
  }
  return y.slice(0, produced);
}

describe('Resampler.skip and clearHistory (fast seeking)', () => {
  for (const rate of [8000, 44_100, 48_000, 96_000]) {
    it(`at ${rate} Hz, skipping n inputs equals processing n samples of silence`, () => {
      // Longer than every filter's memory, so the processed silence has flushed the history too.
      for (const skipped of [20_011, 50_000, 123_457]) {
        const processed = new Resampler({ inputRate: PAL, outputRate: rate });
        const skipping = new Resampler({ inputRate: PAL, outputRate: rate });
        // Some real history first, so the skip has to silence it.
        feed(processed, signal(10_001, 1), 4096);
        feed(skipping, signal(10_001, 1), 4096);
        const silentOut = feed(processed, new Float32Array(skipped), 4096);
        expect(skipping.skip(skipped), `${skipped} skipped`).toBe(silentOut.length);
        const after = signal(20_000, 2);
        expect(feed(skipping, after, 4133), `${skipped} skipped`).toEqual(
          feed(processed, after, 4133),
        );
      }
    });
  }

  it('skip counts what process would produce, however short', () => {
    for (const skipped of [1, 2, 7, 63, 1000]) {
      const processed = new Resampler({ inputRate: PAL, outputRate: 44_100 });
      const skipping = new Resampler({ inputRate: PAL, outputRate: 44_100 });
      let produced = 0;
      let skippedOut = 0;
      for (let i = 0; i < 40; i++) {
        produced += feed(processed, new Float32Array(skipped), 4096).length;
        skippedOut += skipping.skip(skipped);
        expect(skippedOut).toBe(produced);
      }
    }
  });

  it('clearHistory keeps the output grid: history no longer matters, the sample count does', () => {
    const a = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const b = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const countA = feed(a, signal(30_011, 3), 4096).length;
    const countB = feed(b, signal(30_011, 4), 4096).length;
    expect(countB).toBe(countA);
    a.clearHistory();
    b.clearHistory();
    const after = signal(9000, 5);
    expect(feed(b, after, 4096)).toEqual(feed(a, after, 4096));
  });
});

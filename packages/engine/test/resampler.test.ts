import { describe, expect, it } from 'vitest';
import { NTSC_TIMING, PAL_TIMING } from '../src/c64/clock.js';
import { HalfbandDecimator } from '../src/output/halfband-decimator.js';
import { Resampler } from '../src/output/index.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';

const PAL = PAL_TIMING.cpuHz;

function sine(rate: number, hz: number, seconds: number, amplitude = 0.5): Float32Array {
  const n = Math.floor(rate * seconds);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return x;
}

function resampleAll(r: Resampler, x: Float32Array): Float32Array {
  const y = new Float32Array(r.maxOutput(x.length));
  const n = r.process(x, 0, x.length, y, 0);
  return y.slice(0, n);
}

/** Amplitude of the `hz` component of `y` (Blackman–Harris window, skipping the start-up transient). */
function amplitudeAt(y: Float32Array, rate: number, hz: number, skip = 256): number {
  const n = y.length - skip;
  let re = 0;
  let im = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / (n - 1);
    const w =
      0.35875 - 0.48829 * Math.cos(t) + 0.14128 * Math.cos(2 * t) - 0.01168 * Math.cos(3 * t);
    sum += w;
    const phase = (2 * Math.PI * hz * i) / rate;
    re += y[skip + i] * w * Math.cos(phase);
    im -= y[skip + i] * w * Math.sin(phase);
  }
  return (2 * Math.hypot(re, im)) / sum;
}

function rms(y: Float32Array, skip = 256): number {
  let s = 0;
  for (let i = skip; i < y.length; i++) s += y[i] * y[i];
  return Math.sqrt(s / (y.length - skip));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('Resampler passband', () => {
  it.each([
    [PAL, 44_100],
    [PAL, 48_000],
    [NTSC_TIMING.cpuHz, 44_100],
    [PAL, 22_050],
    [PAL, 96_000],
  ])(
    'passes a 1 kHz sine from %i Hz to %i Hz at 1 kHz with the same amplitude (±0.1 dB)',
    (fin, fout) => {
      const y = resampleAll(
        new Resampler({ inputRate: fin, outputRate: fout }),
        sine(fin, 1000, 0.3),
      );
      expect(y.length).toBeGreaterThan(fout * 0.29);
      expect(Math.abs(db(amplitudeAt(y, fout, 1000) / 0.5))).toBeLessThan(0.1);
      // Frequency: zero crossings over the steady part.
      let crossings = 0;
      let first = -1;
      let last = -1;
      for (let i = 1000; i < y.length; i++) {
        if (y[i - 1] < 0 && y[i] >= 0) {
          crossings++;
          const t = i - 1 + y[i - 1] / (y[i - 1] - y[i]);
          if (first < 0) first = t;
          last = t;
        }
      }
      const measured = ((crossings - 1) * fout) / (last - first);
      expect(Math.abs(measured - 1000)).toBeLessThan(0.01);
    },
  );

  it('keeps 19 kHz within 0.1 dB at 44.1 kHz', () => {
    const y = resampleAll(
      new Resampler({ inputRate: PAL, outputRate: 44_100 }),
      sine(PAL, 19_000, 0.2),
    );
    expect(Math.abs(db(amplitudeAt(y, 44_100, 19_000) / 0.5))).toBeLessThan(0.1);
  });
});

describe('Resampler stopband', () => {
  it('attenuates a 30 kHz tone by at least 70 dB at 44.1 kHz (no alias at 14.1 kHz)', () => {
    const y = resampleAll(
      new Resampler({ inputRate: PAL, outputRate: 44_100 }),
      sine(PAL, 30_000, 0.2),
    );
    expect(db(amplitudeAt(y, 44_100, 14_100) / 0.5)).toBeLessThan(-70);
    expect(db(rms(y, 512) / (0.5 / Math.SQRT2))).toBeLessThan(-70);
  });

  it('does not fold a 25 kHz tone into the audible band (alias at 19.1 kHz)', () => {
    const y = resampleAll(
      new Resampler({ inputRate: PAL, outputRate: 44_100 }),
      sine(PAL, 25_000, 0.2),
    );
    expect(db(amplitudeAt(y, 44_100, 19_100) / 0.5)).toBeLessThan(-80);
    expect(db(rms(y, 512) / (0.5 / Math.SQRT2))).toBeLessThan(-80);
  });

  it.each([
    [44_100, 88_400],
    [44_100, 300_000],
    [48_000, 123_000],
    [8_000, 20_000],
  ])('at %i Hz output removes a %i Hz tone that naive decimation would alias', (fout, hz) => {
    const y = resampleAll(new Resampler({ inputRate: PAL, outputRate: fout }), sine(PAL, hz, 0.1));
    expect(db(rms(y, 512) / (0.5 / Math.SQRT2))).toBeLessThan(-80);
  });
});

describe('Resampler at other output rates', () => {
  it.each([8_000, 22_050, 96_000, 192_000])(
    'at %i Hz removes tones just past the stopband edge and far above it by 80 dB',
    (fout) => {
      const r = new Resampler({ inputRate: PAL, outputRate: fout });
      const edge = fout - r.passbandHz;
      for (const hz of [edge + 150, edge + 2_345, 2 * fout + 1_234, 0.45 * PAL]) {
        r.reset();
        const y = resampleAll(r, sine(PAL, hz, 0.05));
        expect(db(rms(y, Math.min(256, y.length >> 2)) / (0.5 / Math.SQRT2))).toBeLessThan(-80);
      }
    },
  );
});

describe('HalfbandDecimator.runFrom', () => {
  // Pass fractions giving the 15-tap first stage (read in place) and a longer one (copied).
  it.each([0.0245, 0.06])(
    'gives the same samples as copying the input into the buffer and run() (pass fraction %f)',
    (passFraction) => {
      const x = new Float32Array(20_000);
      let seed = 99;
      for (let i = 0; i < x.length; i++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        x[i] = seed / 2 ** 31 - 1;
      }
      const inPlace = new HalfbandDecimator(passFraction, 90, 4096);
      const copied = new HalfbandDecimator(passFraction, 90, 4096);
      const a = new Float64Array(x.length);
      const b = new Float64Array(x.length);
      let na = 0;
      let nb = 0;
      let offset = 0;
      const sizes = [0, 1, 2, 3, 14, 15, 16, 17, 31, 33, 4096, 1000, 7];
      for (let k = 0; offset < x.length; k++) {
        const size = Math.min(x.length - offset, sizes[k % sizes.length]);
        na += inPlace.runFrom(x, offset, size, a, na);
        for (let i = 0; i < size; i++) copied.buffer[copied.length++] = x[offset + i];
        nb += copied.run(b, nb);
        offset += size;
        expect(inPlace.length).toBe(copied.length);
      }
      expect(na).toBe(nb);
      expect(na).toBeGreaterThan(x.length / 2 - 20);
      expect(Array.from(a.subarray(0, na))).toEqual(Array.from(b.subarray(0, nb)));
    },
  );
});

describe('Resampler sweeps', () => {
  it.each([44_100, 48_000])(
    'at %i Hz: passband flat within 0.05 dB, stopband at least 80 dB down',
    (fout) => {
      const worstPass = { db: 0 };
      for (let hz = 200; hz <= 20_000; hz += 1_300) {
        const y = resampleAll(
          new Resampler({ inputRate: PAL, outputRate: fout }),
          sine(PAL, hz, 0.05),
        );
        const level = db(amplitudeAt(y, fout, hz, 128) / 0.5);
        if (Math.abs(level) > Math.abs(worstPass.db)) worstPass.db = level;
      }
      expect(Math.abs(worstPass.db)).toBeLessThan(0.05);
      let worstStop = -400;
      const stopEdge = fout - 20_000;
      for (let hz = stopEdge + 100; hz < PAL / 2; hz += 7_919) {
        const y = resampleAll(
          new Resampler({ inputRate: PAL, outputRate: fout }),
          sine(PAL, hz, 0.03),
        );
        worstStop = Math.max(worstStop, db(rms(y, 256) / (0.5 / Math.SQRT2)));
      }
      expect(worstStop).toBeLessThan(-80);
    },
  );
});

describe('Resampler streaming', () => {
  function noise(n: number, seed: number): Float32Array {
    const x = new Float32Array(n);
    let s = seed >>> 0;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      x[i] = s / 2 ** 31 - 1;
    }
    return x;
  }

  it('gives the same samples processed in chunks as in one call, within maxOutput', () => {
    const x = noise(200_000, 7);
    const whole = resampleAll(new Resampler({ inputRate: PAL, outputRate: 44_100 }), x);
    const r = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const y = new Float32Array(whole.length + 16);
    let produced = 0;
    let offset = 0;
    let s = 3;
    const sizes = [0, 1, 2, 3, 63, 4096, 4097, 10_000, 17, 1];
    let k = 0;
    while (offset < x.length) {
      s = (s * 31 + 7) % 97;
      const size = Math.min(x.length - offset, sizes[k++ % sizes.length] + s);
      const made = r.process(x, offset, size, y, produced);
      expect(made).toBeLessThanOrEqual(r.maxOutput(size));
      produced += made;
      offset += size;
    }
    expect(produced).toBe(whole.length);
    expect(Array.from(y.subarray(0, produced))).toEqual(Array.from(whole));
  });

  it('is deterministic and reset() restarts from silence', () => {
    const x = noise(50_000, 11);
    const r = new Resampler({ inputRate: PAL, outputRate: 48_000 });
    const a = resampleAll(r, x);
    r.reset();
    const b = resampleAll(r, x);
    const c = resampleAll(new Resampler({ inputRate: PAL, outputRate: 48_000 }), x);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
  });

  it('restores a snapshot taken mid-stream exactly', () => {
    const x = noise(120_000, 5);
    const whole = resampleAll(new Resampler({ inputRate: PAL, outputRate: 44_100 }), x);
    const r = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const head = new Float32Array(r.maxOutput(50_001));
    const n1 = r.process(x, 0, 50_001, head, 0);
    const w = new StateWriter();
    r.saveState(w);
    const restored = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const reader = new StateReader(w.finish());
    restored.loadState(reader);
    expect(reader.done).toBe(true);
    const tail = new Float32Array(restored.maxOutput(x.length - 50_001));
    const n2 = restored.process(x, 50_001, x.length - 50_001, tail, 0);
    const joined = [...head.subarray(0, n1), ...tail.subarray(0, n2)];
    expect(joined).toEqual(Array.from(whole));
  });

  it('produces outputRate samples per second of input, less the filter look-ahead', () => {
    const r = new Resampler({ inputRate: PAL, outputRate: 44_100 });
    const y = new Float32Array(r.maxOutput(PAL));
    const n = r.process(new Float32Array(PAL), 0, PAL, y, 0);
    expect(n).toBeLessThanOrEqual(44_100);
    expect(n).toBeGreaterThan(44_100 - 64);
    // The next second yields exactly one second more (the clock is exact).
    const m = r.process(new Float32Array(PAL), 0, PAL, y, 0);
    expect(n + m).toBeGreaterThanOrEqual(2 * 44_100 - 64);
    expect(m).toBeGreaterThanOrEqual(44_099);
    expect(m).toBeLessThanOrEqual(44_101);
  });

  it('rejects unusable rates', () => {
    expect(() => new Resampler({ inputRate: PAL, outputRate: 4000 })).toThrow(/output rate/);
    expect(() => new Resampler({ inputRate: 100_000, outputRate: 96_000 })).toThrow(/half/);
    expect(() => new Resampler({ inputRate: 1.5, outputRate: 8000 })).toThrow(/input rate/);
    expect(() => new Resampler({ inputRate: PAL, outputRate: 44_100, passbandHz: 30_000 })).toThrow(
      /passband/,
    );
  });
});

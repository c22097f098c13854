/**
 * The resampler designs stored with the package are bit for bit what the
 * design code computes (so renders cannot change), every rate they are stored
 * for finds them, and other rates still compute theirs.
 */
import { describe, expect, it } from 'vitest';
import { designHalfbandWings, halfbandDesignKey } from '../src/output/halfband-decimator.js';
import { PolyphaseDesign } from '../src/output/polyphase-design.js';
import { Resampler } from '../src/output/resampler.js';
import {
  STORED_HALFBAND_WINGS,
  STORED_POLYPHASE_TABLES,
} from '../src/output/resampler-designs.generated.js';
import {
  STORED_TABLE_RATES,
  STORED_WING_RATES,
  storedHalfbandWings,
  storedPolyphaseTable,
} from '../src/output/stored-resampler-designs.js';

interface ResamplerStages {
  decimators: { half: number }[];
  finalDecimator: { half: number };
  interpolator: { design: PolyphaseDesign };
}

const stagesOf = (inputRate: number, outputRate: number): ResamplerStages =>
  new Resampler({ inputRate, outputRate }) as unknown as ResamplerStages;

/** The 64-bit patterns of `values`, so that a difference in the last bit fails. */
const bits = (values: Float64Array): bigint[] =>
  Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length));

describe('stored resampler designs', () => {
  it('every stored half-band wing equals the computed one, bit for bit', () => {
    const keys = Object.keys(STORED_HALFBAND_WINGS);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const half = Number(key.split('/')[0]);
      expect(halfbandDesignKey(half, 90)).toBe(key);
      const stored = storedHalfbandWings(key);
      expect(stored).toBeDefined();
      expect(bits(stored as Float64Array)).toEqual(bits(designHalfbandWings(half, 90)));
    }
  });

  it('every stored polyphase table equals the computed complete table, bit for bit', () => {
    const checked = new Set<string>();
    for (const [inputRate, outputRate] of STORED_TABLE_RATES) {
      const d = stagesOf(inputRate, outputRate).interpolator.design;
      const fresh = new PolyphaseDesign(d.inputHz, d.passHz, d.stopHz, d.attenuationDb, d.taps);
      expect(fresh.missing).toBeGreaterThan(0);
      fresh.complete();
      const stored = storedPolyphaseTable(fresh.key);
      expect(stored, `${inputRate} Hz to ${outputRate} Hz`).toBeDefined();
      expect(bits(stored as Float64Array)).toEqual(bits(fresh.table));
      checked.add(fresh.key);
    }
    expect([...checked].sort()).toEqual(Object.keys(STORED_POLYPHASE_TABLES).sort());
  });

  it('every rate they are stored for finds its designs', () => {
    for (const [inputRate, outputRate] of STORED_WING_RATES) {
      const r = stagesOf(inputRate, outputRate);
      for (const { half } of [...r.decimators, r.finalDecimator]) {
        expect(storedHalfbandWings(halfbandDesignKey(half, 90))).toBeDefined();
      }
    }
    for (const [inputRate, outputRate] of STORED_TABLE_RATES) {
      expect(stagesOf(inputRate, outputRate).interpolator.design.missing).toBe(0);
    }
  });

  it('a rate without a stored table still computes its rows on demand', () => {
    // PAL to 48 kHz: wings stored, phase table not.
    const r = stagesOf(985_249, 48_000);
    const design = r.interpolator.design;
    expect(storedPolyphaseTable(design.key)).toBeUndefined();
    expect(design.missing).toBeGreaterThan(0);
    const input = new Float32Array(4096).fill(0.25);
    const out = new Float32Array(4096);
    (r as unknown as Resampler).process(input, 0, input.length, out, 0);
    expect(design.missing).toBeLessThan(257);
  });
});

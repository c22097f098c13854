/**
 * The SID DAC values stored with the package are bit for bit what the ladder
 * model computes, a chip's profile uses them, and a changed ladder is noticed
 * (the stored values are then ignored).
 */
import { describe, expect, it } from 'vitest';
import { buildEnvelopeDac, sidDacParametersKey } from '../src/sid/sid-dac.js';
import { STORED_SID_DAC_TABLES } from '../src/sid/sid-dac-tables.generated.js';
import { sidModelProfile, silentVoiceOutput } from '../src/sid/sid-model-profile.js';
import { storedSidDacTables } from '../src/sid/stored-sid-dac-tables.js';

const bits = (values: Float32Array): number[] =>
  Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

describe('stored SID DAC tables', () => {
  for (const model of ['6581', '8580'] as const) {
    it(`${model}: stored values equal the ladder model's, bit for bit`, () => {
      expect(STORED_SID_DAC_TABLES[model].parameters).toBe(sidDacParametersKey(model));
      const stored = storedSidDacTables(model);
      expect(stored).toBeDefined();
      const { envelopeDac, silentVoiceOutput: silent } = stored as NonNullable<typeof stored>;
      expect(bits(envelopeDac)).toEqual(bits(buildEnvelopeDac(model)));
      expect(Object.is(silent, silentVoiceOutput(model))).toBe(true);
      expect(silent).not.toBe(0);
    });

    it(`${model}: the profile holds exactly those values`, () => {
      const profile = sidModelProfile(model);
      expect(bits(profile.envelopeDac)).toEqual(bits(buildEnvelopeDac(model)));
      expect(Object.is(profile.waveDac[0], silentVoiceOutput(model))).toBe(true);
    });
  }

  it('a stored entry made from other ladder parameters is ignored', () => {
    const entry = STORED_SID_DAC_TABLES['6581'];
    const parameters = entry.parameters;
    try {
      entry.parameters = 'changed';
      expect(storedSidDacTables('6581')).toBeUndefined();
    } finally {
      entry.parameters = parameters;
    }
    expect(storedSidDacTables('6581')).toBeDefined();
  });
});

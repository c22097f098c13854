/** The one-pass centred waveform DAC equals the DAC table shifted and scaled entry by entry. */
import { describe, expect, it } from 'vitest';
import { buildCentredSidDac, buildSidDac } from '../src/sid/sid-dac.js';

describe('centred SID DAC', () => {
  for (const [model, zeroAt] of [
    ['6581', 0x380],
    ['8580', 0x800],
  ] as const) {
    it(`${model}: equals (table - table[0x${zeroAt.toString(16)}]) / 2048 in single floats`, () => {
      const table = buildSidDac(12, model);
      const expected = new Float32Array(4096);
      for (let i = 0; i < 4096; i++) expected[i] = (table[i] - table[zeroAt]) / 2048;
      const centred = buildCentredSidDac(12, model, zeroAt, 2048);
      expect(Buffer.from(centred.buffer)).toEqual(Buffer.from(expected.buffer));
      expect(centred[zeroAt]).toBe(0);
    });
  }
});

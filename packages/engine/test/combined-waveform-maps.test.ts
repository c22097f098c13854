/**
 * The stored (generated) combined-waveform pull-down maps are exactly what
 * `computePulldownMaps` computes from the current parameters: a player built
 * from them plays the same bytes as one that computes them.
 */
import { describe, expect, it } from 'vitest';
import {
  computePulldownMaps,
  decodePulldownMaps,
  encodePulldownMaps,
  PULLDOWN_PARAMETERS,
  storedPulldownMaps,
  waveformTables,
} from '../src/sid/combined-waveforms.js';

describe('stored combined-waveform pull-down maps', () => {
  for (const model of ['6581', '8580'] as const) {
    it(`${model}: the stored maps equal the computed ones (else run scripts/gen-pulldown-maps.ts)`, () => {
      const stored = storedPulldownMaps(model);
      expect(stored, 'stored maps were generated from other parameters').toBeDefined();
      const computed = computePulldownMaps(model);
      expect(stored?.length).toBe(PULLDOWN_PARAMETERS[model].length);
      for (let m = 0; m < computed.length; m++) {
        expect(Buffer.from(stored?.[m].buffer ?? new ArrayBuffer(0))).toEqual(
          Buffer.from(computed[m].buffer),
        );
      }
    });
  }

  it('packing round-trips every 12-bit value', () => {
    const map = new Uint16Array(4096);
    for (let i = 0; i < 4096; i++) map[i] = (i * 2654435761) >>> 20;
    const reversed = map.slice().reverse();
    const [a, b] = decodePulldownMaps(encodePulldownMaps([map, reversed]));
    expect(Array.from(a)).toEqual(Array.from(map));
    expect(Array.from(b)).toEqual(Array.from(reversed));
  });

  for (const model of ['6581', '8580'] as const) {
    it(`${model}: the tables built by whole-table copies equal the entry-by-entry definition`, () => {
      const tables = waveformTables(model);
      const maps = computePulldownMaps(model);
      // Pull-down parameter set per waveform (as in combined-waveforms.ts), -1 for none.
      const which = [-1, -1, -1, 0, 4, 1, 2, 3];
      for (let waveform = 0; waveform < 8; waveform++) {
        const map = which[waveform] >= 0 ? maps[which[waveform]] : null;
        for (let index = 0; index < 4096; index++) {
          const triangle = (((index & 0x800) !== 0 ? index ^ 0xfff : index) << 1) & 0xfff;
          const value = [waveform === 0 ? 0 : 0xfff, triangle, index, index & (index << 1)][
            waveform & 3
          ];
          const at = (waveform << 12) | index;
          expect(tables.raw[at]).toBe(value);
          expect(tables.pulldown[at]).toBe(map ? map[index] : index);
          expect(tables.output[at]).toBe(map && waveform !== 4 ? map[value] : value);
        }
      }
    });
  }
});

/**
 * The polyphase phase table filled row by row on demand, with mirrored rows
 * copied, equals the table computed all at once, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { besselI0, kaiserBeta, kaiserWindow, sinc } from '../src/output/fir-design.js';
import { PHASES, PolyphaseDesign } from '../src/output/polyphase-design.js';
import { polyphaseTaps } from '../src/output/polyphase-interpolator.js';

/** The whole table as the interpolator computed it before rows were made lazy. */
function tableAllAtOnce(
  inputHz: number,
  passHz: number,
  stopHz: number,
  attenuationDb: number,
  taps: number,
): Float64Array {
  const cutoff = (passHz + stopHz) / 2 / inputHz;
  const beta = kaiserBeta(attenuationDb);
  const i0Beta = besselI0(beta);
  const halfTaps = taps / 2;
  const table = new Float64Array((PHASES + 1) * taps);
  for (let p = 0; p <= PHASES; p++) {
    const mu = p / PHASES;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const tau = mu + halfTaps - 1 - j;
      const value =
        2 * cutoff * sinc(2 * cutoff * tau) * kaiserWindow(tau / halfTaps, beta, i0Beta);
      table[p * taps + j] = value;
      sum += value;
    }
    for (let j = 0; j < taps; j++) table[p * taps + j] /= sum;
  }
  return table;
}

// The designs the resampler makes for PAL and NTSC at common output rates:
// [rate after the half-band stages, output rate, passband].
const PAL = 985_249;
const NTSC = 1_022_727;
const DESIGNS: [number, number, number][] = [
  [PAL / 16, 44_100, 19_845],
  [PAL / 8, 48_000, 20_000],
  [NTSC / 16, 44_100, 19_845],
  [NTSC / 8, 48_000, 20_000],
  [PAL / 64, 8_000, 3_600],
  [PAL / 2, 192_000, 20_000],
  [PAL / 4, 96_000, 20_000],
  [NTSC / 32, 22_050, 9_922.5],
];

describe('polyphase design', () => {
  for (const [inputHz, outputRate, pass] of DESIGNS) {
    it(`rows filled on demand equal the all-at-once table (${inputHz.toFixed(1)} Hz to ${outputRate} Hz)`, () => {
      const taps = polyphaseTaps(inputHz, pass, outputRate + pass, 90);
      const design = new PolyphaseDesign(inputHz, pass, outputRate + pass, 90, taps);
      // Some rows through the output clock first, as a run would, then the rest.
      design.prepare(taps / 2 - 1, 0, taps / 2 + 2, 7919, 4096);
      expect(design.missing).toBeGreaterThan(0);
      expect(design.missing).toBeLessThan(PHASES + 1);
      design.complete();
      expect(design.missing).toBe(0);
      const expected = tableAllAtOnce(inputHz, pass, outputRate + pass, 90, taps);
      expect(Buffer.from(design.table.buffer)).toEqual(Buffer.from(expected.buffer));
    });
  }

  it('prepares only the rows the coming outputs read', () => {
    const design = new PolyphaseDesign(PAL / 16, 19_845, 44_100 + 19_845, 90, 10);
    // One output at phase 0 (numerator 0): rows 0 and 1, with their mirrors 256 and 255.
    design.prepare(4, 0, 5, 3, 2);
    expect(PHASES + 1 - design.missing).toBe(4);
    for (const row of [0, 1, PHASES - 1, PHASES]) expect(design.isReady(row)).toBe(true);
    expect(design.isReady(2)).toBe(false);
  });
});

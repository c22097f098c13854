import type { SidModel } from './sid-types.js';

/**
 * Ratio of the bit-leg resistors to the series resistors in the SID's R-2R
 * ladder DACs. The 6581's legs are about 10% too large and its ladder lacks
 * the termination resistor, which makes its DACs non-monotonic ("kinked");
 * the 8580's ladders are close to ideal.
 */
const LEG_RATIO_6581 = 2.2;

/**
 * What the ladder of `model` depends on (leg ratio, termination), naming the
 * tables computed from it that the package stores.
 */
export function sidDacParametersKey(model: SidModel): string {
  return `${model === '6581' ? LEG_RATIO_6581 : 2}/${model !== '6581'}`;
}

/**
 * The envelope DAC of `model`: its 8-bit {@link buildSidDac} table divided by
 * 255, as single floats (0 to 1).
 */
export function buildEnvelopeDac(model: SidModel): Float32Array {
  const raw = buildSidDac(8, model);
  const table = new Float32Array(256);
  for (let i = 0; i < 256; i++) table[i] = raw[i] / 255;
  return table;
}

/**
 * Builds the transfer table of an R-2R ladder DAC as used for the SID's
 * waveform (12-bit) and envelope (8-bit) DACs.
 *
 * Each set bit drives its leg; the other legs are grounded. The contribution
 * of one bit is found by reducing the ladder to its Thevenin equivalent at the
 * bit's node and carrying that equivalent node by node to the output.
 *
 * @param bits - DAC width in bits
 * @param model - chip revision (selects the 6581's imperfect ladder)
 * @returns `2^bits` output levels, scaled so the all-ones input gives `2^bits - 1`
 */
export function buildSidDac(bits: number, model: SidModel): Float64Array {
  const { levels, scale } = ladderLevels(bits, model);
  const table = new Float64Array(levels.length);
  for (let i = 0; i < levels.length; i++) table[i] = levels[i] * scale;
  return table;
}

/**
 * The {@link buildSidDac} table relative to its entry `zeroAt` and divided by
 * `divisor`, as single floats: `(table[i] - table[zeroAt]) / divisor`, the
 * same operations on the same values, without building the double table first
 * (it is built when the first player is created, before V8 optimises anything).
 *
 * @param bits - DAC width in bits
 * @param model - chip revision
 * @param zeroAt - input whose level becomes 0
 * @param divisor - what the levels are divided by
 */
export function buildCentredSidDac(
  bits: number,
  model: SidModel,
  zeroAt: number,
  divisor: number,
): Float32Array {
  const table = new Float32Array(1 << bits);
  fillCentredSidDac(table, bits, model, zeroAt, divisor);
  return table;
}

/**
 * Writes the {@link buildCentredSidDac} table into `table` (`2^bits` entries),
 * so a table handed out before it was filled stays the same object.
 *
 * @param table - destination, `2^bits` entries
 * @param bits - DAC width in bits
 * @param model - chip revision
 * @param zeroAt - input whose level becomes 0
 * @param divisor - what the levels are divided by
 */
export function fillCentredSidDac(
  table: Float32Array,
  bits: number,
  model: SidModel,
  zeroAt: number,
  divisor: number,
): void {
  const { levels, scale } = ladderLevels(bits, model);
  const zero = levels[zeroAt] * scale;
  for (let i = 0; i < levels.length; i++) table[i] = (levels[i] * scale - zero) / divisor;
}

/**
 * One entry of the {@link buildCentredSidDac} table, bit-identical to it, without
 * building the table: the input's level is summed over its set bits lowest first,
 * exactly as the table's pass adds them. A chip needs only entry 0 until a voice
 * selects a waveform, so a new player does not wait for the 4,096-entry table.
 *
 * @param bits - DAC width in bits
 * @param model - chip revision
 * @param zeroAt - input whose level becomes 0
 * @param divisor - what the levels are divided by
 * @param input - DAC input (0 … 2^bits − 1)
 */
export function centredSidDacEntry(
  bits: number,
  model: SidModel,
  zeroAt: number,
  divisor: number,
  input: number,
): number {
  const weights = bitWeights(bits, model);
  const scale = levelScale(weights);
  const zero = ladderLevel(weights, zeroAt) * scale;
  return Math.fround((ladderLevel(weights, input) * scale - zero) / divisor);
}

/** The unscaled level of one input: its set bits' weights added lowest bit first (as {@link ladderLevels}). */
function ladderLevel(weights: Float64Array, input: number): number {
  let level = 0;
  for (let bit = 0; bit < weights.length; bit++) {
    if (((input >> bit) & 1) !== 0) level += weights[bit];
  }
  return level;
}

/**
 * The unscaled level of every input and the scale that makes the all-ones input
 * `2^bits - 1`. Each level is the one without its top bit plus that bit's weight:
 * the same sums, added in the same order (lowest bit first), as adding bit by
 * bit, at a fraction of the cost.
 */
function ladderLevels(bits: number, model: SidModel): { levels: Float64Array; scale: number } {
  const weights = bitWeights(bits, model);
  const levels = new Float64Array(1 << bits);
  for (let top = 0; top < bits; top++) {
    const weight = weights[top];
    const high = 1 << top;
    for (let low = 0; low < high; low++) levels[high | low] = levels[low] + weight;
  }
  return { levels, scale: levelScale(weights) };
}

/** Relative output of each bit of the ladder on its own, LSB first. */
function bitWeights(bits: number, model: SidModel): Float64Array {
  const legRatio = model === '6581' ? LEG_RATIO_6581 : 2;
  const terminated = model !== '6581';
  const series = 1;
  const leg = legRatio * series;
  const parallel = (a: number, b: number): number =>
    a === Number.POSITIVE_INFINITY ? b : b === Number.POSITIVE_INFINITY ? a : (a * b) / (a + b);

  const weights = new Float64Array(bits);
  for (let bit = 0; bit < bits; bit++) {
    // Impedance to ground seen to the left of this bit's node (towards the LSB).
    let left = terminated ? leg : Number.POSITIVE_INFINITY;
    for (let lower = 0; lower < bit; lower++) {
      left = series + parallel(leg, left);
    }
    let voltage = left === Number.POSITIVE_INFINITY ? 1 : left / (leg + left);
    let impedance = parallel(leg, left);
    for (let upper = bit + 1; upper < bits; upper++) {
      const chain = impedance + series;
      voltage = (voltage * leg) / (chain + leg);
      impedance = parallel(leg, chain);
    }
    weights[bit] = voltage;
  }

  return weights;
}

/** Scale that makes the all-ones input give `2^bits - 1`. */
function levelScale(weights: Float64Array): number {
  let sum = 0;
  for (let bit = 0; bit < weights.length; bit++) sum += weights[bit];
  return ((1 << weights.length) - 1) / sum;
}

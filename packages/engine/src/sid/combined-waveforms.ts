import { STORED_PULLDOWN_MAPS } from './combined-waveform-maps.generated.js';
import type { SidModel } from './sid-types.js';

/**
 * Parameters of the bit pull-down model of one combined waveform. When several
 * waveform selectors drive the same output lines, a line driven high is pulled
 * down by neighbouring lines driven low; the pull weakens geometrically with
 * distance, differently towards lower and higher bits, and a selected pulse adds
 * a constant pull. A bit stays high when what is left exceeds `threshold`.
 */
export interface PulldownParameters {
  /** Remaining level (0–1) above which a driven bit reads as 1. */
  readonly threshold: number;
  /** Extra pull-down contributed by the pulse selector. */
  readonly pulseStrength: number;
  /** Geometric fall-off of the pull exerted by lower-order bits. */
  readonly distanceBelow: number;
  /** Geometric fall-off of the pull exerted by higher-order bits. */
  readonly distanceAbove: number;
}

/**
 * Model parameters per chip for triangle+saw, pulse+triangle, pulse+saw,
 * pulse+triangle+saw and noise+pulse. The first four are the published fits
 * of the libsidplayfp "combined-waveforms" project to kevtris' samplings of a
 * 6581 R2 and an 8580 R5; noise+pulse is an estimate.
 */
export const PULLDOWN_PARAMETERS: Record<SidModel, readonly PulldownParameters[]> = {
  '6581': [
    {
      threshold: 0.862147212,
      pulseStrength: 0,
      distanceBelow: 10.8962431,
      distanceAbove: 2.50848103,
    },
    {
      threshold: 0.932746708,
      pulseStrength: 2.07508397,
      distanceBelow: 1.03668225,
      distanceAbove: 1.14876997,
    },
    {
      threshold: 0.860927045,
      pulseStrength: 2.43506575,
      distanceBelow: 0.908603609,
      distanceAbove: 1.07907593,
    },
    {
      threshold: 0.741343081,
      pulseStrength: 0.0452554375,
      distanceBelow: 1.1439606,
      distanceAbove: 1.05711341,
    },
    { threshold: 0.96, pulseStrength: 2.5, distanceBelow: 1.1, distanceAbove: 1.2 },
  ],
  '8580': [
    {
      threshold: 0.715788841,
      pulseStrength: 0,
      distanceBelow: 1.32999945,
      distanceAbove: 2.2172699,
    },
    {
      threshold: 0.93500334,
      pulseStrength: 1.05977178,
      distanceBelow: 1.08629429,
      distanceAbove: 1.43518543,
    },
    {
      threshold: 0.920648575,
      pulseStrength: 0.943601072,
      distanceBelow: 1.13034654,
      distanceAbove: 1.41881108,
    },
    {
      threshold: 0.90921098,
      pulseStrength: 0.979807794,
      distanceBelow: 0.942194462,
      distanceAbove: 1.40958893,
    },
    { threshold: 0.95, pulseStrength: 1.15, distanceBelow: 1, distanceAbove: 1.45 },
  ],
};

/** Which pull-down parameter set (index into the lists above) each waveform 0–7 uses, or -1 for none. */
const PULLDOWN_FOR_WAVEFORM = [-1, -1, -1, 0, 4, 1, 2, 3];

/**
 * Precomputed waveform tables of one chip model, indexed by
 * `(waveform & 7) << 12 | accumulatorTop12Bits`.
 */
export interface WaveformTables {
  /**
   * Output of waveforms 0–7 without noise, assuming the pulse comparator is high
   * (pulse-combined outputs are 0 while it is low, so callers AND with the pulse
   * level). Waveform 4 (pulse alone) is all ones.
   */
  readonly output: Uint16Array;
  /** Selector outputs before the pull-down (needed when noise joins the mix). */
  readonly raw: Uint16Array;
  /** Pull-down map indexed by `(waveform & 7) << 12 | rawValue`; identity where none applies. */
  readonly pulldown: Uint16Array;
  /** Chip revision the tables describe. */
  readonly model: SidModel;
  /**
   * Whether the plain entries are filled in: `raw` for every selector, `output`
   * for waveforms 0–2 and 4, `pulldown` (identity) for selectors 0–2. Until a
   * voice selects a waveform nothing reads the tables, so
   * {@link ensurePlainWaveforms} fills them then.
   */
  plainReady: boolean;
  /**
   * Whether the entries that need the pull-down maps are filled in: `output`
   * for waveforms 3, 5, 6 and 7 and `pulldown` for selectors 3–7. Until then
   * those entries are not valid (0, or the selector output without the
   * pull-down); {@link ensureCombinedWaveforms} fills them.
   */
  combinedReady: boolean;
}

/**
 * Whether waveform register value `waveform` (0–15) reads table entries that
 * {@link ensureCombinedWaveforms} fills in: a combined waveform, or noise with
 * a pulled-down selector.
 *
 * @param waveform - the control register's upper nibble
 */
export function needsCombinedWaveforms(waveform: number): boolean {
  return waveform !== 4 && (waveform & 7) >= 3;
}

/** Triangle from the top 12 accumulator bits: bit 11 folds the ramp, the rest are shifted up. */
function triangle(index: number): number {
  return (((index & 0x800) !== 0 ? index ^ 0xfff : index) << 1) & 0xfff;
}

function pulldownTable(parameters: PulldownParameters): Uint16Array {
  // A lower-order bit pulls with distanceAbove^-d, a higher-order one with distanceBelow^-d.
  const fromLower = 1 / parameters.distanceAbove;
  const fromHigher = 1 / parameters.distanceBelow;
  // The pull every other bit could exert does not depend on the value.
  const total = new Float64Array(12);
  for (let bit = 0; bit < 12; bit++) {
    for (let other = 0; other < 12; other++) {
      if (other === bit) continue;
      total[bit] +=
        other < bit
          ? parameters.distanceAbove ** -(bit - other)
          : parameters.distanceBelow ** -(other - bit);
    }
  }
  // Pull from the low bits and from the high bits, each carried bit to bit in one pass
  // (the tables are built when a player is created, so this keeps start-up short).
  const pullFromLower = new Float64Array(12);
  const pullFromHigher = new Float64Array(12);
  const table = new Uint16Array(4096);
  for (let value = 0; value < 4096; value++) {
    let carried = 0;
    for (let bit = 0; bit < 12; bit++) {
      pullFromLower[bit] = carried;
      carried = (carried + (((value >> bit) & 1) ^ 1)) * fromLower;
    }
    carried = 0;
    for (let bit = 11; bit >= 0; bit--) {
      pullFromHigher[bit] = carried;
      carried = (carried + (((value >> bit) & 1) ^ 1)) * fromHigher;
    }
    let result = 0;
    for (let bit = 0; bit < 12; bit++) {
      if (((value >> bit) & 1) === 0) continue;
      const pull = pullFromLower[bit] + pullFromHigher[bit];
      const level = 1 - (pull - parameters.pulseStrength) / total[bit];
      if (level > parameters.threshold) result |= 1 << bit;
    }
    table[value] = result;
  }
  return table;
}

/**
 * Computes the pull-down maps of `model` (one per entry of its parameter list,
 * each indexed by the 12 selector output bits). This is the definition; a
 * player takes the same maps from {@link storedPulldownMaps} when it can,
 * since computing them in a process where nothing is compiled yet costs tens
 * of milliseconds.
 *
 * @param model - chip revision
 */
export function computePulldownMaps(model: SidModel): Uint16Array[] {
  return PULLDOWN_PARAMETERS[model].map(pulldownTable);
}

/**
 * The exact text the stored maps of `model` were generated from: the stored
 * copy is only used while the parameters still read the same.
 *
 * @param model - chip revision
 */
export function pulldownParametersKey(model: SidModel): string {
  return JSON.stringify(PULLDOWN_PARAMETERS[model]);
}

/**
 * Writes maps as JSON text (the form `scripts/gen-pulldown-maps.ts` stores):
 * `JSON.parse` is native, so reading them back costs next to nothing even
 * before V8 has compiled anything, unlike a decoding loop.
 *
 * @param maps - maps of 4096 entries each
 */
export function encodePulldownMaps(maps: readonly Uint16Array[]): string {
  return JSON.stringify(maps.map((map) => Array.from(map)));
}

/**
 * Reads back what {@link encodePulldownMaps} wrote.
 *
 * @param text - the JSON text
 */
export function decodePulldownMaps(text: string): Uint16Array[] {
  return (JSON.parse(text) as number[][]).map((entries) => new Uint16Array(entries));
}

/**
 * The pull-down maps of `model` from the generated copy, or undefined when
 * that copy was made from other parameters (then they must be computed).
 *
 * @param model - chip revision
 */
export function storedPulldownMaps(model: SidModel): Uint16Array[] | undefined {
  const stored = STORED_PULLDOWN_MAPS[model];
  if (stored.parameters !== pulldownParametersKey(model)) return undefined;
  return decodePulldownMaps(stored.maps);
}

const cache = new Map<SidModel, WaveformTables>();

/**
 * Returns the shared waveform tables of `model`, complete.
 *
 * @param model - chip revision
 */
export function waveformTables(model: SidModel): WaveformTables {
  const tables = sharedWaveformTables(model);
  ensureCombinedWaveforms(tables);
  return tables;
}

/**
 * Returns the shared waveform tables of `model`, allocated once and filled in
 * as voices need them (see {@link WaveformTables.plainReady} and
 * {@link WaveformTables.combinedReady}): a chip fills them when a voice first
 * selects a waveform that reads them, so a tune that never does, or not at
 * first, never waits for them.
 *
 * @param model - chip revision
 */
export function sharedWaveformTables(model: SidModel): WaveformTables {
  const cached = cache.get(model);
  if (cached) return cached;
  const tables: WaveformTables = {
    output: new Uint16Array(8 * 4096),
    raw: new Uint16Array(8 * 4096),
    pulldown: new Uint16Array(8 * 4096),
    model,
    plainReady: false,
    combinedReady: false,
  };
  cache.set(model, tables);
  return tables;
}

/**
 * Fills in the plain entries of `tables` (once): the selector outputs and the
 * waveforms that are not pulled down.
 *
 * @param tables - tables from {@link sharedWaveformTables}
 */
export function ensurePlainWaveforms(tables: WaveformTables): void {
  if (tables.plainReady) return;
  const { output, raw, pulldown } = tables;
  // Whole-table copies and fills where possible: this runs before V8 has optimised anything.
  for (let index = 0; index < 4096; index++) {
    raw[0x1000 | index] = triangle(index);
    raw[0x2000 | index] = index;
    // Saw and triangle together: each saw bit meets the triangle's (shifted) bit below it.
    raw[0x3000 | index] = index & (index << 1);
  }
  // The pulse selector drives every line high (4 alone is all ones); 5–7 are 1–3 with the pulse.
  raw.fill(0xfff, 0x4000, 0x5000);
  raw.copyWithin(0x5000, 0x1000, 0x4000);
  const identity = raw.subarray(0x2000, 0x3000);
  // Waveforms 0–2 and pulse alone are not pulled down.
  output.set(raw.subarray(0, 0x5000));
  for (let waveform = 0; waveform < 3; waveform++) pulldown.set(identity, waveform << 12);
  tables.plainReady = true;
}

/**
 * Fills in the combined-waveform entries of `tables` (once, after the plain
 * ones they are made from; the pull-down maps come from the stored copy, or
 * are computed when it is stale).
 *
 * @param tables - tables from {@link sharedWaveformTables}
 */
export function ensureCombinedWaveforms(tables: WaveformTables): void {
  if (tables.combinedReady) return;
  ensurePlainWaveforms(tables);
  const maps = storedPulldownMaps(tables.model) ?? computePulldownMaps(tables.model);
  const { output, raw, pulldown } = tables;
  for (let waveform = 3; waveform < 8; waveform++) {
    const map = maps[PULLDOWN_FOR_WAVEFORM[waveform]];
    const at = waveform << 12;
    pulldown.set(map, at);
    if (waveform === 4) continue;
    for (let index = 0; index < 4096; index++) output[at | index] = map[raw[at | index]];
  }
  tables.combinedReady = true;
}

import { STORED_HALFBAND_WINGS, STORED_POLYPHASE_TABLES } from './resampler-designs.generated.js';

/**
 * Filter designs stored with the package for the usual rates (the polyphase
 * tables of the PAL and NTSC clocks to 44.1 kHz, the player's default rate, and
 * the half-band wings of every common rate), so that a new player in a fresh process does not run the Kaiser window before
 * its first sample: in V8's interpreter every float result of that design work
 * is a heap allocation, enough to bring a garbage collection forward. The
 * stored numbers are the computed ones printed exactly (shortest round-trip
 * decimal), decoded by the engine's native `JSON.parse`;
 * `test/stored-resampler-designs.test.ts` checks them bit for bit against the
 * design code, and `scripts/gen-resampler-designs.ts` rewrites them.
 */

/** The resamplers' input rates: the PAL and NTSC CPU clocks rounded as the player rounds them. */
const CLOCKS = [985_249, 1_022_727];

/** [input, output] rates whose half-band wings are stored (default passband). */
export const STORED_WING_RATES: readonly (readonly [number, number])[] = CLOCKS.flatMap((clock) =>
  [8000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 88_200, 96_000, 192_000].map(
    (rate) => [clock, rate] as const,
  ),
);

/** [input, output] rates whose polyphase tables are stored (default passband). */
export const STORED_TABLE_RATES: readonly (readonly [number, number])[] = CLOCKS.flatMap((clock) =>
  [44_100].map((rate) => [clock, rate] as const),
);

/** The stored wings of the half-band design `key` (`halfbandDesignKey`), or undefined. */
export function storedHalfbandWings(key: string): Float64Array | undefined {
  const text = STORED_HALFBAND_WINGS[key];
  return text === undefined ? undefined : new Float64Array(JSON.parse(text) as number[]);
}

/** The stored complete phase table of the polyphase design `key` (`PolyphaseDesign.key`), or undefined. */
export function storedPolyphaseTable(key: string): Float64Array | undefined {
  const text = STORED_POLYPHASE_TABLES[key];
  return text === undefined ? undefined : new Float64Array(JSON.parse(text) as number[]);
}

import type { ChipPreference } from './preferences.js';

/**
 * The SID model a tune's header asks for. PSID v2+ headers can say 6581,
 * 8580, both (the tune sounds right on either) or nothing (v1 headers).
 */
export type TuneChipModel = '6581' | '8580' | 'both' | 'unknown';

/** A concrete chip to emulate or select on hardware; `8580` means the 8580R5. */
export type ResolvedChipModel = '6581' | '8580';

/**
 * Applies the user's chip preference to a tune.
 *
 * @param preference - the user's chip preference
 * @param tuneModel - what the tune's header says; `null`/`undefined` count as `unknown`
 * @returns the chip to use
 */
export function resolveChipModel(
  preference: ChipPreference,
  tuneModel: TuneChipModel | null | undefined,
): ResolvedChipModel {
  switch (preference) {
    case 'always-6581':
      return '6581';
    case 'always-8580r5':
      return '8580';
    default: {
      // Only a header naming exactly one chip decides; "both" and "unknown" leave the fallback.
      if (tuneModel === '6581' || tuneModel === '8580') return tuneModel;
      return preference === 'song-else-8580r5' ? '8580' : '6581';
    }
  }
}

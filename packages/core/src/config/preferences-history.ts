import { z } from 'zod';
import type { PreferencesV1, PreferencesV2 } from './preferences.js';
import {
  chipPreferenceSchema,
  renderingPreferenceSchema,
  themePreferenceSchema,
  ultimate64DevicePreferenceSchema,
} from './preferences-schema.js';

/**
 * Preferences v1 (first release): hardware was opt-in through one boolean,
 * the chip was either forced or `auto` (follow the tune, else 6581), only
 * two themes existed and playback could not target hardware.
 */
export const preferencesV1Schema: z.ZodType<PreferencesV1> = z.object({
  /** Schema version of the record. */
  version: z.literal(1),
  /** `true`: use an Ultimate 64 when reachable; `false`: software only. */
  preferHardware: z.boolean().default(false),
  /** `auto`: follow the tune, else 6581; otherwise always the named chip. */
  chip: z.enum(['auto', '6581', '8580']).default('auto'),
  /** Colour theme. */
  theme: z.enum(['light', 'dark']).default('light'),
  /** Id of a user-supplied ROM set, or `null`. */
  romSet: z.string().min(1).nullable().default(null),
  /** Playback adapter. */
  playbackEngine: z.enum(['engine', 'sidplayfp', 'stream']).default('engine'),
});

/**
 * Preferences v2: added the Ultimate 64 device, replaced `preferHardware`
 * by the two-way `rendering` choice, spelled out the chip fallbacks, added
 * the `system` theme and the `auto` / `ultimate64` playback engines.
 */
export const preferencesV2Schema: z.ZodType<PreferencesV2> = z.object({
  /** Schema version of the record. */
  version: z.literal(2),
  /** Whether software may stand in for the Ultimate 64. */
  rendering: renderingPreferenceSchema.default('hardware-if-available'),
  /** Which SID model to use. */
  chip: chipPreferenceSchema.default('song-else-6581'),
  /** Colour theme. */
  theme: themePreferenceSchema.default('system'),
  /** Id of a user-supplied ROM set, or `null`. */
  romSet: z.string().min(1).nullable().default(null),
  /** Playback adapter. */
  playbackEngine: z.enum(['auto', 'engine', 'sidplayfp', 'stream', 'ultimate64']).default('auto'),
  /** The user's Ultimate 64. */
  ultimate64: ultimate64DevicePreferenceSchema.prefault({}),
});

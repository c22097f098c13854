import { z } from 'zod';
import type { Preferences } from './preferences.js';

/** Version written by this SIDFlow; {@link migratePreferences} upgrades older ones to it. */
export const CURRENT_PREFERENCES_VERSION = 3;

/** Rendering preference: use an Ultimate 64 when reachable, or insist on it. */
export const renderingPreferenceSchema = z.enum(['hardware-if-available', 'hardware-only']);

/**
 * Chip preference. `song-else-*` follows the tune's header and falls back to
 * the named chip when the header leaves the model open; `always-*` overrides
 * the header.
 */
export const chipPreferenceSchema = z.enum([
  'song-else-6581',
  'song-else-8580r5',
  'always-6581',
  'always-8580r5',
]);

/** Colour theme of the apps. */
export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);

/**
 * Which playback adapter to use: `auto` picks the best available; `engine`
 * is the TypeScript emulator in an AudioWorklet; `sidplayfp` the native
 * player through a local bridge; `stream` pre-rendered audio; `ultimate64`
 * the hardware.
 */
export const playbackEnginePreferenceSchema = z.enum([
  'auto',
  'engine',
  'sidplayfp',
  'stream',
  'ultimate64',
]);

/** How often opted-in local data is synchronised; `off` keeps it in the browser. */
export const syncCadencePreferenceSchema = z.enum(['off', 'hourly', 'daily', 'weekly']);

/** Connection settings of the user's Ultimate 64; `host: null` means none. */
export const ultimate64DevicePreferenceSchema = z.object({
  /** Host name or IP address; `null` when no device is configured. */
  host: z.string().min(1).nullable().default(null),
  /** TCP port of the REST API. */
  port: z.number().int().min(1).max(65535).default(80),
  /** Whether to use HTTPS. */
  https: z.boolean().default(false),
  /** Network password set on the device, if any. */
  password: z.string().min(1).nullable().default(null),
});

/**
 * The current (v3) preferences record. Fields missing from a stored v3
 * record take their defaults; unknown fields are dropped.
 */
export const preferencesSchema: z.ZodType<Preferences> = z.object({
  /** Schema version of the record. */
  version: z.literal(CURRENT_PREFERENCES_VERSION),
  /** Whether software may stand in for the Ultimate 64. */
  rendering: renderingPreferenceSchema.default('hardware-if-available'),
  /** Which SID model to use (applied by `resolveChipModel`). */
  chip: chipPreferenceSchema.default('song-else-6581'),
  /** Colour theme. */
  theme: themePreferenceSchema.default('system'),
  /** Id of a user-supplied ROM set; `null` uses the engine's built-in replacements. */
  romSet: z.string().min(1).nullable().default(null),
  /** Playback adapter. */
  playbackEngine: playbackEnginePreferenceSchema.default('auto'),
  /** The user's Ultimate 64. */
  ultimate64: ultimate64DevicePreferenceSchema.prefault({}),
  /** Whether ratings fine-tune the local personal model. */
  trainingEnabled: z.boolean().default(true),
  /** Training iterations allowed per session. */
  iterationBudget: z.number().int().min(1).max(100_000).default(200),
  /** How often opted-in data is synchronised. */
  syncCadence: syncCadencePreferenceSchema.default('off'),
});

/** Preferences of a user who never changed anything. */
export function defaultPreferences(): Preferences {
  return preferencesSchema.parse({ version: CURRENT_PREFERENCES_VERSION });
}

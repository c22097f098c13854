/** Rendering preference: use an Ultimate 64 when reachable, or insist on it. */
export type RenderingPreference = 'hardware-if-available' | 'hardware-only';

/**
 * Chip preference. `song-else-*` follows the tune's header and falls back to
 * the named chip when the header leaves the model open; `always-*` overrides
 * the header.
 */
export type ChipPreference =
  | 'song-else-6581'
  | 'song-else-8580r5'
  | 'always-6581'
  | 'always-8580r5';

/** Colour theme of the apps. */
export type ThemePreference = 'system' | 'light' | 'dark';

/**
 * Which playback adapter to use: `auto` picks the best available; `engine`
 * is the TypeScript emulator in an AudioWorklet; `sidplayfp` the native
 * player through a local bridge; `stream` pre-rendered audio; `ultimate64`
 * the hardware.
 */
export type PlaybackEnginePreference = 'auto' | 'engine' | 'sidplayfp' | 'stream' | 'ultimate64';

/** How often opted-in local data is synchronised; `off` keeps it in the browser. */
export type SyncCadencePreference = 'off' | 'hourly' | 'daily' | 'weekly';

/** Connection settings of the user's Ultimate 64. */
export interface Ultimate64DevicePreference {
  /** Host name or IP address; `null` when no device is configured. */
  host: string | null;
  /** TCP port of the REST API. */
  port: number;
  /** Whether to use HTTPS. */
  https: boolean;
  /** Network password set on the device, if any. */
  password: string | null;
}

/** The current (v3) preferences record. */
export interface Preferences {
  /** Schema version of the record. */
  version: 3;
  /** Whether software may stand in for the Ultimate 64. */
  rendering: RenderingPreference;
  /** Which SID model to use (applied by `resolveChipModel`). */
  chip: ChipPreference;
  /** Colour theme. */
  theme: ThemePreference;
  /** Id of a user-supplied ROM set; `null` uses the engine's built-in replacements. */
  romSet: string | null;
  /** Playback adapter. */
  playbackEngine: PlaybackEnginePreference;
  /** The user's Ultimate 64. */
  ultimate64: Ultimate64DevicePreference;
  /** Whether ratings fine-tune the local personal model. */
  trainingEnabled: boolean;
  /** Training iterations allowed per session. */
  iterationBudget: number;
  /** How often opted-in data is synchronised. */
  syncCadence: SyncCadencePreference;
}

/**
 * Preferences v1 (first release): hardware was opt-in through one boolean,
 * the chip was either forced or `auto` (follow the tune, else 6581), only
 * two themes existed and playback could not target hardware.
 */
export interface PreferencesV1 {
  /** Schema version of the record. */
  version: 1;
  /** `true`: use an Ultimate 64 when reachable; `false`: software only. */
  preferHardware: boolean;
  /** `auto`: follow the tune, else 6581; otherwise always the named chip. */
  chip: 'auto' | '6581' | '8580';
  /** Colour theme. */
  theme: 'light' | 'dark';
  /** Id of a user-supplied ROM set, or `null`. */
  romSet: string | null;
  /** Playback adapter. */
  playbackEngine: 'engine' | 'sidplayfp' | 'stream';
}

/**
 * Preferences v2: added the Ultimate 64 device, replaced `preferHardware`
 * by the two-way `rendering` choice, spelled out the chip fallbacks, added
 * the `system` theme and the `auto` / `ultimate64` playback engines.
 */
export interface PreferencesV2 {
  /** Schema version of the record. */
  version: 2;
  /** Whether software may stand in for the Ultimate 64. */
  rendering: RenderingPreference;
  /** Which SID model to use. */
  chip: ChipPreference;
  /** Colour theme. */
  theme: ThemePreference;
  /** Id of a user-supplied ROM set, or `null`. */
  romSet: string | null;
  /** Playback adapter. */
  playbackEngine: PlaybackEnginePreference;
  /** The user's Ultimate 64. */
  ultimate64: Ultimate64DevicePreference;
}

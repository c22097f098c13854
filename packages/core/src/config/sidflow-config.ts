import type { RenderEncoding } from '../render/render-file-name.js';

/** Where rendered audio is cached and when caching stops. */
export interface CacheConfig {
  /** Cache directory; absolute after {@link loadConfig}. */
  dir: string;
  /** Whether WAV files are cached (M4A and FLAC always are, within the limits). */
  cacheWav: boolean;
  /** Disk use (percent of capacity) at which WAV files stop being cached. */
  stopWavAtPercent: number;
  /** Disk use (percent) at which FLAC files stop being cached. */
  stopFlacAtPercent: number;
  /** Disk use (percent) at which nothing more is cached. */
  stopAllAtPercent: number;
  /** Disk use (percent) a render must never cross; such a render fails. */
  maxDiskUsePercent: number;
}

/** Render defaults. */
export interface RenderConfig {
  /** Encodings produced by prepared renders. */
  formats: RenderEncoding[];
  /** AAC-LC bit rate of M4A files, in kbit/s. */
  m4aBitrate: number;
  /** FLAC compression level, 0 (fastest) to 8 (smallest). */
  flacLevel: number;
  /** Output sample rate, in Hz. */
  sampleRate: number;
}

/** User-supplied ROM images; `null` means none configured. Absolute after {@link loadConfig}. */
export interface RomPathsConfig {
  /** KERNAL image (8192 bytes). */
  kernal: string | null;
  /** BASIC image (8192 bytes). */
  basic: string | null;
  /** Character generator image (4096 bytes). */
  chargen: string | null;
}

/** How to reach an Ultimate 64 over its REST API. */
export interface Ultimate64Config {
  /** Host name or IP address; `null` when no device is configured. */
  host: string | null;
  /** TCP port of the REST API. */
  port: number;
  /** Whether to use HTTPS. */
  https: boolean;
  /** Network password set on the device, if any. */
  password: string | null;
}

/** The native `sidplayfp` player. */
export interface SidplayfpConfig {
  /** Executable name (looked up on PATH) or path (absolute after {@link loadConfig}). */
  path: string;
}

/** Defaults of the TypeScript emulator. */
export interface EngineConfig {
  /** Video standard whose CPU clock the emulator runs at. */
  clock: 'pal' | 'ntsc';
  /** Chip used when neither the tune nor the user picks one. */
  chipModel: '6581' | '8580';
  /** Whether the SID filter is emulated. */
  filter: boolean;
}

/** A validated SIDFlow configuration (`.sidflow.json`) with every default applied. */
export interface SidflowConfig {
  /** Lets editors validate the file; ignored by SIDFlow. */
  $schema?: string;
  /** Root of the HVSC tree (the folder holding `C64Music`). */
  hvscRoot: string;
  /** Root of canonical data (`classified/`, `feedback/`, `model/`, `audit/`). */
  dataDir: string;
  /** Render cache location and limits. */
  cache: CacheConfig;
  /** Render defaults. */
  render: RenderConfig;
  /** User-supplied ROM images. */
  roms: RomPathsConfig;
  /** The Ultimate 64 device. */
  ultimate64: Ultimate64Config;
  /** The native sidplayfp player. */
  sidplayfp: SidplayfpConfig;
  /** The TypeScript emulator. */
  engine: EngineConfig;
}

/** What a `.sidflow.json` file may contain: any subset of {@link SidflowConfig}. */
export interface SidflowConfigInput {
  /** See {@link SidflowConfig.$schema}. */
  $schema?: string;
  /** See {@link SidflowConfig.hvscRoot}. */
  hvscRoot?: string;
  /** See {@link SidflowConfig.dataDir}. */
  dataDir?: string;
  /** See {@link SidflowConfig.cache}. */
  cache?: Partial<CacheConfig>;
  /** See {@link SidflowConfig.render}. */
  render?: Partial<RenderConfig>;
  /** See {@link SidflowConfig.roms}. */
  roms?: Partial<RomPathsConfig>;
  /** See {@link SidflowConfig.ultimate64}. */
  ultimate64?: Partial<Ultimate64Config>;
  /** See {@link SidflowConfig.sidplayfp}. */
  sidplayfp?: Partial<SidplayfpConfig>;
  /** See {@link SidflowConfig.engine}. */
  engine?: Partial<EngineConfig>;
}

import type {
  ChipPreference,
  RenderEncoding,
  RenderingPreference,
  RenderTime,
  SonglengthsDatabase,
} from '@sidflow/core';
import type { CacheMode, DiskLimits } from '../cache/cache-policy.js';
import type { StatfsFunction } from '../cache/disk-usage.js';
import type { AudioEncoder } from '../encode/encode-request.js';
import type { EncoderChoice } from '../encode/select-encoder.js';
import type { RenderEngineName } from '../engines/engine-job.js';
import type { Ultimate64EngineOptions } from '../engines/ultimate64-engine.js';
import type { InvalidationEvent } from '../manifest/manifest-file.js';

/** Which engine renders: `auto` follows the rendering preference (hardware if available, else software). */
export type RenderEngineChoice = 'auto' | RenderEngineName;

/** A chip preference from product.md, or a chip forced by name (`8580` means the 8580R5). */
export type RenderChipChoice = ChipPreference | 'auto' | '6581' | '8580' | '8580r5';

/** Progress of one render. */
export interface RenderProgress {
  /** What is happening. */
  readonly phase: 'emulating' | 'encoding' | 'finishing';
  /** Seconds of audio rendered so far. */
  readonly seconds: number;
  /** Seconds to render. */
  readonly total: number;
  /** Engine in use. */
  readonly engine: RenderEngineName;
}

/** Options of {@link render}. Everything but `outDir` has a default. */
export interface RenderOptions {
  /** Folder the files and the tune's manifest go to; created when missing. */
  readonly outDir: string;
  /** Formats to produce. Default `['flac', 'm4a']` (what the cache keeps by default). */
  readonly formats?: readonly RenderEncoding[];
  /** Seconds to render; default: Songlengths when it knows the song, else {@link RenderOptions.defaultSeconds}. */
  readonly seconds?: number;
  /** Length when Songlengths does not know the song. Default 180. */
  readonly defaultSeconds?: number;
  /** HVSC song lengths (`loadSonglengths` from core). */
  readonly songlengths?: SonglengthsDatabase;
  /** Engine. Default `auto`. */
  readonly engine?: RenderEngineChoice;
  /**
   * Order of software engines tried by `auto` (each one that fails hands over
   * to the next). Default `['engine', 'sidplayfp']`: the SIDFlow engine needs
   * no external tool and is the faster of the two.
   */
  readonly softwareEngines?: readonly ('engine' | 'sidplayfp')[];
  /** Rendering preference: `hardware-if-available` (default) or `hardware-only`. */
  readonly rendering?: RenderingPreference;
  /** Chip. Default `song-else-6581`. */
  readonly chip?: RenderChipChoice;
  /** When the audio is produced; only `prepared` and (for Ultimate 64) `real-time` write files. Default `prepared`. */
  readonly time?: RenderTime;
  /** Output rate in Hz. Default 44,100. */
  readonly sampleRate?: number;
  /** FLAC compression level 0–8. Default 5. */
  readonly flacLevel?: number;
  /** AAC-LC bit rate in kbit/s. Default 256. */
  readonly m4aBitrate?: number;
  /** Normalise encoded files to this integrated loudness (LUFS), capped so the true peak stays ≤ −1 dBTP. Default: off. */
  readonly normalizeLufs?: number | null;
  /** Also render each SID voice to its own files, in the same pass (SIDFlow engine only). Default false. */
  readonly stems?: boolean;
  /** Encoder: `auto` (native ffmpeg if installed, else ffmpeg.wasm), `native`, `wasm`, or an encoder to reuse. */
  readonly encoder?: EncoderChoice | AudioEncoder;
  /** Native ffmpeg executable. Default `ffmpeg`. */
  readonly ffmpegPath?: string;
  /** sidplayfp executable. Default `sidplayfp`. */
  readonly sidplayfpPath?: string;
  /** The Ultimate 64, when there is one. */
  readonly ultimate64?: Ultimate64EngineOptions | null;
  /** Re-render even when the manifest lists an identical render whose files are intact. Default false. */
  readonly force?: boolean;
  /** Disk thresholds. Default {@link DEFAULT_DISK_LIMITS}. */
  readonly diskLimits?: DiskLimits;
  /** `explicit` (default) renders exactly the formats asked; `cache` applies the caching thresholds too. */
  readonly cacheMode?: CacheMode;
  /** Disk measuring function (tests inject one). Default `fs.promises.statfs`. */
  readonly statfs?: StatfsFunction;
  /** Cancels the render; partial files are removed. */
  readonly signal?: AbortSignal;
  /** Progress callback. */
  readonly onProgress?: (progress: RenderProgress) => void;
  /** Told whenever an existing render is dropped (tune or settings changed, files missing, forced). */
  readonly onInvalidate?: (event: InvalidationEvent) => void;
}

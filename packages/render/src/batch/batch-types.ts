import type { RenderEncoding } from '@sidflow/core';
import type { CacheMode, DiskLimits } from '../cache/cache-policy.js';
import type { EncoderChoice } from '../encode/select-encoder.js';
import type { RenderChipChoice, RenderEngineChoice } from '../orchestrator/render-options.js';

/** Render settings a batch passes to its workers (plain data: it crosses thread boundaries). */
export interface BatchRenderSettings {
  /** Formats. Default `['flac', 'm4a']`. */
  readonly formats?: readonly RenderEncoding[];
  /** Fixed length in seconds; default Songlengths, else `defaultSeconds`. */
  readonly seconds?: number;
  /** Length of songs Songlengths does not know. Default 180. */
  readonly defaultSeconds?: number;
  /** HVSC `Songlengths.md5` to take song lengths from. */
  readonly songlengthsPath?: string;
  /** Engine. Default `auto`. */
  readonly engine?: RenderEngineChoice;
  /** Software engine order for `auto`. */
  readonly softwareEngines?: readonly ('engine' | 'sidplayfp')[];
  /** Rendering preference. */
  readonly rendering?: 'hardware-if-available' | 'hardware-only';
  /** Chip. */
  readonly chip?: RenderChipChoice;
  /** Encoder. Default `auto`. */
  readonly encoder?: EncoderChoice;
  /** Output rate. Default 44,100 Hz. */
  readonly sampleRate?: number;
  /** FLAC level. Default 5. */
  readonly flacLevel?: number;
  /** AAC bit rate. Default 256 kbit/s. */
  readonly m4aBitrate?: number;
  /** Loudness normalisation target in LUFS. */
  readonly normalizeLufs?: number | null;
  /** Per-voice stems. */
  readonly stems?: boolean;
  /** Re-render finished tunes. */
  readonly force?: boolean;
  /** Native ffmpeg executable. */
  readonly ffmpegPath?: string;
  /** sidplayfp executable. */
  readonly sidplayfpPath?: string;
  /** The Ultimate 64. */
  readonly ultimate64?: { readonly host: string; readonly password?: string } | null;
  /** Disk thresholds. */
  readonly diskLimits?: DiskLimits;
  /** Whether the caching thresholds apply. Default `explicit`. */
  readonly cacheMode?: CacheMode;
}

/** Which songs of each tune a batch renders. */
export type BatchSongs = 'start' | 'all' | number;

/** One tune's job, sent to a worker. */
export interface BatchTask {
  /** Task number. */
  readonly id: number;
  /** The SID file. */
  readonly file: string;
  /** Output folder for this tune. */
  readonly outDir: string;
  /** Songs to render. */
  readonly songs: BatchSongs;
}

/** One song's outcome. */
export interface BatchSongOutcome {
  /** The SID file. */
  readonly file: string;
  /** 1-based song, or 0 when the tune could not even be read. */
  readonly song: number;
  /** What happened. */
  readonly status: 'rendered' | 'up-to-date' | 'cache-full' | 'failed';
  /** Error code for failures. */
  readonly code?: string;
  /** Error message for failures. */
  readonly message?: string;
  /** Engine that rendered it. */
  readonly engine?: string | null;
  /** Milliseconds spent emulating. */
  readonly emulationMs: number;
  /** Milliseconds spent encoding. */
  readonly encodingMs: number;
  /** Seconds of audio produced. */
  readonly seconds: number;
}

/** A worker's reply for one task. */
export interface BatchTaskReply {
  /** Task number. */
  readonly id: number;
  /** One outcome per song. */
  readonly outcomes: readonly BatchSongOutcome[];
}

/** Progress of a batch, after each tune. */
export interface BatchProgress {
  /** Tunes finished (any outcome). */
  readonly done: number;
  /** Tunes in the batch. */
  readonly total: number;
  /** Songs rendered so far. */
  readonly rendered: number;
  /** Songs skipped because their renders were up to date. */
  readonly upToDate: number;
  /** Songs that failed. */
  readonly failed: number;
  /** Milliseconds since the start. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left (from the mean time per tune so far); `null` before the first tune ends. */
  readonly etaMs: number | null;
  /** The tune just finished. */
  readonly last: string;
}

/** The end of a batch. */
export interface BatchSummary {
  /** Tunes in the batch. */
  readonly tunes: number;
  /** Songs rendered. */
  readonly rendered: number;
  /** Songs already up to date (resumed batches skip them). */
  readonly upToDate: number;
  /** Songs the cache rules left unrendered. */
  readonly cacheFull: number;
  /** Songs that failed, with reasons. */
  readonly failed: readonly BatchSongOutcome[];
  /** Whether the batch was aborted before the end. */
  readonly aborted: boolean;
  /** Wall time in milliseconds. */
  readonly elapsedMs: number;
  /** Sum over songs of emulation time (ms, across workers). */
  readonly emulationMs: number;
  /** Sum over songs of encoding time (ms, across workers). */
  readonly encodingMs: number;
  /** Seconds of audio rendered. */
  readonly audioSeconds: number;
  /** Temporary files of killed earlier runs that were removed at the start. */
  readonly staleTempsRemoved: number;
}

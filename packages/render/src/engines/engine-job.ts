import type { LoudnessStats } from '../loudness/loudness-meter.js';

/** Engines the orchestrator can render with. */
export type RenderEngineName = 'engine' | 'sidplayfp' | 'ultimate64';

/** What an engine is asked to produce: one song as a 16-bit WAV file. */
export interface EngineJob {
  /** The SID file. */
  readonly bytes: Uint8Array;
  /** Path of the SID file on disk, when there is one (sidplayfp needs a file). */
  readonly path: string | null;
  /** 1-based song. */
  readonly song: number;
  /** Seconds to render. */
  readonly seconds: number;
  /** Frames per second. */
  readonly sampleRate: number;
  /** Chip to emulate. */
  readonly chip: '6581' | '8580';
  /** Where to write the WAV (a temporary name). */
  readonly wavPath: string;
  /** Per-voice WAV paths (`[sid][voice]`), when stems are wanted; `null` otherwise. */
  readonly stemPaths: ((sid: number, voice: number) => string) | null;
  /** Cancels the render. */
  readonly signal?: AbortSignal;
  /** Called as audio is produced. */
  readonly onProgress?: (secondsDone: number) => void;
}

/** One stem an engine wrote. */
export interface EngineStem {
  /** SID chip, 0-based. */
  readonly sid: number;
  /** Voice 0–2. */
  readonly voice: number;
  /** The WAV file written. */
  readonly wavPath: string;
}

/** What an engine produced. */
export interface EngineOutput {
  /** Channels in the WAV. */
  readonly channels: 1 | 2;
  /** Frames per second of the WAV (a device may not honour the requested rate). */
  readonly sampleRate: number;
  /** Frames written. */
  readonly frames: number;
  /** Loudness of the main render. */
  readonly loudness: LoudnessStats;
  /** Stems written (empty without stems). */
  readonly stems: readonly EngineStem[];
}

/** An engine: renders one {@link EngineJob}. */
export type EngineRunner = (job: EngineJob) => Promise<EngineOutput>;

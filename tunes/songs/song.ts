import type { Instrument } from './instrument.js';

/** Filter type selected in $D418 bits 4-6. */
export type FilterMode = 'lowpass' | 'bandpass' | 'highpass';

/** The filter of one subtune: a cutoff that bounces between two limits. */
export interface FilterSweep {
  /** Filter type. */
  readonly mode: FilterMode;
  /** Resonance, 0-15. */
  readonly resonance: number;
  /** Lowest cutoff (high 8 bits of the 11-bit register), 0-255. */
  readonly cutoffMin: number;
  /** Highest cutoff, cutoffMin-255. */
  readonly cutoffMax: number;
  /** Cutoff change per frame, 0 for a fixed cutoff at cutoffMin. */
  readonly speed: number;
}

/** One subtune: three tracks in the notation of `parseTrack` plus timing and filter. */
export interface Subtune {
  /** Frames (1/50 s) per notation step. */
  readonly framesPerStep: number;
  /** Tracks of voices 1, 2 and 3; all three must last the same number of steps. */
  readonly tracks: readonly [string, string, string];
  /** Filter settings. */
  readonly filter: FilterSweep;
  /** Whether the subtune is CIA-timed and plays digi samples through $D418. */
  readonly digi?: boolean;
}

/** A demo tune: PSID header facts, instruments and subtunes. */
export interface Song {
  /** File name without extension, e.g. `ode-to-joy`. */
  readonly fileName: string;
  /** PSID name field. */
  readonly title: string;
  /** PSID author field. */
  readonly author: string;
  /** PSID released field. */
  readonly released: string;
  /** SID model written in the header. */
  readonly sidModel: '6581' | '8580';
  /** Instruments by name; tracks select them with `@name`. */
  readonly instruments: Readonly<Record<string, Instrument>>;
  /** The subtunes, at least one. */
  readonly subtunes: readonly Subtune[];
}

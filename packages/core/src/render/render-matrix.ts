import type { RenderEncoding } from './render-file-name.js';
import { RenderModeError } from './render-mode-error.js';

/** Where audio is produced: on the server or in the listener's browser/machine. */
export type RenderLocation = 'server' | 'client';

/** Whether audio is produced ahead of listening (files) or while listening. */
export type RenderTime = 'prepared' | 'real-time';

/**
 * What produces the audio. `engine` is SIDFlow's TypeScript emulator (in
 * Node on the server, in the browser on the client); `sidplayfp` is the
 * native player (a CLI on the server, reached through a local bridge on the
 * client); `ultimate64` is the hardware (captured over UDP on the server,
 * played directly on the client).
 */
export type RenderTechnology = 'sidplayfp' | 'engine' | 'ultimate64';

/** One cell of the render matrix. */
export interface RenderMode {
  /** Where audio is produced. */
  readonly location: RenderLocation;
  /** When audio is produced. */
  readonly time: RenderTime;
  /** What produces it. */
  readonly technology: RenderTechnology;
}

/** A mode that writes audio files. */
export interface FileRenderTargets {
  /** Discriminant: files are produced. */
  readonly kind: 'files';
  /** Encodings produced. */
  readonly encodings: readonly RenderEncoding[];
}

/** A mode that only plays audio live, producing no files. */
export interface PlaybackRenderTargets {
  /** Discriminant: playback only. */
  readonly kind: 'playback';
}

/** What a supported mode yields: files in the listed encodings, or live playback only. */
export type RenderTargets = FileRenderTargets | PlaybackRenderTargets;

/** A supported render mode with what it produces. */
export interface SupportedRenderMode extends RenderMode {
  /** Human-readable name, e.g. `Ultimate 64 capture`. */
  readonly label: string;
  /** What it yields. */
  readonly targets: RenderTargets;
}

const FILES: RenderTargets = { kind: 'files', encodings: ['wav', 'm4a', 'flac'] };
const PLAYBACK: RenderTargets = { kind: 'playback' };

const MATRIX: readonly SupportedRenderMode[] = [
  {
    location: 'server',
    time: 'prepared',
    technology: 'sidplayfp',
    label: 'sidplayfp CLI',
    targets: FILES,
  },
  {
    location: 'server',
    time: 'prepared',
    technology: 'engine',
    label: 'engine in Node',
    targets: FILES,
  },
  {
    location: 'server',
    time: 'prepared',
    technology: 'ultimate64',
    label: 'Ultimate 64 capture',
    targets: FILES,
  },
  {
    location: 'server',
    time: 'real-time',
    technology: 'ultimate64',
    label: 'Ultimate 64 live capture',
    targets: FILES,
  },
  {
    location: 'client',
    time: 'real-time',
    technology: 'engine',
    label: 'engine in browser',
    targets: PLAYBACK,
  },
  {
    location: 'client',
    time: 'real-time',
    technology: 'sidplayfp',
    label: 'sidplayfp CLI via local bridge',
    targets: PLAYBACK,
  },
  {
    location: 'client',
    time: 'real-time',
    technology: 'ultimate64',
    label: 'Ultimate 64 direct play',
    targets: PLAYBACK,
  },
];

/**
 * Every supported cell of the render matrix:
 * server/prepared (sidplayfp, engine, ultimate64) and server/real-time
 * (ultimate64) produce WAV + M4A + FLAC; client/real-time (engine,
 * sidplayfp, ultimate64) is playback only.
 *
 * @returns the supported modes, in matrix order
 */
export function supportedRenderModes(): readonly SupportedRenderMode[] {
  return MATRIX;
}

function describeMode(mode: Readonly<Record<keyof RenderMode, unknown>>): string {
  const part = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
  return `${part(mode.location)}/${part(mode.time)}/${part(mode.technology)}`;
}

/**
 * Checks a render mode against the matrix.
 *
 * "Closest" supported alternatives are those sharing the most dimensions
 * (location, time, technology) with the rejected mode; ties are all listed,
 * in matrix order.
 *
 * @param mode - the requested mode (values are checked at run time too)
 * @returns the matching supported mode with its targets
 * @throws {@link RenderModeError} naming the closest supported alternatives
 */
export function validateRenderMode(mode: RenderMode): SupportedRenderMode {
  const given = (mode ?? {}) as Readonly<Record<keyof RenderMode, unknown>>;
  const score = (cell: RenderMode) =>
    Number(cell.location === given.location) +
    Number(cell.time === given.time) +
    Number(cell.technology === given.technology);
  const exact = MATRIX.find((cell) => score(cell) === 3);
  if (exact !== undefined) return exact;
  const best = Math.max(...MATRIX.map(score));
  const alternatives = MATRIX.filter((cell) => score(cell) === best);
  const names = alternatives.map((cell) => `${describeMode(cell)} (${cell.label})`).join(', ');
  throw new RenderModeError(
    { location: given.location, time: given.time, technology: given.technology },
    alternatives.map(({ location, time, technology }) => ({ location, time, technology })),
    `render mode ${describeMode(given)} is not supported; closest supported: ${names}`,
  );
}

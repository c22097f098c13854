// Browser-safe: types and validation only, no Node modules (the streaming playback adapter imports this).

/** Encodings a manifest can list. */
export type ManifestEncoding = 'wav' | 'm4a' | 'flac';

/** One rendered file. */
export interface ManifestFile {
  /** Encoding, also the extension. */
  readonly format: ManifestEncoding;
  /** File name, relative to the manifest's folder. */
  readonly file: string;
  /** Size in bytes. */
  readonly bytes: number;
  /** SHA-256 of the file, lowercase hex. */
  readonly sha256: string;
  /** Channels in the file (M4A is always 2). */
  readonly channels: number;
}

/** Loudness of a render (see `LoudnessMeter`); `null` where the audio was silent. */
export interface ManifestLoudness {
  /** Integrated loudness in LUFS (ITU-R BS.1770-4). */
  readonly integratedLufs: number | null;
  /** True peak in dBTP. */
  readonly truePeakDbtp: number | null;
  /** Sample peak in dBFS. */
  readonly samplePeakDbfs: number | null;
  /** Mean sample value per channel, full scale ±1. */
  readonly dcOffset: readonly number[];
}

/** One voice rendered on its own (`--stems`). */
export interface ManifestStem {
  /** SID chip, 0-based. */
  readonly sid: number;
  /** Voice of that chip, 0–2. */
  readonly voice: number;
  /** Its files. */
  readonly files: readonly ManifestFile[];
}

/** One song's render. */
export interface ManifestRender {
  /** 1-based song. */
  readonly song: number;
  /** What produced the audio. */
  readonly engine: 'engine' | 'sidplayfp' | 'ultimate64';
  /** Platform tag in the file names (`sidflow`, `sidplayfp`, `c64u`). */
  readonly platform: string;
  /** Chip tag in the file names. */
  readonly chip: '6581' | '8580r5';
  /** Seconds of audio. */
  readonly seconds: number;
  /** Frames per second. */
  readonly sampleRate: number;
  /** Channels of the PCM render. */
  readonly channels: number;
  /** Hash of every setting that shaped the render; a different key means the render is stale. */
  readonly key: string;
  /** ISO 8601 time the render finished. */
  readonly renderedAt: string;
  /** Loudness of the render before any normalisation. */
  readonly loudness: ManifestLoudness;
  /** Gain applied on encode to reach the normalisation target, in dB; `null` when not normalised. */
  readonly gainDb: number | null;
  /** The files, one per format. */
  readonly files: readonly ManifestFile[];
  /** Per-voice files, when stems were rendered. */
  readonly stems: readonly ManifestStem[];
}

/** The availability manifest of one tune: which renders exist next to it. */
export interface AvailabilityManifest {
  /** Schema version. */
  readonly version: 1;
  /** The tune. */
  readonly tune: {
    /** Sanitised tune name used in the file names. */
    readonly name: string;
    /** MD5 of the whole SID file (HVSC Songlengths key). */
    readonly md5: string;
    /** Number of songs. */
    readonly songs: number;
    /** Default song, 1-based. */
    readonly startSong: number;
  };
  /** Renders, one per song at most, sorted by song. */
  readonly renders: readonly ManifestRender[];
}

/** Thrown by {@link parseAvailabilityManifest}; `code` is `RENDER_MANIFEST_INVALID`. */
export class ManifestFormatError extends Error {
  /** Stable code, the same as `RenderError`'s for this failure. */
  readonly code = 'RENDER_MANIFEST_INVALID';
  override readonly name = 'ManifestFormatError';
}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestFormatError(`${where}: expected an object`);
  }
  return value as Json;
}

function field<T>(
  o: Json,
  key: string,
  where: string,
  check: (v: unknown) => boolean,
  what: string,
): T {
  if (!check(o[key])) throw new ManifestFormatError(`${where}.${key}: expected ${what}`);
  return o[key] as T;
}

const isString = (v: unknown) => typeof v === 'string';
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown) => v === null || isNumber(v);
const isFormat = (v: unknown) => v === 'wav' || v === 'm4a' || v === 'flac';
const isSafeName = (v: unknown) =>
  typeof v === 'string' && v.length > 0 && !/[/\\]/.test(v) && v !== '..';

function checkFiles(value: unknown, where: string): ManifestFile[] {
  if (!Array.isArray(value)) throw new ManifestFormatError(`${where}: expected an array`);
  return value.map((f, i) => {
    const o = object(f, `${where}[${i}]`);
    const at = `${where}[${i}]`;
    field(o, 'format', at, isFormat, '"wav", "m4a" or "flac"');
    field(o, 'file', at, isSafeName, 'a file name without folders');
    field(o, 'bytes', at, isCount, 'a byte count');
    field(
      o,
      'sha256',
      at,
      (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
      'a SHA-256 hex digest',
    );
    field(o, 'channels', at, isCount, 'a channel count');
    return o as unknown as ManifestFile;
  });
}

/**
 * Validates a parsed availability manifest (e.g. fetched by a browser).
 *
 * @param value - the parsed JSON
 * @returns the same value, typed
 * @throws {@link ManifestFormatError} naming the first bad field
 */
export function validateAvailabilityManifest(value: unknown): AvailabilityManifest {
  const root = object(value, 'manifest');
  if (root.version !== 1)
    throw new ManifestFormatError(`manifest.version: expected 1, got ${String(root.version)}`);
  const tune = object(root.tune, 'manifest.tune');
  field(tune, 'name', 'manifest.tune', isString, 'a string');
  field(
    tune,
    'md5',
    'manifest.tune',
    (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v),
    'an MD5 hex digest',
  );
  field(tune, 'songs', 'manifest.tune', isCount, 'a song count');
  field(tune, 'startSong', 'manifest.tune', isCount, 'a song number');
  if (!Array.isArray(root.renders))
    throw new ManifestFormatError('manifest.renders: expected an array');
  root.renders.forEach((r, i) => {
    const at = `manifest.renders[${i}]`;
    const o = object(r, at);
    field(o, 'song', at, isCount, 'a song number');
    field(
      o,
      'engine',
      at,
      (v) => v === 'engine' || v === 'sidplayfp' || v === 'ultimate64',
      'an engine',
    );
    field(o, 'platform', at, isString, 'a string');
    field(o, 'chip', at, (v) => v === '6581' || v === '8580r5', '"6581" or "8580r5"');
    field(o, 'seconds', at, isNumber, 'a number');
    field(o, 'sampleRate', at, isCount, 'a sample rate');
    field(o, 'channels', at, isCount, 'a channel count');
    field(o, 'key', at, isString, 'a string');
    field(o, 'renderedAt', at, isString, 'an ISO time');
    field(o, 'gainDb', at, isNumberOrNull, 'a number or null');
    const loud = object(o.loudness, `${at}.loudness`);
    for (const k of ['integratedLufs', 'truePeakDbtp', 'samplePeakDbfs']) {
      field(loud, k, `${at}.loudness`, isNumberOrNull, 'a number or null');
    }
    field(
      loud,
      'dcOffset',
      `${at}.loudness`,
      (v) => Array.isArray(v) && v.every(isNumber),
      'an array of numbers',
    );
    checkFiles(o.files, `${at}.files`);
    if (!Array.isArray(o.stems)) throw new ManifestFormatError(`${at}.stems: expected an array`);
    o.stems.forEach((s, j) => {
      const st = object(s, `${at}.stems[${j}]`);
      field(st, 'sid', `${at}.stems[${j}]`, isCount, 'a SID index');
      field(st, 'voice', `${at}.stems[${j}]`, (v) => v === 0 || v === 1 || v === 2, '0, 1 or 2');
      checkFiles(st.files, `${at}.stems[${j}].files`);
    });
  });
  return root as unknown as AvailabilityManifest;
}

/**
 * Parses and validates an availability manifest's text. Browser-safe.
 *
 * @param text - the JSON text
 * @throws {@link ManifestFormatError} for bad JSON or a bad field
 */
export function parseAvailabilityManifest(text: string): AvailabilityManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestFormatError(`not JSON: ${(error as Error).message}`);
  }
  return validateAvailabilityManifest(value);
}

/**
 * The files a player can stream for a song, best first for streaming
 * (M4A, then FLAC, then WAV).
 *
 * @param manifest - the tune's manifest
 * @param song - 1-based song
 */
export function availableFormats(manifest: AvailabilityManifest, song: number): ManifestFile[] {
  const render = manifest.renders.find((r) => r.song === song);
  if (!render) return [];
  const order: ManifestEncoding[] = ['m4a', 'flac', 'wav'];
  return [...render.files].sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
}

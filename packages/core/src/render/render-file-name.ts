import { RenderNamingError } from './render-naming-error.js';

/** Audio encodings renders are stored in. */
export type RenderEncoding = 'wav' | 'm4a' | 'flac';

/** Chip tags used in file names; `8580r5` is the 8580 revision the emulators model. */
export type RenderChipTag = '6581' | '8580r5';

/**
 * Who produced the audio: `sidplayfp` (native player), `c64u` (Ultimate 64
 * capture) or an emulator's own name (SIDFlow's engine is `sidflow`). Any
 * lowercase alphanumeric word with at least one letter is accepted.
 */
export type RenderPlatform = 'sidplayfp' | 'c64u' | 'sidflow' | (string & {});

/** The parts of a rendered file name. */
export interface RenderFileNameParts {
  /** Tune name, already sanitised (see {@link sanitizeRenderName}). */
  readonly name: string;
  /** 1-based subtune; `null` for single-track tunes, whose names leave it out. */
  readonly trackIndex: number | null;
  /** Who produced the audio. */
  readonly platform: RenderPlatform;
  /** Which chip was emulated or used. */
  readonly chip: RenderChipTag;
  /** Audio encoding, also the file extension. */
  readonly encoding: RenderEncoding;
}

/** Input of {@link formatRenderFileName}. */
export interface RenderFileNameInput {
  /** Tune name; sanitised before use. */
  readonly name: string;
  /** 1-based subtune. */
  readonly trackIndex?: number | null;
  /** Number of subtunes; when 1 the track index is left out of the name. */
  readonly trackCount?: number;
  /** Who produced the audio. */
  readonly platform: RenderPlatform;
  /** Which chip. */
  readonly chip: RenderChipTag;
  /** Audio encoding. */
  readonly encoding: RenderEncoding;
}

const ENCODINGS: readonly RenderEncoding[] = ['wav', 'm4a', 'flac'];
const CHIPS: readonly RenderChipTag[] = ['6581', '8580r5'];
const PLATFORM_PATTERN = /^(?=[a-z0-9]*[a-z])[a-z0-9]+$/;
/** Leaves room for the suffix within the common 255-byte file name limit. */
const MAX_NAME_LENGTH = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * Makes a tune name safe as part of a file name on every common file
 * system, and unambiguous to parse back: accents are stripped, anything but
 * letters, digits and `_ . ( ) + , & ' ! -` becomes `_`, a trailing
 * `-<digits>` becomes `_<digits>` (it would read as a track index), leading
 * dots and trailing dots are removed, Windows device names get a `_`, and the
 * result is at most 200 characters. Empty results become `untitled`.
 *
 * @param name - the raw tune name (e.g. a SID title or file stem)
 * @returns the sanitised name
 */
export function sanitizeRenderName(name: string): string {
  let out = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.()+,&'!-]/g, '_')
    .replace(/_+/g, '_');
  out = out.replace(/^[._]+(?=.)/, '').replace(/[.]+$/, '');
  out = out.slice(0, MAX_NAME_LENGTH).replace(/[.]+$/, '');
  out = out.replace(/-(\d+)$/, '_$1');
  if (out === '' || out === '_' || /^\.+$/.test(out)) return 'untitled';
  if (WINDOWS_RESERVED.test(out.split('.')[0])) out = `${out}_`;
  return out;
}

function checkParts(parts: {
  platform: string;
  chip: string;
  encoding: string;
  trackIndex: number | null;
}): void {
  if (!PLATFORM_PATTERN.test(parts.platform)) {
    throw new RenderNamingError(
      'RENDER_NAME_INVALID_PART',
      `platform ${JSON.stringify(parts.platform)}: expected lowercase letters and digits with at least one letter`,
    );
  }
  if (!CHIPS.includes(parts.chip as RenderChipTag)) {
    throw new RenderNamingError(
      'RENDER_NAME_INVALID_PART',
      `chip ${JSON.stringify(parts.chip)}: expected "6581" or "8580r5"`,
    );
  }
  if (!ENCODINGS.includes(parts.encoding as RenderEncoding)) {
    throw new RenderNamingError(
      'RENDER_NAME_INVALID_PART',
      `encoding ${JSON.stringify(parts.encoding)}: expected "wav", "m4a" or "flac"`,
    );
  }
  if (parts.trackIndex !== null && (!Number.isInteger(parts.trackIndex) || parts.trackIndex < 1)) {
    throw new RenderNamingError(
      'RENDER_NAME_INVALID_PART',
      `trackIndex ${parts.trackIndex}: expected integer ≥ 1 (track indexes are 1-based)`,
    );
  }
}

/**
 * Builds `$name[-$trackIndex]-$platform-$chip.$encoding`, e.g.
 * `Commando-2-sidplayfp-6581.flac`. The track index is left out when
 * `trackCount` is 1 or no index is given.
 *
 * @param input - the parts; `name` is sanitised with {@link sanitizeRenderName}
 * @returns the file name
 * @throws {@link RenderNamingError} when a part is invalid or the index exceeds `trackCount`
 */
export function formatRenderFileName(input: RenderFileNameInput): string {
  const trackIndex = input.trackCount === 1 ? null : (input.trackIndex ?? null);
  checkParts({ ...input, trackIndex });
  if (input.trackCount !== undefined) {
    if (!Number.isInteger(input.trackCount) || input.trackCount < 1) {
      throw new RenderNamingError(
        'RENDER_NAME_INVALID_PART',
        `trackCount ${input.trackCount}: expected integer ≥ 1`,
      );
    }
    if (input.trackIndex != null && input.trackIndex > input.trackCount) {
      throw new RenderNamingError(
        'RENDER_NAME_INVALID_PART',
        `trackIndex ${input.trackIndex}: expected ≤ trackCount (${input.trackCount})`,
      );
    }
  }
  const track = trackIndex === null ? '' : `-${trackIndex}`;
  return `${sanitizeRenderName(input.name)}${track}-${input.platform}-${input.chip}.${input.encoding}`;
}

/** Lazy name + anchored suffix: the split is the shortest name for which the rest is a valid suffix. */
const FILE_NAME_PATTERN =
  /^(.+?)(?:-([1-9]\d*))?-((?=[a-z0-9]*[a-z])[a-z0-9]+)-(6581|8580r5)\.(wav|m4a|flac)$/;

/**
 * Splits a rendered file name into its parts; the inverse of
 * {@link formatRenderFileName} for sanitised names.
 *
 * @param fileName - a base name (no folders), e.g. `Commando-2-sidplayfp-6581.flac`
 * @returns the parts
 * @throws {@link RenderNamingError} `RENDER_NAME_UNPARSABLE` when the name does not follow the pattern
 */
export function parseRenderFileName(fileName: string): RenderFileNameParts {
  const match = FILE_NAME_PATTERN.exec(fileName);
  // A name ending in -<digits> would be read as a track index, so sanitised names never have one.
  if (match === null || /-\d+$/.test(match[1])) {
    throw new RenderNamingError(
      'RENDER_NAME_UNPARSABLE',
      `${JSON.stringify(fileName)}: expected $name[-$trackIndex]-$platform-$chip.$encoding, e.g. Commando-2-sidplayfp-6581.flac`,
    );
  }
  return {
    name: match[1],
    trackIndex: match[2] === undefined ? null : Number(match[2]),
    platform: match[3],
    chip: match[4] as RenderChipTag,
    encoding: match[5] as RenderEncoding,
  };
}

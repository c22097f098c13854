import { HvscParseError } from './hvsc-parse-error.js';

/** One subtune's play time from a Songlengths database. */
export interface SongLength {
  /** Play time in milliseconds. */
  readonly ms: number;
  /**
   * Attribute letter(s) the old (pre-#68) format could append in brackets,
   * e.g. `G` for `3:20(G)`; absent when there was none.
   */
  readonly attribute?: string;
}

// Minutes are capped at 6 digits so a hostile input cannot build a number
// that loses millisecond precision; no real tune comes near that.
const songLengthPattern = /^(\d{1,6}):(\d{1,2})(?:\.(\d{1,3}))?(?:\(([A-Za-z]{1,8})\))?$/;

/** Parses one length token, or returns `undefined` when it is malformed. */
export function matchSongLength(token: string): SongLength | undefined {
  const m = songLengthPattern.exec(token);
  if (m === null) return undefined;
  const seconds = Number(m[2]);
  if (seconds >= 60) return undefined;
  // The fraction is decimal seconds: `.5` is 500 ms, `.123` is 123 ms.
  const fractionMs = m[3] === undefined ? 0 : Number(m[3].padEnd(3, '0'));
  const ms = (Number(m[1]) * 60 + seconds) * 1000 + fractionMs;
  return m[4] === undefined ? { ms } : { ms, attribute: m[4].toUpperCase() };
}

/**
 * Parses one Songlengths.md5 length: the old `M:SS` form (optionally with a
 * fraction `M:SS.S` and an attribute suffix `M:SS(G)`) or the millisecond
 * form `M:SS.mmm` used since HVSC #68.
 *
 * @throws {@link HvscParseError} `HVSC_SONG_LENGTH_INVALID` when `token` is not a length
 */
export function parseSongLength(token: string): SongLength {
  const length = matchSongLength(token.trim());
  if (length === undefined) {
    throw new HvscParseError(
      'HVSC_SONG_LENGTH_INVALID',
      `not a song length: "${token.slice(0, 40)}"`,
    );
  }
  return length;
}

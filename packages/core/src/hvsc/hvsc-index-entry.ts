import type { SidflowError } from '../errors.js';
import type { HvscTuneFacts } from './hvsc-tune-facts.js';
import type { StilEntry } from './stil-entry.js';

/** One SID file found by {@link indexHvsc}. */
export interface HvscIndexEntry {
  /**
   * HVSC path, relative to the `C64Music` root and `/`-separated, e.g.
   * `/MUSICIANS/H/Hubbard_Rob/Commando.sid`. A folder that could not be
   * listed is reported with its path ending in `/`.
   */
  readonly path: string;
  /** File system path of the file (or unreadable folder). */
  readonly file: string;
  /** File size in bytes; 0 when the file could not be read. */
  readonly size: number;
  /** {@link hvscMd5} of the file, when a Songlengths database is in use or `md5` was asked for. */
  readonly md5?: string;
  /** Play time of each subtune in milliseconds (index 0 is subtune 1), when the Songlengths database knows the MD5. */
  readonly songLengthsMs?: readonly number[];
  /** The decoded PSID/RSID header, absent when the file could not be read or parsed. */
  readonly tune?: HvscTuneFacts;
  /** The file's STIL entry, when a STIL database is in use and has one. */
  readonly stil?: StilEntry;
  /** The file's BUGlist entry, when a BUGlist database is in use and has one. */
  readonly bugs?: StilEntry;
  /**
   * Why the file could not be indexed fully: an `HvscReadError` when it could
   * not be read, a `SidFileError` when its header is malformed, or a
   * `SidflowError` with code `HVSC_INDEX_FAILED` wrapping an unexpected parser
   * failure. Never thrown.
   */
  readonly error?: SidflowError;
}

/** Progress reported by {@link indexHvsc} after each entry. */
export interface HvscIndexProgress {
  /** Entries produced so far, including those with an error. */
  readonly entries: number;
  /** Entries so far that carry an `error`. */
  readonly errors: number;
  /** Total bytes of the files read so far. */
  readonly bytes: number;
  /** HVSC path of the entry just produced. */
  readonly path: string;
}

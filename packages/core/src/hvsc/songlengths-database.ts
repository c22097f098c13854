import { normalizeHvscPath } from './normalize-hvsc-path.js';

/** One tune's record in a Songlengths database. */
export interface SonglengthsEntry {
  /** The tune's {@link hvscMd5}, lowercase hex. */
  readonly md5: string;
  /** HVSC path named by the `; /PATH` comment above the record, if there was one. */
  readonly path?: string;
  /** Play time of each subtune in milliseconds; index 0 is subtune 1. */
  readonly lengthsMs: readonly number[];
  /**
   * Old-format attribute per subtune (same indexing as `lengthsMs`, `undefined`
   * where none); absent when no subtune had one.
   */
  readonly attributes?: readonly (string | undefined)[];
}

/** Song lengths of HVSC tunes, looked up by MD5 or by HVSC path. */
export class SonglengthsDatabase {
  private readonly byMd5Key = new Map<string, SonglengthsEntry>();
  private readonly byPathKey = new Map<string, SonglengthsEntry>();

  /**
   * @param entries - the records; when two share an MD5 or a path, the first wins
   */
  constructor(entries: Iterable<SonglengthsEntry>) {
    for (const entry of entries) {
      const md5 = entry.md5.toLowerCase();
      if (!this.byMd5Key.has(md5)) this.byMd5Key.set(md5, entry);
      if (entry.path !== undefined) {
        const path = normalizeHvscPath(entry.path);
        if (!this.byPathKey.has(path)) this.byPathKey.set(path, entry);
      }
    }
  }

  /** Number of distinct tunes (MD5s). */
  get size(): number {
    return this.byMd5Key.size;
  }

  /** The record whose key is `md5` (any letter case), if any. */
  byMd5(md5: string): SonglengthsEntry | undefined {
    return this.byMd5Key.get(md5.toLowerCase());
  }

  /** The record listed under HVSC path `path` (see {@link normalizeHvscPath}), if any. */
  byPath(path: string): SonglengthsEntry | undefined {
    return this.byPathKey.get(normalizeHvscPath(path));
  }

  /** Every record, first occurrence of each MD5, in input order. */
  [Symbol.iterator](): IterableIterator<SonglengthsEntry> {
    return this.byMd5Key.values();
  }
}

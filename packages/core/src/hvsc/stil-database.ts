import { normalizeHvscPath } from './normalize-hvsc-path.js';
import type { StilBlock, StilEntry } from './stil-entry.js';

/** The entries of a STIL.txt or BUGlist.txt document, looked up by HVSC path. */
export class StilDatabase {
  private readonly byPath = new Map<string, StilEntry>();

  /**
   * @param entries - the entries; a later entry for the same path replaces an earlier one
   */
  constructor(entries: Iterable<StilEntry>) {
    for (const entry of entries) this.byPath.set(normalizeHvscPath(entry.path), entry);
  }

  /** Number of entries, files and folders together. */
  get size(): number {
    return this.byPath.size;
  }

  /** The entry for a file (or, with a trailing `/`, a folder) at HVSC path `path`. */
  get(path: string): StilEntry | undefined {
    // Paths from an index walk are already normal: skip the rewrite for them.
    return this.byPath.get(path) ?? this.byPath.get(normalizeHvscPath(path));
  }

  /**
   * What applies to subtune `subtune` (1-based) of the file at `path`: its
   * `(#N)` block, if the entry has one.
   */
  subtune(path: string, subtune: number): StilBlock | undefined {
    return this.get(path)?.subtunes.get(subtune);
  }

  /** The folder comment of the folder holding `path` (e.g. `/MUSICIANS/H/Hubbard_Rob/`), if any. */
  directoryOf(path: string): StilEntry | undefined {
    const normalized = normalizeHvscPath(path);
    const folder = normalized.slice(0, normalized.lastIndexOf('/', normalized.length - 2) + 1);
    return folder === '' ? undefined : this.byPath.get(folder);
  }

  /** Every entry in document order. */
  [Symbol.iterator](): IterableIterator<StilEntry> {
    return this.byPath.values();
  }
}

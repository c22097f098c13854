import type { HvscIndexProgress } from './hvsc-index-entry.js';
import type { SonglengthsDatabase } from './songlengths-database.js';
import type { StilDatabase } from './stil-database.js';

/** Options of {@link indexHvsc}. */
export interface IndexHvscOptions {
  /**
   * Songlengths database: a loaded one, a file path, or `false` for none.
   * Default: `DOCUMENTS/Songlengths.md5` under the root, when that file exists.
   */
  readonly songlengths?: SonglengthsDatabase | string | false;
  /**
   * STIL database: a loaded one, a file path, or `false` for none.
   * Default: `DOCUMENTS/STIL.txt` under the root, when that file exists.
   */
  readonly stil?: StilDatabase | string | false;
  /**
   * BUGlist database: a loaded one, a file path, or `false` for none.
   * Default: `DOCUMENTS/BUGlist.txt` under the root, when that file exists.
   */
  readonly buglist?: StilDatabase | string | false;
  /** Compute each file's MD5 even without a Songlengths database. Default false. */
  readonly md5?: boolean;
  /**
   * Files (and folders) handled between two turns of the event loop; files
   * are read one at a time, synchronously, so this bounds how long the walk
   * holds the event loop. Default 128.
   */
  readonly concurrency?: number;
  /**
   * Follow symbolic links to files and folders; a link back to a folder
   * already walked is skipped, so link loops end. Default true.
   */
  readonly followSymlinks?: boolean;
  /** Stops the walk: the iterator then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each entry is produced. */
  readonly onProgress?: (progress: HvscIndexProgress) => void;
}

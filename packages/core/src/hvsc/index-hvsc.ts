import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SidflowError } from '../errors.js';
import type { HvscIndexEntry } from './hvsc-index-entry.js';
import { hvscMd5 } from './hvsc-md5.js';
import { HvscReadError } from './hvsc-read-error.js';
import type { HvscTuneFacts } from './hvsc-tune-facts.js';
import type { IndexHvscOptions } from './index-hvsc-options.js';
import { loadBuglist } from './load-buglist.js';
import { loadSonglengths } from './load-songlengths.js';
import { loadStil } from './load-stil.js';
import { readTuneFacts } from './read-tune-facts.js';
import type { SonglengthsDatabase } from './songlengths-database.js';
import type { StilDatabase } from './stil-database.js';
import { SyncFileReader } from './sync-file-reader.js';
import { type FoundSidFile, walkSidFiles } from './walk-sid-files.js';

/**
 * Files (or folders) handled between two turns of the event loop: at a few
 * microseconds each from a warm cache, 128 keep every block of the event
 * loop around a millisecond.
 */
const defaultBatchSize = 128;

interface IndexContext {
  readonly songlengths: SonglengthsDatabase | undefined;
  readonly stil: StilDatabase | undefined;
  readonly buglist: StilDatabase | undefined;
  readonly md5: boolean;
}

/**
 * Walks an HVSC `C64Music` folder and streams one entry per `.sid` file:
 * its HVSC path, size, decoded header, and, when the databases are available,
 * MD5 and song lengths (Songlengths.md5) and STIL and BUGlist entries. The
 * databases default to the ones in the root's `DOCUMENTS` folder.
 *
 * Entries come out in walk order (a folder's files by name, then its
 * subfolders by name). A file that cannot be read or parsed yields an entry
 * with an `error` instead of stopping the walk. Files are read synchronously
 * (a warm page cache answers faster than a thread-pool round trip), in
 * batches of `concurrency` files and folders with a turn of the event loop
 * between batches, so timers and I/O keep running during a long walk.
 *
 * @param root - the `C64Music` folder (or any folder of SID files)
 * @throws {@link HvscReadError} or {@link HvscParseError} (on first iteration)
 *   when a database cannot be loaded; the signal's reason when aborted
 * @example
 * ```ts
 * for await (const entry of indexHvsc('/data/C64Music')) {
 *   if (!entry.error) console.log(entry.path, entry.tune?.name, entry.songLengthsMs);
 * }
 * ```
 */
export async function* indexHvsc(
  root: string,
  options: IndexHvscOptions = {},
): AsyncGenerator<HvscIndexEntry, void, undefined> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const [songlengths, stil, buglist] = await Promise.all([
    resolveDatabase(
      options.songlengths,
      join(root, 'DOCUMENTS', 'Songlengths.md5'),
      loadSonglengths,
    ),
    resolveDatabase(options.stil, join(root, 'DOCUMENTS', 'STIL.txt'), loadStil),
    resolveDatabase(options.buglist, join(root, 'DOCUMENTS', 'BUGlist.txt'), loadBuglist),
  ]);
  const context: IndexContext = {
    songlengths,
    stil,
    buglist,
    md5: options.md5 === true || songlengths !== undefined,
  };
  const batchSize = Math.max(1, Math.floor(options.concurrency ?? defaultBatchSize));
  const reader = new SyncFileReader();
  let entries = 0;
  let errors = 0;
  let bytes = 0;
  let sinceTurn = 0;

  for (const found of walkSidFiles(root, options.followSymlinks ?? true)) {
    // Every listing counts towards the batch, so a run of tuneless folders is paced too.
    sinceTurn++;
    for (const file of found) {
      signal?.throwIfAborted();
      const entry =
        file.error === undefined
          ? indexFile(file, context, reader)
          : withNotes(file, context, 0, file.error);
      entries++;
      if (entry.error !== undefined) errors++;
      bytes += entry.size;
      onProgress?.({ entries, errors, bytes, path: entry.path });
      yield entry;
      if (++sinceTurn >= batchSize) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
    if (sinceTurn >= batchSize) {
      sinceTurn = 0;
      await nextTurn();
    }
    signal?.throwIfAborted();
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Never throws: every failure becomes the entry's `error`. */
function indexFile(
  found: FoundSidFile,
  context: IndexContext,
  reader: SyncFileReader,
): HvscIndexEntry {
  const bytes = reader.read(found.file);
  return bytes instanceof HvscReadError
    ? withNotes(found, context, 0, bytes)
    : describe(found, bytes, context);
}

function describe(found: FoundSidFile, bytes: Uint8Array, context: IndexContext): HvscIndexEntry {
  let error: SidflowError | undefined;
  let tune: HvscTuneFacts | undefined;
  try {
    tune = readTuneFacts(bytes);
  } catch (thrown) {
    // A parser bug must not escape from a file system callback and kill the process.
    error =
      thrown instanceof SidflowError
        ? thrown
        : new SidflowError('HVSC_INDEX_FAILED', `cannot index ${found.file}: ${String(thrown)}`, {
            cause: thrown,
          });
  }
  const entry = withNotes(found, context, bytes.length, error);
  if (tune !== undefined) entry.tune = tune;
  if (context.md5) {
    const md5 = hvscMd5(bytes);
    entry.md5 = md5;
    const songLengthsMs = context.songlengths?.byMd5(md5)?.lengthsMs;
    if (songLengthsMs !== undefined) entry.songLengthsMs = songLengthsMs;
  }
  return entry;
}

function withNotes(
  found: FoundSidFile,
  context: IndexContext,
  size: number,
  error: SidflowError | undefined,
): Mutable<HvscIndexEntry> {
  const entry: Mutable<HvscIndexEntry> = { path: found.path, file: found.file, size };
  const stil = context.stil?.get(found.path);
  if (stil !== undefined) entry.stil = stil;
  const bugs = context.buglist?.get(found.path);
  if (bugs !== undefined) entry.bugs = bugs;
  if (error !== undefined) entry.error = error;
  return entry;
}

async function resolveDatabase<T>(
  given: T | string | false | undefined,
  defaultFile: string,
  load: (file: string) => Promise<T>,
): Promise<T | undefined> {
  if (given === false) return undefined;
  if (typeof given === 'string') return load(given);
  if (given !== undefined) return given;
  const exists = await stat(defaultFile).then(
    (s) => s.isFile(),
    () => false,
  );
  return exists ? load(defaultFile) : undefined;
}

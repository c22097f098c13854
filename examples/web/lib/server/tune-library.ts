import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, parseSidFile, resolveSafePath, UnsafePathError } from '@sidflow/core';
import type { HvscFolderListing, TuneCatalog, TuneSource, TuneSummary } from '../tune-summary';
import { TuneLibraryError } from './tune-library-error';

/** Largest file served as a tune: a SID image cannot exceed 64 KiB plus its header. */
const MAX_TUNE_BYTES = 0x10000 + 0x7c + 2;

/** Where the app finds its tunes; every field can be overridden for tests. */
export interface TuneLibraryOptions {
  /** The repository root (holds `tunes/sid` and `.sidflow.json`); found from the working directory by default. */
  readonly repoRoot?: string;
  /** Environment read for `SIDFLOW_HVSC` and the config's `SIDFLOW_*` overrides; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The repository root: the nearest folder at or above `from` that holds `tunes/sid`. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(dir, 'tunes', 'sid'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The HVSC folder to browse, or why there is none. `SIDFLOW_HVSC` names it
 * directly; otherwise the config's `hvscRoot` (from `.sidflow.json` or
 * `SIDFLOW_HVSC_ROOT`) is used. Either may point at `C64Music` or at the
 * folder holding it.
 */
export async function resolveHvscFolder(
  options: TuneLibraryOptions = {},
): Promise<{ folder: string | null; reason: string }> {
  const env = options.env ?? process.env;
  const repoRoot = options.repoRoot ?? findRepoRoot();
  let candidate: string;
  let origin: string;
  if (env.SIDFLOW_HVSC) {
    candidate = resolve(repoRoot, env.SIDFLOW_HVSC);
    origin = 'SIDFLOW_HVSC';
  } else {
    try {
      candidate = (await loadConfig({ cwd: repoRoot, env })).hvscRoot;
      origin = 'hvscRoot in .sidflow.json';
    } catch (error) {
      return { folder: null, reason: `the SIDFlow config is invalid: ${(error as Error).message}` };
    }
  }
  const nested = join(candidate, 'C64Music');
  if (isDirectory(nested)) return { folder: nested, reason: `${origin}: ${nested}` };
  if (isDirectory(candidate)) return { folder: candidate, reason: `${origin}: ${candidate}` };
  return {
    folder: null,
    reason: `no HVSC folder at ${candidate} (${origin}); set SIDFLOW_HVSC to a C64Music folder`,
  };
}

function summarize(
  source: TuneSource,
  relPath: string,
  fileName: string,
  bytes: Uint8Array,
): TuneSummary {
  const id = `${source}/${relPath}`;
  try {
    const sid = parseSidFile(bytes);
    return {
      id,
      source,
      fileName,
      title: sid.name || fileName,
      author: sid.author,
      released: sid.released,
      songs: sid.songs,
      startSong: sid.startSong,
    };
  } catch (error) {
    return {
      id,
      source,
      fileName,
      title: fileName,
      author: '',
      released: '',
      songs: 1,
      startSong: 1,
      error: (error as Error).message,
    };
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isSidName = (name: string) => /\.sid$/i.test(name);

async function summarizeFolder(
  source: TuneSource,
  folder: string,
  relDir: string,
): Promise<{ folders: string[]; tunes: TuneSummary[] }> {
  const entries = await readdir(folder, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(byName);
  const names = entries
    .filter((e) => e.isFile() && isSidName(e.name))
    .map((e) => e.name)
    .sort(byName);
  const tunes = await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(folder, name));
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      return summarize(source, rel, name, bytes);
    }),
  );
  return { folders, tunes };
}

/** The project's demo tunes from `tunes/sid`, with their header fields. */
export async function listDemoTunes(options: TuneLibraryOptions = {}): Promise<TuneSummary[]> {
  const repoRoot = options.repoRoot ?? findRepoRoot();
  return (await summarizeFolder('demo', join(repoRoot, 'tunes', 'sid'), '')).tunes;
}

/** The demo tunes and whether an HVSC folder can be browsed (what `/api/tunes` returns). */
export async function tuneCatalog(options: TuneLibraryOptions = {}): Promise<TuneCatalog> {
  const [demo, hvsc] = await Promise.all([listDemoTunes(options), resolveHvscFolder(options)]);
  return { demo, hvsc: { available: hvsc.folder !== null, reason: hvsc.reason } };
}

async function safeResolve(root: string, rel: string): Promise<string> {
  try {
    return await resolveSafePath(root, rel);
  } catch (error) {
    if (error instanceof UnsafePathError) {
      throw new TuneLibraryError('TUNE_BAD_ID', `refused ${JSON.stringify(rel)}: ${error.message}`);
    }
    throw error;
  }
}

async function hvscFolderOrThrow(options: TuneLibraryOptions): Promise<string> {
  const { folder, reason } = await resolveHvscFolder(options);
  if (folder === null) throw new TuneLibraryError('HVSC_NOT_CONFIGURED', reason);
  return folder;
}

/**
 * One folder of the HVSC collection: its subfolders and its tunes.
 *
 * @param dir - folder relative to the HVSC root (`''` or `/` for the root); `..` and escaping links are refused
 */
export async function listHvscFolder(
  dir: string,
  options: TuneLibraryOptions = {},
): Promise<HvscFolderListing> {
  const root = await hvscFolderOrThrow(options);
  const rel = dir
    .split(/[\\/]/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  const folder = rel === '' ? root : await safeResolve(root, rel);
  if (!isDirectory(folder)) {
    throw new TuneLibraryError('TUNE_NOT_FOUND', `no HVSC folder ${JSON.stringify(rel)}`);
  }
  return { dir: rel, ...(await summarizeFolder('hvsc', folder, rel)) };
}

/**
 * The bytes of a listed tune.
 *
 * @param id - `demo/<file>` or `hvsc/<path>`, as in {@link TuneSummary.id}
 * @throws {@link TuneLibraryError} for an unknown collection, a path leaving it, or a missing file
 */
export async function readTune(
  id: string,
  options: TuneLibraryOptions = {},
): Promise<{ bytes: Uint8Array<ArrayBuffer>; fileName: string }> {
  const slash = id.indexOf('/');
  const source = slash < 0 ? id : id.slice(0, slash);
  const rel = slash < 0 ? '' : id.slice(slash + 1);
  let root: string;
  if (source === 'demo') root = join(options.repoRoot ?? findRepoRoot(), 'tunes', 'sid');
  else if (source === 'hvsc') root = await hvscFolderOrThrow(options);
  else {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `unknown tune collection ${JSON.stringify(source)}; ids start with demo/ or hvsc/`,
    );
  }
  const file = await safeResolve(root, rel);
  if (!isSidName(file)) {
    throw new TuneLibraryError('TUNE_BAD_ID', `${JSON.stringify(id)} is not a .sid file`);
  }
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    throw new TuneLibraryError('TUNE_NOT_FOUND', `no tune ${JSON.stringify(id)}`);
  }
  if (info.size > MAX_TUNE_BYTES) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `${JSON.stringify(id)} is too large to be a SID file`,
    );
  }
  const bytes = new Uint8Array(await readFile(file));
  return { bytes, fileName: file.slice(file.lastIndexOf('/') + 1) };
}

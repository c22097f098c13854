import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { HvscReadError } from './hvsc-read-error.js';

/** A SID file (or an unreadable folder or link) met while walking an HVSC tree. */
export interface FoundSidFile {
  /** HVSC path: relative to the root, `/`-separated, with a leading `/`; folders end in `/`. */
  readonly path: string;
  /** File system path. */
  readonly file: string;
  /** Set when the folder could not be listed or the link could not be followed. */
  readonly error?: HvscReadError;
}

interface Folder {
  readonly file: string;
  readonly path: string;
  listing?: Promise<Dirent[] | HvscReadError>;
}

const sidName = /\.sid$/i;
/** Folder listings started ahead of the walk, so listing latency overlaps file reads. */
const listingsAhead = 16;

function list(folder: Folder): Promise<Dirent[] | HvscReadError> {
  folder.listing ??= readdir(folder.file, { withFileTypes: true }).then(
    (dirents) => dirents,
    (error: unknown) => new HvscReadError(folder.file, error),
  );
  return folder.listing;
}

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * Walks `root` depth-first and yields, folder by folder, every `.sid` file
 * (any letter case): a folder's files in name order, then its subfolders in
 * name order. A symlinked folder is followed only when its real path lies
 * outside the root and outside every linked folder already followed, so link
 * loops end and nothing is walked twice.
 */
export async function* walkSidFiles(
  root: string,
  followSymlinks: boolean,
  signal?: AbortSignal,
): AsyncGenerator<FoundSidFile[]> {
  const rootStat = await stat(root).catch((error: unknown) => new HvscReadError(root, error));
  if (rootStat instanceof HvscReadError) {
    yield [{ path: '/', file: root, error: rootStat }];
    return;
  }
  const walkedRealPaths = followSymlinks ? [await realpath(root)] : [];
  const stack: Folder[] = [{ file: root, path: '/' }];

  while (stack.length > 0) {
    signal?.throwIfAborted();
    const folder = stack.pop()!;
    for (let i = Math.max(0, stack.length - listingsAhead); i < stack.length; i++) list(stack[i]);
    const dirents = await list(folder);
    if (dirents instanceof HvscReadError) {
      yield [{ path: folder.path, file: folder.file, error: dirents }];
      continue;
    }
    // Names in one folder are unique, so the order is total without an equality case.
    dirents.sort((a, b) => (a.name < b.name ? -1 : 1));
    // Plain concatenation: `join` would re-normalise the same prefix for every file.
    const prefix = folder.file.endsWith(sep) ? folder.file : folder.file + sep;
    const found: FoundSidFile[] = [];
    const subfolders: Folder[] = [];
    for (const dirent of dirents) {
      const file = prefix + dirent.name;
      const path = folder.path + dirent.name;
      if (dirent.isFile()) {
        if (sidName.test(dirent.name)) found.push({ path, file });
      } else if (dirent.isDirectory()) {
        subfolders.push({ file, path: `${path}/` });
      } else if (dirent.isSymbolicLink() && followSymlinks) {
        try {
          const target = await stat(file);
          if (target.isFile()) {
            if (sidName.test(dirent.name)) found.push({ path, file });
          } else if (target.isDirectory()) {
            const real = await realpath(file);
            if (!walkedRealPaths.some((walked) => inside(real, walked))) {
              walkedRealPaths.push(real);
              subfolders.push({ file, path: `${path}/` });
            }
          }
        } catch (error) {
          // A dangling or looping link is only worth reporting when it names a tune.
          if (sidName.test(dirent.name))
            found.push({ path, file, error: new HvscReadError(file, error) });
        }
      }
    }
    if (found.length > 0) yield found;
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]);
  }
}

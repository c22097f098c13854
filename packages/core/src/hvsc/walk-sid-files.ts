import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
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
}

const sidName = /\.sid$/i;

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

function byName(a: Dirent, b: Dirent): number {
  // Names in one folder are unique, so the order is total without an equality case.
  return a.name < b.name ? -1 : 1;
}

/**
 * Walks `root` depth-first and yields, folder by folder, every `.sid` file
 * (any letter case): a folder's files in name order, then its subfolders in
 * name order. Every folder listed yields one array, empty when it holds no
 * tune, so a caller can pace the walk (each step is one synchronous listing).
 * A symlinked folder is followed only when its real path lies outside the
 * root and outside every linked folder already followed, so link loops end
 * and nothing is walked twice.
 *
 * The file system calls are synchronous: from a warm cache a listing takes
 * microseconds, far less than a thread-pool round trip.
 */
export function* walkSidFiles(
  root: string,
  followSymlinks: boolean,
): Generator<FoundSidFile[], void, undefined> {
  try {
    statSync(root);
  } catch (error) {
    yield [{ path: '/', file: root, error: new HvscReadError(root, error) }];
    return;
  }
  const walkedRealPaths = followSymlinks ? [realpathSync.native(root)] : [];
  const stack: Folder[] = [{ file: root, path: '/' }];

  while (stack.length > 0) {
    const folder = stack.pop()!;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(folder.file, { withFileTypes: true });
    } catch (error) {
      yield [
        { path: folder.path, file: folder.file, error: new HvscReadError(folder.file, error) },
      ];
      continue;
    }
    dirents.sort(byName);
    // Plain concatenation: `join` would re-normalise the same prefix for every file.
    const prefix = folder.file.endsWith(sep) ? folder.file : folder.file + sep;
    const found: FoundSidFile[] = [];
    const subfolders: Folder[] = [];
    for (const dirent of dirents) {
      const name = dirent.name;
      if (dirent.isFile()) {
        if (sidName.test(name)) found.push({ path: folder.path + name, file: prefix + name });
      } else if (dirent.isDirectory()) {
        subfolders.push({ file: prefix + name, path: `${folder.path}${name}/` });
      } else if (dirent.isSymbolicLink() && followSymlinks) {
        const file = prefix + name;
        const path = folder.path + name;
        try {
          const target = statSync(file);
          if (target.isFile()) {
            if (sidName.test(name)) found.push({ path, file });
          } else if (target.isDirectory()) {
            const real = realpathSync.native(file);
            if (!walkedRealPaths.some((walked) => inside(real, walked))) {
              walkedRealPaths.push(real);
              subfolders.push({ file, path: `${path}/` });
            }
          }
        } catch (error) {
          // A dangling or looping link is only worth reporting when it names a tune.
          if (sidName.test(name)) found.push({ path, file, error: new HvscReadError(file, error) });
        }
      }
    }
    yield found;
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]);
  }
}

import { lstatSync, realpathSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, posix, sep, win32 } from 'node:path';
import { UnsafePathError } from './unsafe-path-error.js';

/**
 * Checks what can be checked without touching the disk and returns the
 * path's segments. Both `/` and `\` count as separators so a path is judged
 * the same on every OS.
 */
function lexicalSegments(userPath: string): string[] {
  if (typeof userPath !== 'string' || userPath.length === 0) {
    throw new UnsafePathError('EMPTY', String(userPath), 'path is empty');
  }
  if (userPath.includes('\0')) {
    throw new UnsafePathError('NUL_BYTE', userPath, 'path contains a NUL byte');
  }
  if (posix.isAbsolute(userPath) || win32.isAbsolute(userPath) || /^[A-Za-z]:/.test(userPath)) {
    throw new UnsafePathError('ABSOLUTE', userPath, 'path must be relative to its root');
  }
  const segments = userPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new UnsafePathError('TRAVERSAL', userPath, 'path must not contain ".."');
  }
  if (segments.length === 0) {
    throw new UnsafePathError('EMPTY', userPath, 'path names no file or folder');
  }
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** A missing path (or one blocked by a file or a symlink loop) has no real path. */
function nullOnMissing(error: unknown): null {
  const code = errno(error);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
  throw error;
}

function rootMissing(root: string, userPath: string): UnsafePathError {
  return new UnsafePathError(
    'ROOT_MISSING',
    userPath,
    `root ${JSON.stringify(root)} does not exist`,
  );
}

function dangling(path: string, userPath: string): UnsafePathError {
  return new UnsafePathError(
    'DANGLING_SYMLINK',
    userPath,
    `${JSON.stringify(path)} is a symlink to nowhere; writing through it could leave the root`,
  );
}

function finish(realRoot: string, realExisting: string, missing: string[], userPath: string) {
  if (!isInside(realRoot, realExisting)) {
    throw new UnsafePathError(
      'SYMLINK_ESCAPE',
      userPath,
      `resolves to ${JSON.stringify(realExisting)}, outside ${JSON.stringify(realRoot)}`,
    );
  }
  return missing.length === 0 ? realExisting : join(realExisting, ...missing);
}

/**
 * Resolves a user-supplied relative path inside `root` and returns its
 * absolute real path. Refuses empty paths, NUL bytes, absolute paths, any
 * `..` segment, and paths whose deepest existing ancestor is (or passes
 * through) a symlink leading outside the root. Parts that do not exist yet
 * are appended to the real path of that ancestor, so the result is safe to
 * create.
 *
 * @param root - the folder the path must stay in; must exist
 * @param userPath - the untrusted relative path
 * @returns the absolute real path inside the root's real path
 * @throws {@link UnsafePathError} with a reason code
 */
export async function resolveSafePath(root: string, userPath: string): Promise<string> {
  const segments = lexicalSegments(userPath);
  const realRoot = await realpath(root).catch(nullOnMissing);
  if (realRoot === null) throw rootMissing(root, userPath);
  // Walk up to the deepest ancestor that exists; its real path decides whether symlinks escape.
  const missing: string[] = [];
  let existing = join(realRoot, ...segments);
  let realExisting = await realpath(existing).catch(nullOnMissing);
  while (realExisting === null) {
    const isLink = await lstat(existing).then(
      () => true,
      () => false,
    );
    if (isLink) throw dangling(existing, userPath);
    missing.unshift(basename(existing));
    existing = dirname(existing);
    realExisting = await realpath(existing).catch(nullOnMissing);
  }
  return finish(realRoot, realExisting, missing, userPath);
}

/**
 * Synchronous {@link resolveSafePath}, for code paths that cannot await.
 *
 * @param root - the folder the path must stay in; must exist
 * @param userPath - the untrusted relative path
 * @returns the absolute real path inside the root's real path
 * @throws {@link UnsafePathError} with a reason code
 */
export function resolveSafePathSync(root: string, userPath: string): string {
  const segments = lexicalSegments(userPath);
  const real = (path: string): string | null => {
    try {
      return realpathSync(path);
    } catch (error) {
      return nullOnMissing(error);
    }
  };
  const realRoot = real(root);
  if (realRoot === null) throw rootMissing(root, userPath);
  const missing: string[] = [];
  let existing = join(realRoot, ...segments);
  let realExisting = real(existing);
  while (realExisting === null) {
    let isLink = true;
    try {
      lstatSync(existing);
    } catch {
      isLink = false;
    }
    if (isLink) throw dangling(existing, userPath);
    missing.unshift(basename(existing));
    existing = dirname(existing);
    realExisting = real(existing);
  }
  return finish(realRoot, realExisting, missing, userPath);
}

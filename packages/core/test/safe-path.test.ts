import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  resolveSafePath,
  resolveSafePathSync,
  UnsafePathError,
  type UnsafePathReason,
} from '../src/paths/index.js';

const temp = realpathSync(mkdtempSync(join(tmpdir(), 'sidflow-paths-')));
const root = join(temp, 'root');
const outside = join(temp, 'outside');

beforeAll(() => {
  mkdirSync(join(root, 'music/sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'music/tune.sid'), 'x');
  writeFileSync(join(outside, 'secret'), 's');
  symlinkSync(outside, join(root, 'escape-dir'));
  symlinkSync(join(outside, 'secret'), join(root, 'escape-file'));
  symlinkSync(join(root, 'music'), join(root, 'inner-link'));
  symlinkSync(join(temp, 'nowhere'), join(root, 'dangling'));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  // The root itself reached through a symlink: results are real paths.
  symlinkSync(root, join(temp, 'root-link'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const variants = [
  ['resolveSafePath', resolveSafePath],
  ['resolveSafePathSync', async (r: string, p: string) => resolveSafePathSync(r, p)],
] as const;

describe.each(variants)('%s', (_name, resolve) => {
  async function reason(rootDir: string, userPath: string): Promise<UnsafePathReason> {
    try {
      await resolve(rootDir, userPath);
    } catch (error) {
      expect(error).toBeInstanceOf(UnsafePathError);
      expect((error as UnsafePathError).code).toBe('UNSAFE_PATH');
      expect((error as UnsafePathError).userPath).toBe(userPath);
      return (error as UnsafePathError).reason;
    }
    throw new Error(`expected ${JSON.stringify(userPath)} to be refused`);
  }

  it('resolves existing and not-yet-existing paths inside the root', async () => {
    expect(await resolve(root, 'music/tune.sid')).toBe(join(root, 'music/tune.sid'));
    expect(await resolve(root, './music//sub/')).toBe(join(root, 'music/sub'));
    expect(await resolve(root, 'music\\tune.sid')).toBe(join(root, 'music/tune.sid'));
    expect(await resolve(root, 'new/deeper/file.json')).toBe(join(root, 'new/deeper/file.json'));
  });

  it('follows symlinks that stay inside the root, returning real paths', async () => {
    expect(await resolve(root, 'inner-link/tune.sid')).toBe(join(root, 'music/tune.sid'));
    expect(await resolve(root, 'inner-link/new.sid')).toBe(join(root, 'music/new.sid'));
    expect(await resolve(join(temp, 'root-link'), 'music')).toBe(join(root, 'music'));
  });

  it('accepts a relative root', async () => {
    const rel = relative(process.cwd(), root);
    expect(await resolve(rel, 'music')).toBe(join(root, 'music'));
  });

  it('refuses empty paths, NUL bytes and absolute paths', async () => {
    expect(await reason(root, '')).toBe('EMPTY');
    expect(await reason(root, '.')).toBe('EMPTY');
    expect(await reason(root, './/')).toBe('EMPTY');
    expect(await reason(root, 'music/\0x')).toBe('NUL_BYTE');
    expect(await reason(root, '/etc/passwd')).toBe('ABSOLUTE');
    expect(await reason(root, '\\\\server\\share')).toBe('ABSOLUTE');
    expect(await reason(root, 'C:\\Windows')).toBe('ABSOLUTE');
    expect(await reason(root, 'c:relative')).toBe('ABSOLUTE');
  });

  it('refuses any .. segment, even one that would stay inside', async () => {
    expect(await reason(root, '../outside/secret')).toBe('TRAVERSAL');
    expect(await reason(root, 'music/../../outside')).toBe('TRAVERSAL');
    expect(await reason(root, 'music/../music/tune.sid')).toBe('TRAVERSAL');
    expect(await reason(root, 'music\\..\\..\\x')).toBe('TRAVERSAL');
  });

  it('refuses symlinks whose real path leaves the root', async () => {
    expect(await reason(root, 'escape-dir')).toBe('SYMLINK_ESCAPE');
    expect(await reason(root, 'escape-dir/secret')).toBe('SYMLINK_ESCAPE');
    expect(await reason(root, 'escape-dir/not-yet/file')).toBe('SYMLINK_ESCAPE');
    expect(await reason(root, 'escape-file')).toBe('SYMLINK_ESCAPE');
  });

  it('refuses dangling and looping symlinks', async () => {
    expect(await reason(root, 'dangling')).toBe('DANGLING_SYMLINK');
    expect(await reason(root, 'dangling/x')).toBe('DANGLING_SYMLINK');
    expect(await reason(root, 'loop-a')).toBe('DANGLING_SYMLINK');
  });

  it('refuses a missing root', async () => {
    expect(await reason(join(temp, 'no-root'), 'a')).toBe('ROOT_MISSING');
  });

  it('appends missing parts below a file without touching the disk', async () => {
    expect(await resolve(root, 'music/tune.sid/x')).toBe(join(root, 'music/tune.sid/x'));
  });

  it('names the reason and path in the message', async () => {
    await expect(resolve(root, '../x')).rejects.toThrow('unsafe path "../x" (TRAVERSAL)');
  });
});

describe('non-string input', () => {
  it('is refused as EMPTY', async () => {
    await expect(resolveSafePath(root, undefined as unknown as string)).rejects.toMatchObject({
      reason: 'EMPTY',
    });
  });
});

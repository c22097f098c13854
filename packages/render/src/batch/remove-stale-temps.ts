import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]+\.partial(?:\.sidplayfp\.wav|\.sid)?$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes temporary render files (`.NAME.PID-RANDOM.partial`) left under
 * `dir` by processes that no longer run, e.g. a batch that was killed.
 * Files of running processes are left alone.
 *
 * @returns how many files were removed
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const e of entries) {
    const m = e.isFile() ? TEMP_NAME.exec(e.name) : null;
    if (!m || alive(Number(m[1]))) continue;
    const parent =
      (e as unknown as { parentPath?: string; path?: string }).parentPath ??
      (e as unknown as { path: string }).path;
    await unlink(join(parent, e.name)).then(
      () => removed++,
      () => {},
    );
  }
  return removed;
}

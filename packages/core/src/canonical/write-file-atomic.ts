import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Flushes a directory entry so a rename survives power loss. Some file
 * systems (and Windows) refuse to open or fsync directories; the rename
 * itself is still atomic there, so those refusals are ignored.
 */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EACCES') {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces a file's content atomically: readers see the old content or the
 * new one, never a mix. Writes a temporary file in the same folder (so the
 * rename stays on one file system), fsyncs it, renames it over `path` and
 * fsyncs the folder. On failure the temporary file is removed and the
 * original is untouched.
 *
 * @param path - the file to write; its folder must exist
 * @param data - the new content; strings are written as UTF-8
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await fsyncDirectory(dir);
}

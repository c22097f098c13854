import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { RenderError } from '../errors/render-error.js';

/** A tune found under a batch's input, with its folder relative to the input root. */
export interface FoundTune {
  /** The SID file. */
  readonly file: string;
  /** Its folder relative to the input root (`''` for the root itself). */
  readonly relativeDir: string;
}

/**
 * Lists the `.sid` files (any letter case) of a file or folder, sorted by
 * path so batches run in a stable order.
 *
 * @param input - a SID file or a folder to search recursively
 * @throws {@link RenderError} `RENDER_BAD_OPTION` when the input does not exist
 */
export async function findTunes(input: string): Promise<FoundTune[]> {
  const s = await stat(input).catch(() => null);
  if (!s) throw new RenderError('RENDER_BAD_OPTION', `${input}: no such file or folder`);
  if (s.isFile()) return [{ file: input, relativeDir: '' }];
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  const tunes: FoundTune[] = [];
  for (const e of entries) {
    if (!e.isFile() || !/\.sid$/i.test(e.name)) continue;
    // Node 20 names the folder `path`; later versions `parentPath`.
    const parent =
      (e as unknown as { parentPath?: string; path?: string }).parentPath ??
      (e as unknown as { path: string }).path;
    tunes.push({ file: join(parent, e.name), relativeDir: relative(input, parent) });
  }
  return tunes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

import { readFile } from 'node:fs/promises';

/**
 * Reads a tune file for the facade's `{ path }` sources: pass it as
 * `readPath` to `createPlaybackService`.
 */
export async function readTuneFile(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path, { signal }));
}

import { parseSidFile } from '@sidflow/core';
import { readTune } from './tune-library';
import { TuneLibraryError } from './tune-library-error';
import { renderWav, type WavRender } from './wav-render';

/** Seconds rendered when the request names no length (the demo tunes have no Songlengths entry). */
export const DEFAULT_RENDER_SECONDS = 120;
/** Longest render the server agrees to make on demand. */
export const MAX_RENDER_SECONDS = 600;
/** Renders kept in memory (about 10 MB per two minutes). */
const CACHE_SIZE = 4;

const renders = new Map<string, WavRender>();

/**
 * The WAV render of one song of a library tune, made on first request with
 * the engine and kept for the next few requests (media elements fetch a file
 * in several ranges). A prepared render from `@sidflow/render` would be
 * served from disk instead; until the render cache exists this is how the
 * streaming adapter gets audio.
 */
export async function wavRenderFor(
  id: string,
  song: number | null,
  seconds: number,
): Promise<WavRender> {
  if (!(seconds > 0 && seconds <= MAX_RENDER_SECONDS)) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `seconds must be 1..${MAX_RENDER_SECONDS}, got ${seconds}`,
    );
  }
  const { bytes } = await readTune(id);
  let sid: ReturnType<typeof parseSidFile>;
  try {
    sid = parseSidFile(bytes);
  } catch (error) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `${id} is not a playable SID file: ${(error as Error).message}`,
    );
  }
  const chosen = song ?? sid.startSong;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > sid.songs) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `song must be 1..${sid.songs} for ${id}, got ${song}`,
    );
  }
  const key = `${id}#${chosen}#${seconds}`;
  let render = renders.get(key);
  if (!render) {
    render = renderWav(bytes, { song: chosen, seconds });
    renders.set(key, render);
    render.done.catch(() => renders.delete(key));
    while (renders.size > CACHE_SIZE) renders.delete(renders.keys().next().value!);
  } else {
    // Most recently used last.
    renders.delete(key);
    renders.set(key, render);
  }
  return render;
}

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

/** What `/api/playback/<id>/manifest` returns: the shape of a render availability manifest. */
export interface PlaybackManifest {
  /** The tune id. */
  readonly id: string;
  /** One entry per song, each renderable as WAV on demand. */
  readonly renders: readonly {
    readonly song: number;
    readonly seconds: number;
    readonly files: readonly { readonly format: 'wav' }[];
  }[];
}

async function readPlayableTune(id: string) {
  const { bytes } = await readTune(id);
  try {
    return { bytes, sid: parseSidFile(bytes) };
  } catch (error) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `${id} is not a playable SID file: ${(error as Error).message}`,
    );
  }
}

/**
 * The formats the server can stream for every song of a library tune, in the
 * shape of `@sidflow/render`'s availability manifest (which the streaming
 * adapter reads): WAV, rendered on demand, for each song.
 */
export async function playbackManifest(id: string): Promise<PlaybackManifest> {
  const { sid } = await readPlayableTune(id);
  return {
    id,
    renders: Array.from({ length: sid.songs }, (_, i) => ({
      song: i + 1,
      seconds: DEFAULT_RENDER_SECONDS,
      files: [{ format: 'wav' as const }],
    })),
  };
}

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
  const { bytes, sid } = await readPlayableTune(id);
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

import { parseSidFile, SidflowError } from '@sidflow/core';
import { PlaybackError } from './playback-error.js';
import type { TuneInfo } from './types.js';

/**
 * Reads the header facts of a PSID/RSID file.
 *
 * @throws PlaybackError `PLAYBACK_BAD_TUNE` when the bytes are not a SID tune
 */
export function readTuneInfo(bytes: Uint8Array, name = 'the file'): TuneInfo {
  try {
    const sid = parseSidFile(bytes);
    return {
      title: sid.name,
      author: sid.author,
      released: sid.released,
      songs: sid.songs,
      startSong: sid.startSong,
      format: sid.format,
      clock: sid.clock,
      sidModel: sid.sidModel,
    };
  } catch (error) {
    const detail = error instanceof SidflowError ? error.message : String(error);
    throw new PlaybackError(
      'PLAYBACK_BAD_TUNE',
      `${name} is not a playable SID tune (${detail}). Choose a PSID or RSID file.`,
      { cause: error },
    );
  }
}

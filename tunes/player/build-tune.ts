import {
  createSidFile,
  type SidFile,
  writeSidFile,
} from '../../packages/core/src/sid-file/index.js';
import { type AssembledProgram, assemble } from '../assembler/index.js';
import type { Song } from '../songs/song.js';
import { compileSongData } from './compile-song-data.js';
import { DIGI_DIVIDER, DIGI_LATCH } from './digi-samples.js';
import { PLAYER_SOURCE } from './player-source.js';

/** Where every demo tune loads and where its init routine starts. */
export const LOAD_ADDRESS = 0x1000;

/** A demo tune built from its song: the assembled program and the PSID file around it. */
export interface BuiltTune {
  /** The song it was built from. */
  readonly song: Song;
  /** The assembled player plus song data (symbols included, for inspection and tests). */
  readonly program: AssembledProgram;
  /** The PSID file model. */
  readonly sid: SidFile;
  /** The PSID file bytes as written to `tunes/sid/<fileName>.sid`. */
  readonly bytes: Uint8Array;
}

/**
 * Assembles the player with `song`'s data and wraps it in a PSID v2 header: PAL, the
 * song's SID model, init at the load address and play 3 bytes on (the player's jump table
 * to `init` and `tick`), and the speed
 * bit set for the CIA-timed digi subtunes.
 * @throws AssemblerError or SongDataError when the song or player does not assemble
 */
export function buildTune(song: Song): BuiltTune {
  const source = PLAYER_SOURCE + compileSongData(song);
  const program = assemble(source, {
    symbols: { LOAD_ADDRESS, DIGI_LATCH, DIGI_DIVIDER },
  });
  const sid = createSidFile({
    name: song.title,
    author: song.author,
    released: song.released,
    loadAddress: program.origin,
    initAddress: LOAD_ADDRESS,
    playAddress: LOAD_ADDRESS + 3,
    songs: song.subtunes.length,
    startSong: 1,
    speed: song.subtunes.map((subtune) => (subtune.digi ? 'cia' : 'vbi')),
    clock: 'PAL',
    sidModel: song.sidModel,
    data: program.bytes,
  });
  return { song, program, sid, bytes: writeSidFile(sid) };
}

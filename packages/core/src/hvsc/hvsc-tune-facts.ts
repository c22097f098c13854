import type { SidFile } from '../sid-file/index.js';

/**
 * What an HVSC index keeps of a tune's PSID/RSID header: every decoded header
 * field of {@link SidFile}, without the C64 data and source bytes (so a
 * 60,000-entry index does not hold every tune in memory).
 */
export type HvscTuneFacts = Omit<SidFile, 'data' | 'source'> & {
  /** Length in bytes of the C64 data (without the two load address bytes). */
  readonly dataSize: number;
};

/** Drops the bulky parts of a parsed SID file, keeping its header facts. */
export function hvscTuneFacts(sid: SidFile): HvscTuneFacts {
  // Field by field rather than rest/spread: the index builds one per tune, and
  // copying a literal of known shape is several times cheaper than a rest copy.
  return {
    format: sid.format,
    version: sid.version,
    loadAddress: sid.loadAddress,
    loadAddressInData: sid.loadAddressInData,
    initAddress: sid.initAddress,
    playAddress: sid.playAddress,
    songs: sid.songs,
    startSong: sid.startSong,
    speed: sid.speed,
    name: sid.name,
    author: sid.author,
    released: sid.released,
    musData: sid.musData,
    psidSpecific: sid.psidSpecific,
    basic: sid.basic,
    clock: sid.clock,
    sidModel: sid.sidModel,
    secondSidModel: sid.secondSidModel,
    thirdSidModel: sid.thirdSidModel,
    relocStartPage: sid.relocStartPage,
    relocPages: sid.relocPages,
    secondSidAddress: sid.secondSidAddress,
    thirdSidAddress: sid.thirdSidAddress,
    warnings: sid.warnings,
    dataSize: sid.data.length,
  };
}

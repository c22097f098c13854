import { SidFileError } from './sid-file-error.js';
import type { SidFile, SongSpeed } from './types.js';

/** Songs after the 32nd have no bit of their own in the speed field: they share bit 31. */
const LAST_SPEED_BIT = 31;

/**
 * How `song` (1-based) is timed. RSID tunes always count as CIA-timed: they set up their own
 * interrupts. PSID song n uses speed bit n-1; songs past 32 use bit 31 (libsidplayfp does so).
 * @throws SidFileError `SID_NO_SUCH_SONG` when `song` is outside 1..songs
 */
export function songSpeed(
  sid: Pick<SidFile, 'format' | 'speed' | 'songs'>,
  song: number,
): SongSpeed {
  if (!Number.isInteger(song) || song < 1 || song > sid.songs) {
    throw new SidFileError('SID_NO_SUCH_SONG', 'song', `must be 1..${sid.songs}, got ${song}`);
  }
  if (sid.format === 'RSID') return 'cia';
  const bit = Math.min(song - 1, LAST_SPEED_BIT);
  return ((sid.speed >>> bit) & 1) === 1 ? 'cia' : 'vbi';
}

import { assertWritable } from './assert-writable.js';
import { SidFileError } from './sid-file-error.js';
import type { CreateSidFileOptions, SidFile, SongSpeed } from './types.js';
import { validateSidFile } from './validate-sid-file.js';

/** Songs after the 32nd share the speed field's last bit. */
const SHARED_SPEED_BIT = 31;

function speedField(speed: CreateSidFileOptions['speed'], songs: number): number {
  if (speed === undefined) return 0;
  if (typeof speed === 'number') return speed;
  if (speed.length > songs) {
    throw new SidFileError(
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
      `has ${speed.length} entries for ${songs} song(s)`,
    );
  }
  let field = 0;
  const shared = new Set<SongSpeed>();
  speed.forEach((entry, index) => {
    if (entry !== 'vbi' && entry !== 'cia') {
      throw new SidFileError(
        'SID_VALUE_OUT_OF_RANGE',
        'speed',
        `entry ${index} must be 'vbi' or 'cia', got ${String(entry)}`,
      );
    }
    if (index >= SHARED_SPEED_BIT) shared.add(entry);
    if (entry === 'cia') field |= 1 << Math.min(index, SHARED_SPEED_BIT);
  });
  // Songs listed past the array are 'vbi', which conflicts with a 'cia' shared bit.
  if (speed.length > SHARED_SPEED_BIT && speed.length < songs) {
    shared.add('vbi');
  }
  if (shared.size > 1) {
    throw new SidFileError(
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
      'songs 32 and up share one speed bit, so they must all have the same speed',
    );
  }
  return field >>> 0;
}

/**
 * Builds a new PSID file from its fields and C64 data: version 2, or 3 with a second SID,
 * 4 with a third. Pass the result to `writeSidFile` to get the file bytes.
 * @example
 * ```ts
 * const sid = createSidFile({
 *   name: 'Demo', author: 'SIDFlow', released: '2026 SIDFlow',
 *   loadAddress: 0x1000, initAddress: 0x1000, playAddress: 0x1003,
 *   songs: 2, speed: ['vbi', 'cia'], clock: 'PAL', sidModel: '8580',
 *   data: new Uint8Array([0x60, 0x60, 0x60, 0x60]),
 * });
 * const bytes = writeSidFile(sid);
 * ```
 * @throws SidFileError when a field cannot be stored or the file would break a format rule
 */
export function createSidFile(options: CreateSidFileOptions): SidFile {
  const songs = options.songs ?? 1;
  const secondSidAddress = options.secondSidAddress ?? null;
  const thirdSidAddress = options.thirdSidAddress ?? null;
  const sid: SidFile = {
    format: 'PSID',
    version: thirdSidAddress !== null ? 4 : secondSidAddress !== null ? 3 : 2,
    loadAddress: options.loadAddress,
    loadAddressInData: options.loadAddressInData ?? true,
    initAddress: options.initAddress,
    playAddress: options.playAddress,
    songs,
    startSong: options.startSong ?? 1,
    speed: speedField(options.speed, songs),
    name: options.name ?? '',
    author: options.author ?? '',
    released: options.released ?? '',
    musData: false,
    psidSpecific: options.psidSpecific ?? false,
    basic: false,
    clock: options.clock ?? 'PAL',
    sidModel: options.sidModel ?? '6581',
    secondSidModel: options.secondSidModel ?? 'unknown',
    thirdSidModel: options.thirdSidModel ?? 'unknown',
    relocStartPage: options.relocStartPage ?? 0,
    relocPages: options.relocPages ?? 0,
    secondSidAddress,
    thirdSidAddress,
    data: options.data,
    source: null,
    warnings: [],
  };
  assertWritable(sid);
  const [problem] = validateSidFile(sid);
  if (problem) throw problem;
  return sid;
}

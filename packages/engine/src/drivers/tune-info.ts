import { SidflowError } from '@sidflow/core';

/** A SID model as a tune header states it. */
export type HeaderSidModel = 'unknown' | '6581' | '8580' | 'both';

/** A video standard as a tune header states it. */
export type HeaderClock = 'unknown' | 'PAL' | 'NTSC' | 'PAL+NTSC';

/**
 * The header fields the drivers need, by the names of core's `SidFile`, so a
 * parsed `SidFile` can be passed as is.
 */
export interface TuneSource {
  /** `PSID` or `RSID`. */
  readonly format: 'PSID' | 'RSID';
  /** Header version 1–4. */
  readonly version: number;
  /** Load address of the C64 data. */
  readonly loadAddress: number;
  /** Init address as stored (0 = load address). */
  readonly initAddress: number;
  /** Play address (0 = the tune installs its own interrupt handler). */
  readonly playAddress: number;
  /** Number of songs. */
  readonly songs: number;
  /** Default song, 1-based. */
  readonly startSong: number;
  /** 32-bit speed field (bit n set = song n+1 on CIA). */
  readonly speed: number;
  /** PSID flags bit 1. */
  readonly psidSpecific: boolean;
  /** RSID flags bit 1 (C64 BASIC program). */
  readonly basic: boolean;
  /** Video standard. */
  readonly clock: HeaderClock;
  /** First SID model. */
  readonly sidModel: HeaderSidModel;
  /** Second SID model. */
  readonly secondSidModel: HeaderSidModel;
  /** Third SID model. */
  readonly thirdSidModel: HeaderSidModel;
  /** First free page for the driver (0 = find one, 0xFF = none). */
  readonly relocStartPage: number;
  /** Free pages from relocStartPage. */
  readonly relocPages: number;
  /** Second SID base address or null. */
  readonly secondSidAddress: number | null;
  /** Third SID base address or null. */
  readonly thirdSidAddress: number | null;
  /** C64 data (without load address bytes). */
  readonly data: Uint8Array;
}

/**
 * How a tune expects to be run, as libsidplayfp classifies it: `c64` (PSID v2+
 * written for a real C64 environment), `psid` (PSID v1 or PlaySID-specific),
 * `r64` (RSID), `basic` (RSID BASIC program).
 */
export type TuneCompatibility = 'c64' | 'psid' | 'r64' | 'basic';

/** Thrown when bytes are not a PSID/RSID file the engine can run. */
export class InvalidTuneError extends SidflowError {
  /** @param message - what is wrong with the file */
  constructor(message: string) {
    super('ENGINE_INVALID_TUNE', message);
  }
}

/** The compatibility class of a tune. */
export function tuneCompatibility(tune: TuneSource): TuneCompatibility {
  if (tune.format === 'RSID') return tune.basic ? 'basic' : 'r64';
  return tune.version === 1 || tune.psidSpecific ? 'psid' : 'c64';
}

/**
 * Whether `song` (1-based) plays on CIA 1 timer A rather than the VBI, the way
 * libsidplayfp reads the speed field: RSIDs always use the CIA; PlaySID-specific
 * PSIDs wrap the bit index modulo 32; others use bit 31 for songs past 32.
 */
export function songUsesCia(tune: TuneSource, song: number): boolean {
  const compatibility = tuneCompatibility(tune);
  if (compatibility === 'r64' || compatibility === 'basic') return true;
  const bit = compatibility === 'psid' ? (song - 1) & 31 : Math.min(song - 1, 31);
  return ((tune.speed >>> bit) & 1) !== 0;
}

/** Base addresses of every SID the tune uses, $D400 first. */
export function tuneSidAddresses(tune: TuneSource): number[] {
  const addresses = [0xd400];
  if (tune.secondSidAddress !== null) addresses.push(tune.secondSidAddress);
  if (tune.thirdSidAddress !== null && tune.secondSidAddress !== null) {
    addresses.push(tune.thirdSidAddress);
  }
  return addresses;
}

function decodeModel(bits: number): HeaderSidModel {
  return (['unknown', '6581', '8580', 'both'] as const)[bits & 3];
}

function decodeClock(bits: number): HeaderClock {
  return (['unknown', 'PAL', 'NTSC', 'PAL+NTSC'] as const)[bits & 3];
}

/** Whether an extra-SID header byte names a usable address (libsidplayfp's rule). */
function extraSidAddress(byte: number): number | null {
  if ((byte & 1) !== 0 || byte <= 0x41 || (byte >= 0x80 && byte <= 0xdf)) return null;
  return 0xd000 | (byte << 4);
}

/**
 * Reads the header fields the drivers need from PSID/RSID bytes, as leniently
 * as libsidplayfp (real tunes bending the rules still play).
 *
 * @throws InvalidTuneError when the magic, version or sizes make the file unusable
 */
export function readTuneSource(bytes: Uint8Array): TuneSource {
  if (bytes.length < 0x78) throw new InvalidTuneError(`file of ${bytes.length} bytes is too short`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== 'PSID' && magic !== 'RSID') {
    throw new InvalidTuneError(`magic "${magic}" is neither PSID nor RSID`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4);
  if (version < 1 || version > 4 || (magic === 'RSID' && version === 1)) {
    throw new InvalidTuneError(`${magic} version ${version} is not supported`);
  }
  const dataOffset = view.getUint16(6);
  let loadAddress = view.getUint16(8);
  let data = bytes.subarray(Math.min(dataOffset, bytes.length));
  if (loadAddress === 0) {
    if (data.length < 2) throw new InvalidTuneError('no load address in front of the data');
    loadAddress = data[0] | (data[1] << 8);
    data = data.subarray(2);
  }
  if (data.length === 0) throw new InvalidTuneError('the file holds no C64 data');
  let flags = 0;
  let relocStartPage = 0;
  let relocPages = 0;
  let second: number | null = null;
  let third: number | null = null;
  if (version >= 2 && bytes.length >= 0x7c) {
    flags = view.getUint16(0x76);
    relocStartPage = bytes[0x78];
    relocPages = bytes[0x79];
    if (version >= 3) second = extraSidAddress(bytes[0x7a]);
    if (version >= 4) third = extraSidAddress(bytes[0x7b]);
  }
  const songs = Math.min(Math.max(view.getUint16(14), 1), 256);
  const start = view.getUint16(16);
  return {
    format: magic,
    version,
    loadAddress,
    initAddress: view.getUint16(10),
    playAddress: view.getUint16(12) === 0xffff ? 0 : view.getUint16(12),
    songs,
    startSong: start >= 1 && start <= songs ? start : 1,
    speed: view.getUint32(18),
    psidSpecific: magic === 'PSID' && (flags & 2) !== 0,
    basic: magic === 'RSID' && (flags & 2) !== 0,
    clock: decodeClock(flags >> 2),
    sidModel: decodeModel(flags >> 4),
    secondSidModel: decodeModel(flags >> 6),
    thirdSidModel: decodeModel(flags >> 8),
    relocStartPage,
    relocPages,
    secondSidAddress: second,
    thirdSidAddress: second === null ? null : third,
    data,
  };
}

import { assertWritable, encodeHeaderString } from './assert-writable.js';
import { encodeExtraSidAddress } from './extra-sid-address.js';
import { decodeSidBytes } from './parse-sid-file.js';
import { encodeSidClock, encodeSidModel } from './sid-flags.js';
import { SidHeaderOffset as At, headerSizeOf, SID_STRING_BYTES } from './sid-header-layout.js';
import type { SidFile } from './types.js';

/** The model `sid.source` decodes to, when it can stand in for unchanged fields. */
function unchangedBase(sid: SidFile): SidFile | null {
  if (!sid.source) return null;
  let base: SidFile;
  try {
    base = decodeSidBytes(sid.source, false);
  } catch {
    return null;
  }
  // Another format or version gives flag bits and reserved bytes other meanings.
  return base.format === sid.format && base.version === sid.version ? base : null;
}

/** PSID flags bit 1 means PlaySID-specific, RSID flags bit 1 means C64 BASIC. */
function flagBit1(sid: SidFile): boolean {
  return sid.format === 'PSID' ? sid.psidSpecific : sid.basic;
}

/**
 * Encodes a SID file. A file from `parseSidFile` is written back byte for byte; for one
 * whose fields were changed (`{ ...sid, name: 'New' }`), every changed field is encoded
 * fresh and every other keeps its original bytes (reserved bits, text after a string's NUL,
 * out-of-range values the parser normalised). Changing the format or version encodes the
 * whole header fresh.
 *
 * Format rules are not enforced here, so a tolerated file round-trips; check a file you built
 * by hand with `validateSidFile` first, or build it with `createSidFile`.
 * @throws SidFileError when a field cannot be stored in its format and version, or the data
 *   is empty or runs past $FFFF
 */
export function writeSidFile(sid: SidFile): Uint8Array {
  assertWritable(sid);
  const base = unchangedBase(sid);
  const headerSize = headerSizeOf(sid.version);
  const prefix = sid.loadAddressInData ? 2 : 0;
  const out = new Uint8Array(headerSize + prefix + sid.data.length);
  const view = new DataView(out.buffer);
  if (base?.source) out.set(base.source.subarray(0, headerSize));
  const changed = (field: keyof SidFile) => base === null || base[field] !== sid[field];

  for (let i = 0; i < 4; i++) out[At.magic + i] = sid.format.charCodeAt(i);
  view.setUint16(At.version, sid.version);
  view.setUint16(At.dataOffset, headerSize);
  view.setUint16(At.loadAddress, sid.loadAddressInData ? 0 : sid.loadAddress);
  view.setUint16(At.initAddress, sid.initAddress);
  view.setUint16(At.playAddress, sid.playAddress);
  if (changed('songs')) view.setUint16(At.songs, sid.songs);
  if (changed('startSong')) view.setUint16(At.startSong, sid.startSong);
  view.setUint32(At.speed, sid.speed);
  for (const field of ['name', 'author', 'released'] as const) {
    if (!changed(field)) continue;
    out.fill(0, At[field], At[field] + SID_STRING_BYTES);
    out.set(encodeHeaderString(field, sid[field]), At[field]);
  }

  if (sid.version >= 2) {
    let flags = view.getUint16(At.flags);
    const setBits = (shift: number, width: number, value: number) => {
      const mask = ((1 << width) - 1) << shift;
      flags = (flags & ~mask) | (value << shift);
    };
    if (changed('musData')) setBits(0, 1, sid.musData ? 1 : 0);
    if (base === null || flagBit1(base) !== flagBit1(sid)) setBits(1, 1, flagBit1(sid) ? 1 : 0);
    if (changed('clock')) setBits(2, 2, encodeSidClock(sid.clock));
    if (changed('sidModel')) setBits(4, 2, encodeSidModel(sid.sidModel));
    if (sid.version >= 3 && changed('secondSidModel')) {
      setBits(6, 2, encodeSidModel(sid.secondSidModel));
    }
    if (sid.version >= 4 && changed('thirdSidModel')) {
      setBits(8, 2, encodeSidModel(sid.thirdSidModel));
    }
    view.setUint16(At.flags, flags);
    out[At.relocStartPage] = sid.relocStartPage;
    out[At.relocPages] = sid.relocPages;
    if (sid.version >= 3 && changed('secondSidAddress')) {
      out[At.secondSidAddress] = extraSidByte(sid.secondSidAddress);
    }
    if (sid.version >= 4 && changed('thirdSidAddress')) {
      out[At.thirdSidAddress] = extraSidByte(sid.thirdSidAddress);
    }
  }

  if (prefix) {
    out[headerSize] = sid.loadAddress & 0xff;
    out[headerSize + 1] = sid.loadAddress >> 8;
  }
  out.set(sid.data, headerSize + prefix);
  return out;
}

function extraSidByte(address: number | null): number {
  return address === null ? 0 : (encodeExtraSidAddress(address) ?? 0);
}

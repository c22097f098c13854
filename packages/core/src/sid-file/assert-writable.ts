import { encodeExtraSidAddress } from './extra-sid-address.js';
import { hex } from './hex.js';
import { SidFileError, type SidFileField } from './sid-file-error.js';
import { encodeSidClock, encodeSidModel } from './sid-flags.js';
import { C64_MEMORY_SIZE, SID_STRING_BYTES } from './sid-header-layout.js';
import { encodeSidString } from './sid-string.js';
import type { SidFile } from './types.js';
import { badExtraSid } from './validate-sid-file.js';

function assertUint(field: SidFileField, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new SidFileError(
      'SID_VALUE_OUT_OF_RANGE',
      field,
      `must be an integer 0..${max}, got ${String(value)}`,
    );
  }
}

/** Windows-1252 bytes of a header string, or a thrown error naming the field. */
export function encodeHeaderString(
  field: 'name' | 'author' | 'released',
  text: string,
): Uint8Array {
  const encoded = encodeSidString(text);
  if (typeof encoded === 'number') {
    const code = text.codePointAt(encoded) ?? 0;
    throw new SidFileError(
      'SID_STRING_NOT_ENCODABLE',
      field,
      `character U+${code.toString(16).toUpperCase().padStart(4, '0')} at index ${encoded} has no Windows-1252 byte`,
    );
  }
  if (encoded.length > SID_STRING_BYTES) {
    throw new SidFileError(
      'SID_STRING_NOT_ENCODABLE',
      field,
      `is ${encoded.length} characters, at most ${SID_STRING_BYTES} fit: ${JSON.stringify(text)}`,
    );
  }
  return encoded;
}

function notInVersion(field: SidFileField, what: string, sid: SidFile): SidFileError {
  return new SidFileError(
    'SID_FIELD_NOT_IN_VERSION',
    field,
    `${what} cannot be stored in a ${sid.format} v${sid.version} file`,
  );
}

/**
 * Throws a {@link SidFileError} when a field of `sid` cannot be stored in a header of its
 * format and version, or when its data cannot be loaded. It does not enforce the other format
 * rules (`validateSidFile` lists those), so a file parsed with warnings can be written back.
 */
export function assertWritable(sid: SidFile): void {
  if (sid.format !== 'PSID' && sid.format !== 'RSID') {
    throw new SidFileError(
      'SID_BAD_MAGIC',
      'magic',
      `must be PSID or RSID, got ${String(sid.format)}`,
    );
  }
  const lowestVersion = sid.format === 'RSID' ? 2 : 1;
  if (!Number.isInteger(sid.version) || sid.version < lowestVersion || sid.version > 4) {
    throw new SidFileError(
      'SID_BAD_VERSION',
      'version',
      `${sid.format} version must be ${lowestVersion}–4, got ${String(sid.version)}`,
    );
  }
  assertUint('loadAddress', sid.loadAddress, 0xffff);
  if (sid.loadAddress === 0 && !sid.loadAddressInData) {
    throw new SidFileError(
      'SID_VALUE_OUT_OF_RANGE',
      'loadAddress',
      'a header load address of 0 means "in the data": load address $0000 must be stored there',
    );
  }
  assertUint('initAddress', sid.initAddress, 0xffff);
  assertUint('playAddress', sid.playAddress, 0xffff);
  assertUint('songs', sid.songs, 0xffff);
  assertUint('startSong', sid.startSong, 0xffff);
  assertUint('speed', sid.speed, 0xffffffff);
  encodeHeaderString('name', sid.name);
  encodeHeaderString('author', sid.author);
  encodeHeaderString('released', sid.released);
  assertUint('relocStartPage', sid.relocStartPage, 0xff);
  assertUint('relocPages', sid.relocPages, 0xff);
  if (encodeSidClock(sid.clock) < 0) {
    throw new SidFileError('SID_VALUE_OUT_OF_RANGE', 'flags', `unknown clock ${String(sid.clock)}`);
  }
  for (const model of [sid.sidModel, sid.secondSidModel, sid.thirdSidModel]) {
    if (encodeSidModel(model) < 0) {
      throw new SidFileError(
        'SID_VALUE_OUT_OF_RANGE',
        'flags',
        `unknown SID model ${String(model)}`,
      );
    }
  }
  if (sid.format === 'PSID' && sid.basic) throw notInVersion('flags', 'the C64 BASIC flag', sid);
  if (sid.format === 'RSID' && sid.psidSpecific) {
    throw notInVersion('flags', 'the PlaySID-specific flag', sid);
  }
  if (sid.version === 1) {
    if (sid.musData) throw notInVersion('flags', 'the MUS data flag', sid);
    if (sid.psidSpecific) throw notInVersion('flags', 'the PlaySID-specific flag', sid);
    if (sid.clock !== 'unknown') throw notInVersion('flags', `clock ${sid.clock}`, sid);
    if (sid.sidModel !== 'unknown') throw notInVersion('flags', `SID model ${sid.sidModel}`, sid);
    if (sid.relocStartPage !== 0) throw notInVersion('relocStartPage', 'relocation info', sid);
    if (sid.relocPages !== 0) throw notInVersion('relocPages', 'relocation info', sid);
  }
  if (sid.version < 3) {
    if (sid.secondSidAddress !== null) throw notInVersion('secondSidAddress', 'a second SID', sid);
    if (sid.secondSidModel !== 'unknown') throw notInVersion('flags', 'a second SID model', sid);
  }
  if (sid.version < 4) {
    if (sid.thirdSidAddress !== null) throw notInVersion('thirdSidAddress', 'a third SID', sid);
    if (sid.thirdSidModel !== 'unknown') throw notInVersion('flags', 'a third SID model', sid);
  }
  for (const field of ['secondSidAddress', 'thirdSidAddress'] as const) {
    const address = sid[field];
    if (address !== null && encodeExtraSidAddress(address) === null) {
      throw new SidFileError('SID_BAD_SID_ADDRESS', field, badExtraSid(address));
    }
  }
  if (!(sid.data instanceof Uint8Array) || sid.data.length === 0) {
    throw new SidFileError('SID_NO_DATA', 'data', 'the file holds no C64 data');
  }
  if (sid.loadAddress + sid.data.length > C64_MEMORY_SIZE) {
    throw new SidFileError(
      'SID_DATA_BEYOND_64K',
      'data',
      `${sid.data.length} bytes loaded at ${hex(sid.loadAddress)} end past $FFFF`,
    );
  }
}

/**
 * Format rules of the SID file description, one test per rule in the libsidplayfp style:
 * start from a valid file, change ONE header field, and assert the exact error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseSidFile,
  SidFileError,
  type SidFileErrorCode,
  type SidFileField,
  sidAddresses,
  writeSidFile,
} from '../src/sid-file/index.js';

const hvsc = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const read = (path: string) => new Uint8Array(readFileSync(join(hvsc, path)));

/** PSID v2, load $5000, 4000 data bytes, 11 songs. */
const psid = read('MUSICIANS/H/Hubbard_Rob/Commando.sid');
/** PSID v3 with a second SID at $D420. */
const psid3 = read('MUSICIANS/J/JCH/Voice_2SID.sid');
/** PSID v4 with SIDs at $D420 and $D440. */
const psid4 = read('MUSICIANS/J/Jammer/Light_Years_3SID.sid');
/** RSID v2 C64 BASIC tune. */
const basic = read('GAMES/G-L/Hammer_BASIC.sid');
/** RSID v2 loading Commando's 4000 bytes at $0800 with init at $1000. */
const rsid = writeSidFile({
  ...parseSidFile(psid),
  format: 'RSID',
  loadAddress: 0x0800,
  initAddress: 0x1000,
  playAddress: 0,
  speed: 0,
});

function withWord(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(offset, value);
  return copy;
}

function withByte(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset] = value;
  return copy;
}

/** The first two data bytes of a v2+ file whose header load address is 0. */
const withLoadAddress = (bytes: Uint8Array, address: number) =>
  withByte(withByte(bytes, 0x7c, address & 0xff), 0x7d, address >> 8);

function errorOf(run: () => unknown): SidFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof SidFileError) return error;
    throw error;
  }
  throw new Error('expected a SidFileError, nothing was thrown');
}

/** A structural fault: both strict and lenient parsing throw it. */
function expectFault(bytes: Uint8Array, code: SidFileErrorCode, field: SidFileField): void {
  for (const strict of [true, false]) {
    const error = errorOf(() => parseSidFile(bytes, { strict }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  }
}

/**
 * A rule violation: strict parsing throws it, lenient parsing reports it as the only warning
 * and the file still writes back byte for byte. Returns the lenient parse.
 */
function expectViolation(bytes: Uint8Array, code: SidFileErrorCode, field: SidFileField) {
  const error = errorOf(() => parseSidFile(bytes, { strict: true }));
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  const sid = parseSidFile(bytes);
  expect(sid.warnings).toEqual([error.message]);
  expect(Buffer.compare(writeSidFile(sid), bytes)).toBe(0);
  return sid;
}

function expectValid(bytes: Uint8Array) {
  const sid = parseSidFile(bytes, { strict: true });
  expect(sid.warnings).toEqual([]);
  return sid;
}

describe('the unmutated bases follow every rule', () => {
  it.each([
    ['PSID v2', psid],
    ['PSID v3', psid3],
    ['PSID v4', psid4],
    ['RSID', rsid],
    ['RSID BASIC', basic],
  ])('%s', (_, bytes) => {
    expectValid(bytes);
  });
});

describe('structure', () => {
  // Rule: magicID is 'PSID' or 'RSID'.
  it('rejects another magic ID', () => {
    expectFault(withByte(psid, 0, 0x58), 'SID_BAD_MAGIC', 'magic');
  });

  // Rule: PSID versions are 1 to 4.
  it.each([0, 5, 0xffff])('rejects PSID version %i', (version) => {
    const error = errorOf(() => parseSidFile(withWord(psid, 4, version)));
    expect(error).toMatchObject({ code: 'SID_BAD_VERSION', field: 'version' });
    expect(error.message).toContain(String(version));
  });

  // Rule: RSID versions are 2 to 4 (RSID came with v2NG).
  it('rejects RSID version 1', () => {
    expectFault(withWord(rsid, 4, 1), 'SID_BAD_VERSION', 'version');
  });

  // Rule: dataOffset is 0x0076 in v1 and 0x007C in v2+.
  it('rejects a v2 data offset of $0076', () => {
    expectFault(withWord(psid, 6, 0x76), 'SID_BAD_DATA_OFFSET', 'dataOffset');
  });

  it('rejects a v1 data offset of $007C', () => {
    expectFault(withWord(psid, 4, 1), 'SID_BAD_DATA_OFFSET', 'dataOffset');
  });

  // Rule: the whole header of the version is present.
  it.each([0, 3, 5, 0x75, 0x7b])('rejects a file cut to %i bytes', (length) => {
    expectFault(psid.subarray(0, length), 'SID_TRUNCATED', 'header');
  });

  // Rule: header loadAddress 0 means the first two data bytes hold it.
  it('rejects a file whose data ends before the load address', () => {
    expectFault(psid.subarray(0, 0x7d), 'SID_NO_LOAD_ADDRESS', 'loadAddress');
  });

  // Rule: a file carries C64 data.
  it('rejects a file with a load address and no data', () => {
    expectFault(psid.subarray(0, 0x7e), 'SID_NO_DATA', 'data');
  });

  // Rule: the data fits in the 64 KiB address space from its load address.
  it('rejects data running past $FFFF', () => {
    expectFault(withLoadAddress(psid, 0xf100), 'SID_DATA_BEYOND_64K', 'data');
  });

  it('accepts data ending exactly at $FFFF', () => {
    const sid = expectValid(withLoadAddress(psid, 0x10000 - 4000));
    expect(sid.loadAddress).toBe(0xf060);
  });
});

describe('songs', () => {
  // Rule: songs is 1 to 256.
  it('tolerates 0 songs as 1', () => {
    expect(expectViolation(withWord(psid, 0x0e, 0), 'SID_BAD_SONGS', 'songs').songs).toBe(1);
  });

  it('tolerates 257 songs as 256', () => {
    expect(expectViolation(withWord(psid, 0x0e, 257), 'SID_BAD_SONGS', 'songs').songs).toBe(256);
  });

  // Rule: startSong is 1..songs.
  it.each([0, 12])('tolerates start song %i as 1', (startSong) => {
    const sid = expectViolation(withWord(psid, 0x10, startSong), 'SID_BAD_START_SONG', 'startSong');
    expect(sid.startSong).toBe(1);
  });
});

describe('RSID', () => {
  // Rule: RSID keeps the load address in the data, so the header's is 0.
  it('flags a header load address', () => {
    const sid = expectViolation(
      withWord(rsid, 8, 0x0800),
      'SID_RSID_HEADER_LOAD_ADDRESS',
      'loadAddress',
    );
    expect(sid.loadAddressInData).toBe(false);
  });

  // Rule: RSID data loads at $07E8 or above, past the screen RAM.
  it('flags a load address below $07E8', () => {
    expectViolation(withLoadAddress(rsid, 0x07e7), 'SID_RSID_LOAD_TOO_LOW', 'loadAddress');
  });

  // Rule: RSID play address is 0: init installs the interrupt handler.
  it('flags a play address', () => {
    expectViolation(withWord(rsid, 0x0c, 0x1003), 'SID_RSID_PLAY_ADDRESS', 'playAddress');
  });

  // Rule: RSID speed is 0.
  it('flags a speed field', () => {
    expectViolation(withWord(rsid, 0x14, 1), 'SID_RSID_SPEED', 'speed');
  });

  // Rule: a C64 BASIC tune has init address 0.
  it('flags an init address in a BASIC tune', () => {
    expectViolation(withWord(basic, 0x0a, 0x0810), 'SID_BASIC_INIT_ADDRESS', 'initAddress');
  });

  // Rule: RSID init is not below $07E8 nor in $A000-$BFFF or $D000-$FFFF.
  it.each([0x0400, 0x07e7, 0xa000, 0xbfff, 0xd000, 0xffff])('flags init at %i', (init) => {
    expectViolation(withWord(rsid, 0x0a, init), 'SID_INIT_IN_ROM_OR_IO', 'initAddress');
  });

  // Rule: RSID init lies in the loaded data.
  it('flags init outside the data', () => {
    expectViolation(withWord(rsid, 0x0a, 0x2000), 'SID_INIT_OUTSIDE_DATA', 'initAddress');
  });

  it('accepts init 0, meaning the load address', () => {
    expectValid(withWord(rsid, 0x0a, 0));
  });
});

describe('relocation range', () => {
  const reloc = (start: number, pages: number) =>
    withByte(withByte(psid, 0x78, start), 0x79, pages);

  // Rule: start page 0 (clean) and 0xFF (no room) have page length 0.
  it.each([0x00, 0xff])('flags pages after start page %i', (start) => {
    expectViolation(reloc(start, 4), 'SID_BAD_RELOC_RANGE', 'relocPages');
  });

  // Rule: any other start page has at least one page.
  it('flags a start page with no pages', () => {
    expectViolation(reloc(0x20, 0), 'SID_BAD_RELOC_RANGE', 'relocPages');
  });

  // Rule: the range ends at page $FF at most.
  it('flags a range past page $FF', () => {
    expectViolation(reloc(0xf0, 0x20), 'SID_BAD_RELOC_RANGE', 'relocPages');
  });

  // Rule: the range does not overlap the tune's own pages ($50-$5F for Commando).
  it.each([
    [0x40, 0x11],
    [0x52, 2],
    [0x5f, 1],
  ])('flags pages %i+%i overlapping the data', (start, pages) => {
    expectViolation(reloc(start, pages), 'SID_BAD_RELOC_RANGE', 'relocStartPage');
  });

  // Rule: the range avoids pages $00-$03, $A0-$BF and $D0-$FF.
  it.each([
    [0x02, 4],
    [0x9f, 2],
    [0xbf, 1],
    [0xc0, 0x11],
  ])('flags pages %i+%i in system, ROM or I/O pages', (start, pages) => {
    expectViolation(reloc(start, pages), 'SID_BAD_RELOC_RANGE', 'relocStartPage');
  });

  it.each([
    [0x04, 0x4c],
    [0x60, 0x40],
    [0xc0, 0x10],
    [0xff, 0],
  ])('accepts pages %i+%i', (start, pages) => {
    expectValid(reloc(start, pages));
  });
});

describe('extra SID addresses', () => {
  // Rule: an extra-SID byte is even and in $42-$7E or $E0-$FE; anything else means no chip.
  it.each([0x43, 0x40, 0x80, 0xdf, 0xff])('flags second SID byte %i and ignores it', (byte) => {
    const sid = expectViolation(
      withByte(psid3, 0x7a, byte),
      'SID_BAD_SID_ADDRESS',
      'secondSidAddress',
    );
    expect(sid.secondSidAddress).toBeNull();
    expect(sidAddresses(sid)).toEqual([0xd400]);
  });

  it.each([
    [0x42, 0xd420],
    [0x7e, 0xd7e0],
    [0xe0, 0xde00],
    [0xfe, 0xdfe0],
  ])('accepts second SID byte %i as %i', (byte, address) => {
    expect(expectValid(withByte(psid3, 0x7a, byte)).secondSidAddress).toBe(address);
  });

  it('reads second SID byte 0 as one chip', () => {
    expect(sidAddresses(expectValid(withByte(psid3, 0x7a, 0)))).toEqual([0xd400]);
  });

  // Rule: the third SID byte follows the same rule.
  it('flags an odd third SID byte', () => {
    const sid = expectViolation(
      withByte(psid4, 0x7b, 0x45),
      'SID_BAD_SID_ADDRESS',
      'thirdSidAddress',
    );
    expect(sidAddresses(sid)).toEqual([0xd400, 0xd420]);
  });

  // Rule: the third SID is not at the second SID's address.
  it('flags a third SID at the second SID address', () => {
    const sid = expectViolation(
      withByte(psid4, 0x7b, 0x42),
      'SID_BAD_THIRD_SID',
      'thirdSidAddress',
    );
    expect(sid.thirdSidAddress).toBeNull();
  });

  // Rule: a third SID needs a second one.
  it('flags a third SID without a second', () => {
    const sid = expectViolation(withByte(psid4, 0x7a, 0), 'SID_BAD_THIRD_SID', 'thirdSidAddress');
    expect(sidAddresses(sid)).toEqual([0xd400]);
  });
});

describe('reserved fields', () => {
  // Rule: flag bits a version does not define are 0 (v2 defines bits 0-5).
  it('flags bit 6 in a v2 file', () => {
    const flags = new DataView(psid.buffer, psid.byteOffset).getUint16(0x76);
    const sid = expectViolation(
      withWord(psid, 0x76, flags | 0x40),
      'SID_RESERVED_NOT_ZERO',
      'flags',
    );
    expect(sid.secondSidModel).toBe('unknown');
  });

  // Rule: v4 defines bits 0-9.
  it('flags bit 10 in a v4 file', () => {
    const flags = new DataView(psid4.buffer, psid4.byteOffset).getUint16(0x76);
    expectViolation(withWord(psid4, 0x76, flags | 0x400), 'SID_RESERVED_NOT_ZERO', 'flags');
  });

  // Rule: v2 reserves the bytes v3 and v4 use for extra SIDs.
  it('flags a second SID byte in a v2 file', () => {
    const sid = expectViolation(
      withByte(psid, 0x7a, 0x42),
      'SID_RESERVED_NOT_ZERO',
      'secondSidAddress',
    );
    expect(sid.secondSidAddress).toBeNull();
  });

  it('flags a third SID byte in a v3 file', () => {
    expectViolation(withByte(psid3, 0x7b, 0x44), 'SID_RESERVED_NOT_ZERO', 'thirdSidAddress');
  });
});

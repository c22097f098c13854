import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSidFile,
  effectiveInitAddress,
  parseSidFile,
  type SidFile,
  SidFileError,
  type SidFileErrorCode,
  type SidFileField,
  sidAddresses,
  sidModelFor,
  songSpeed,
  validateSidFile,
  writeSidFile,
} from '../src/sid-file/index.js';

const hvsc = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const commandoBytes = new Uint8Array(
  readFileSync(join(hvsc, 'MUSICIANS/H/Hubbard_Rob/Commando.sid')),
);
const commando = parseSidFile(commandoBytes);

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/** Offsets where two equally long byte arrays differ. */
function differingOffsets(a: Uint8Array, b: Uint8Array): number[] {
  expect(a.length).toBe(b.length);
  const offsets: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) offsets.push(i);
  return offsets;
}

function expectError(run: () => unknown, code: SidFileErrorCode, field: SidFileField): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SidFileError);
  expect(caught).toMatchObject({ code, field });
}

/** The fields a parse of written bytes must give back: everything but the bookkeeping. */
function fieldsOf(sid: SidFile) {
  const { source: _source, warnings: _warnings, data, ...fields } = sid;
  return { ...fields, data: Array.from(data) };
}

describe('writeSidFile on changed fields', () => {
  it('re-encodes only the changed name', () => {
    const written = writeSidFile({ ...commando, name: 'Commando (edit)' });
    const offsets = differingOffsets(written, commandoBytes);
    expect(offsets.every((offset) => offset >= 0x16 && offset < 0x36)).toBe(true);
    expect(parseSidFile(written, { strict: true }).name).toBe('Commando (edit)');
  });

  it('keeps text after a string NUL unless that string changes', () => {
    const bytes = commandoBytes.slice();
    bytes[0x16 + 20] = 0x58; // garbage after "Commando\0"
    const sid = parseSidFile(bytes);
    expect(sid.name).toBe('Commando');
    expect(same(writeSidFile(sid), bytes)).toBe(true);
    const renamedAuthor = writeSidFile({ ...sid, author: 'R. Hubbard' });
    expect(renamedAuthor[0x16 + 20]).toBe(0x58);
    const renamed = writeSidFile({ ...sid, name: 'Commando' + 'x' });
    expect(renamed[0x16 + 20]).toBe(0);
  });

  it('keeps reserved flag bits when another flag changes', () => {
    const bytes = commandoBytes.slice();
    bytes[0x76] |= 0x10; // bit 12, reserved
    const sid = parseSidFile(bytes);
    const written = writeSidFile({ ...sid, sidModel: '8580', clock: 'NTSC' });
    const reread = parseSidFile(written);
    expect(reread).toMatchObject({ sidModel: '8580', clock: 'NTSC' });
    expect(written[0x76] & 0x10).toBe(0x10);
  });

  it('keeps an out-of-range song count the parser clamped unless songs change', () => {
    const bytes = commandoBytes.slice();
    bytes[0x0e] = 0;
    bytes[0x0f] = 0;
    const sid = parseSidFile(bytes);
    expect(sid.songs).toBe(1);
    expect(same(writeSidFile(sid), bytes)).toBe(true);
    expect(parseSidFile(writeSidFile({ ...sid, songs: 5 })).songs).toBe(5);
  });

  it('sets and clears each flag field', () => {
    const written = writeSidFile({
      ...commando,
      musData: true,
      psidSpecific: true,
      clock: 'PAL+NTSC',
      sidModel: 'both',
    });
    expect(parseSidFile(written)).toMatchObject({
      musData: true,
      psidSpecific: true,
      clock: 'PAL+NTSC',
      sidModel: 'both',
    });
    expect(new DataView(written.buffer).getUint16(0x76)).toBe(0x3f);
    const cleared = parseSidFile(writeSidFile({ ...parseSidFile(written), psidSpecific: false }));
    expect(cleared.psidSpecific).toBe(false);
  });

  it('writes extra SIDs and their models into a v4 file', () => {
    const sid = {
      ...commando,
      version: 4 as const,
      secondSidAddress: 0xde00,
      thirdSidAddress: 0xdfe0,
      secondSidModel: '8580' as const,
      thirdSidModel: 'unknown' as const,
    };
    const reread = parseSidFile(writeSidFile(sid), { strict: true });
    expect(sidAddresses(reread)).toEqual([0xd400, 0xde00, 0xdfe0]);
    expect([0, 1, 2].map((chip) => sidModelFor(reread, chip))).toEqual(['6581', '8580', '6581']);
  });

  it('encodes every field fresh when the source bytes no longer parse', () => {
    const written = writeSidFile({ ...commando, source: new Uint8Array(3) });
    expect(same(written, commandoBytes)).toBe(true);
  });

  it('writes a v1 header when the version drops to 1', () => {
    const v1 = writeSidFile({ ...commando, version: 1, clock: 'unknown', sidModel: 'unknown' });
    expect(v1.length).toBe(commandoBytes.length - 6);
    const reread = parseSidFile(v1, { strict: true });
    expect(reread).toMatchObject({ version: 1, name: 'Commando', songs: 11, clock: 'unknown' });
    expect(same(reread.data, commando.data)).toBe(true);
    expect(same(writeSidFile(reread), v1)).toBe(true);
  });

  it('stores the load address in the header when asked', () => {
    const written = writeSidFile({ ...commando, loadAddressInData: false });
    expect(written.length).toBe(commandoBytes.length - 2);
    expect(new DataView(written.buffer).getUint16(0x08)).toBe(0x5000);
    expect(parseSidFile(written)).toMatchObject({ loadAddress: 0x5000, loadAddressInData: false });
  });

  it('encodes every Windows-1252 byte and decodes it back', () => {
    const bytes = commandoBytes.slice();
    for (let i = 0; i < 32; i++) bytes[0x16 + i] = 0x80 + i;
    const sid = parseSidFile(bytes);
    expect(sid.name.startsWith('€\u0081‚ƒ')).toBe(true);
    expect(sid.name.endsWith('žŸ')).toBe(true);
    const written = writeSidFile({ ...sid, name: sid.name, author: 'Ÿ€' });
    expect(same(written.subarray(0x16, 0x36), bytes.subarray(0x16, 0x36))).toBe(true);
    expect(Array.from(written.subarray(0x36, 0x39))).toEqual([0x9f, 0x80, 0]);
  });
});

describe('writeSidFile refuses what a header cannot hold', () => {
  const cases: [string, Partial<Record<keyof SidFile, unknown>>, SidFileErrorCode, SidFileField][] =
    [
      ['an unknown format', { format: 'XSID' }, 'SID_BAD_MAGIC', 'magic'],
      ['version 5', { version: 5 }, 'SID_BAD_VERSION', 'version'],
      ['RSID v1', { format: 'RSID', version: 1 }, 'SID_BAD_VERSION', 'version'],
      ['a 17-bit load address', { loadAddress: 0x10000 }, 'SID_VALUE_OUT_OF_RANGE', 'loadAddress'],
      [
        'load address 0 in the header',
        { loadAddress: 0, loadAddressInData: false },
        'SID_VALUE_OUT_OF_RANGE',
        'loadAddress',
      ],
      ['a fractional init', { initAddress: 1.5 }, 'SID_VALUE_OUT_OF_RANGE', 'initAddress'],
      ['a negative play', { playAddress: -1 }, 'SID_VALUE_OUT_OF_RANGE', 'playAddress'],
      ['65536 songs', { songs: 0x10000 }, 'SID_VALUE_OUT_OF_RANGE', 'songs'],
      ['a negative start song', { startSong: -1 }, 'SID_VALUE_OUT_OF_RANGE', 'startSong'],
      ['a negative speed', { speed: -1 }, 'SID_VALUE_OUT_OF_RANGE', 'speed'],
      ['a 33-character name', { name: 'x'.repeat(33) }, 'SID_STRING_NOT_ENCODABLE', 'name'],
      ['a CJK author', { author: '漢字' }, 'SID_STRING_NOT_ENCODABLE', 'author'],
      ['a NUL in released', { released: 'a\u0000b' }, 'SID_STRING_NOT_ENCODABLE', 'released'],
      ['reloc page 256', { relocStartPage: 256 }, 'SID_VALUE_OUT_OF_RANGE', 'relocStartPage'],
      ['reloc length 300', { relocPages: 300 }, 'SID_VALUE_OUT_OF_RANGE', 'relocPages'],
      ['an unknown clock', { clock: 'SECAM' }, 'SID_VALUE_OUT_OF_RANGE', 'flags'],
      ['an unknown model', { sidModel: '6582' }, 'SID_VALUE_OUT_OF_RANGE', 'flags'],
      ['the BASIC flag in a PSID', { basic: true }, 'SID_FIELD_NOT_IN_VERSION', 'flags'],
      [
        'the PlaySID flag in an RSID',
        { format: 'RSID', psidSpecific: true },
        'SID_FIELD_NOT_IN_VERSION',
        'flags',
      ],
      ['a clock in v1', { version: 1 }, 'SID_FIELD_NOT_IN_VERSION', 'flags'],
      [
        'the MUS flag in v1',
        { version: 1, clock: 'unknown', sidModel: 'unknown', musData: true },
        'SID_FIELD_NOT_IN_VERSION',
        'flags',
      ],
      [
        'the PlaySID flag in v1',
        { version: 1, clock: 'unknown', sidModel: 'unknown', psidSpecific: true },
        'SID_FIELD_NOT_IN_VERSION',
        'flags',
      ],
      ['a model in v1', { version: 1, clock: 'unknown' }, 'SID_FIELD_NOT_IN_VERSION', 'flags'],
      [
        'relocation info in v1',
        { version: 1, clock: 'unknown', sidModel: 'unknown', relocStartPage: 4 },
        'SID_FIELD_NOT_IN_VERSION',
        'relocStartPage',
      ],
      [
        'a relocation length in v1',
        { version: 1, clock: 'unknown', sidModel: 'unknown', relocPages: 4 },
        'SID_FIELD_NOT_IN_VERSION',
        'relocPages',
      ],
      [
        'a second SID in v2',
        { secondSidAddress: 0xd420 },
        'SID_FIELD_NOT_IN_VERSION',
        'secondSidAddress',
      ],
      ['a second model in v2', { secondSidModel: '8580' }, 'SID_FIELD_NOT_IN_VERSION', 'flags'],
      [
        'a third SID in v3',
        { version: 3, secondSidAddress: 0xd420, thirdSidAddress: 0xd440 },
        'SID_FIELD_NOT_IN_VERSION',
        'thirdSidAddress',
      ],
      [
        'a third model in v3',
        { version: 3, thirdSidModel: '8580' },
        'SID_FIELD_NOT_IN_VERSION',
        'flags',
      ],
      [
        'a second SID at $D410',
        { version: 3, secondSidAddress: 0xd410 },
        'SID_BAD_SID_ADDRESS',
        'secondSidAddress',
      ],
      [
        'a third SID at $D801',
        { version: 4, secondSidAddress: 0xd420, thirdSidAddress: 0xd801 },
        'SID_BAD_SID_ADDRESS',
        'thirdSidAddress',
      ],
      ['no data', { data: new Uint8Array(0) }, 'SID_NO_DATA', 'data'],
      ['data past $FFFF', { loadAddress: 0xf100 }, 'SID_DATA_BEYOND_64K', 'data'],
    ];
  it.each(cases)('refuses %s', (_, change, code, field) => {
    expectError(() => writeSidFile({ ...commando, ...change } as SidFile), code, field);
  });
});

describe('createSidFile', () => {
  const data = new Uint8Array([0xa9, 0x00, 0x60, 0x60]);
  const minimal = { loadAddress: 0x1000, initAddress: 0x1000, playAddress: 0x1003, data };

  it('builds a PSID v2 with defaults that parses back strictly to the same fields', () => {
    const sid = createSidFile({ ...minimal, name: 'Demo', author: 'SIDFlow', released: '2026' });
    expect(sid).toMatchObject({
      format: 'PSID',
      version: 2,
      songs: 1,
      startSong: 1,
      speed: 0,
      clock: 'PAL',
      sidModel: '6581',
      loadAddressInData: true,
      source: null,
      warnings: [],
    });
    const bytes = writeSidFile(sid);
    expect(bytes.length).toBe(0x7c + 2 + data.length);
    expect(fieldsOf(parseSidFile(bytes, { strict: true }))).toEqual(fieldsOf(sid));
  });

  it('round-trips every option', () => {
    const sid = createSidFile({
      ...minimal,
      name: 'Trio',
      songs: 3,
      startSong: 2,
      speed: ['vbi', 'cia'],
      clock: 'NTSC',
      sidModel: '8580',
      secondSidModel: '6581',
      thirdSidModel: 'both',
      secondSidAddress: 0xd500,
      thirdSidAddress: 0xde00,
      psidSpecific: true,
      relocStartPage: 0xc0,
      relocPages: 0x10,
      loadAddressInData: false,
    });
    expect(sid.version).toBe(4);
    expect(sid.speed).toBe(2);
    const reread = parseSidFile(writeSidFile(sid), { strict: true });
    expect(fieldsOf(reread)).toEqual(fieldsOf(sid));
    expect([1, 2, 3].map((song) => songSpeed(reread, song))).toEqual(['vbi', 'cia', 'vbi']);
  });

  it('makes a v3 file for a second SID', () => {
    expect(createSidFile({ ...minimal, secondSidAddress: 0xd420 }).version).toBe(3);
  });

  it('takes a raw speed bitmask', () => {
    expect(createSidFile({ ...minimal, songs: 2, speed: 0b10 }).speed).toBe(2);
  });

  it('puts songs 32 and up on the shared bit 31', () => {
    const sid = createSidFile({ ...minimal, songs: 40, speed: Array(40).fill('cia') });
    expect(sid.speed).toBe(0xffffffff);
    expect(songSpeed(sid, 40)).toBe('cia');
    expect(songSpeed(createSidFile({ ...minimal, songs: 40 }), 40)).toBe('vbi');
  });

  it('refuses different speeds for songs sharing bit 31', () => {
    const speed = [...Array(39).fill('vbi'), 'cia'];
    expectError(
      () => createSidFile({ ...minimal, songs: 40, speed }),
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
    );
    const short = Array(33).fill('cia');
    expectError(
      () => createSidFile({ ...minimal, songs: 40, speed: short }),
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
    );
  });

  it('refuses more speeds than songs, and unknown speeds', () => {
    expectError(
      () => createSidFile({ ...minimal, speed: ['vbi', 'cia'] }),
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
    );
    expectError(
      () => createSidFile({ ...minimal, speed: ['fast' as 'vbi'] }),
      'SID_VALUE_OUT_OF_RANGE',
      'speed',
    );
  });

  it('refuses files breaking a format rule', () => {
    expectError(() => createSidFile({ ...minimal, songs: 0 }), 'SID_BAD_SONGS', 'songs');
    expectError(
      () => createSidFile({ ...minimal, startSong: 2 }),
      'SID_BAD_START_SONG',
      'startSong',
    );
    expectError(
      () => createSidFile({ ...minimal, thirdSidAddress: 0xd440 }),
      'SID_BAD_THIRD_SID',
      'thirdSidAddress',
    );
    expectError(
      () => createSidFile({ ...minimal, secondSidAddress: 0xd420, thirdSidAddress: 0xd420 }),
      'SID_BAD_THIRD_SID',
      'thirdSidAddress',
    );
    expectError(
      () => createSidFile({ ...minimal, relocStartPage: 0x10, relocPages: 1 }),
      'SID_BAD_RELOC_RANGE',
      'relocStartPage',
    );
    expectError(
      () => createSidFile({ ...minimal, name: 'x'.repeat(40) }),
      'SID_STRING_NOT_ENCODABLE',
      'name',
    );
  });
});

describe('validateSidFile', () => {
  const codesOf = (sid: SidFile) => validateSidFile(sid).map((error) => [error.code, error.field]);

  it('finds nothing wrong with a valid tune', () => {
    expect(codesOf(commando)).toEqual([]);
  });

  it('lists every broken rule of an edited model, in header order', () => {
    const sid: SidFile = {
      ...commando,
      format: 'RSID',
      loadAddressInData: false,
      playAddress: 0x1003,
      songs: 3,
      startSong: 4,
      speed: 1,
      version: 4,
      secondSidAddress: 0xd401,
      thirdSidAddress: 0xd800,
    };
    expect(codesOf(sid)).toEqual([
      ['SID_RSID_HEADER_LOAD_ADDRESS', 'loadAddress'],
      ['SID_RSID_PLAY_ADDRESS', 'playAddress'],
      ['SID_BAD_START_SONG', 'startSong'],
      ['SID_RSID_SPEED', 'speed'],
      ['SID_BAD_SID_ADDRESS', 'secondSidAddress'],
      ['SID_BAD_SID_ADDRESS', 'thirdSidAddress'],
    ]);
  });

  it('reports missing and oversized data', () => {
    expect(codesOf({ ...commando, data: new Uint8Array(0) })).toEqual([['SID_NO_DATA', 'data']]);
    expect(codesOf({ ...commando, loadAddress: 0xff00 })).toEqual([
      ['SID_DATA_BEYOND_64K', 'data'],
    ]);
  });
});

describe('helpers', () => {
  it('songSpeed refuses songs outside 1..songs', () => {
    expectError(() => songSpeed(commando, 0), 'SID_NO_SUCH_SONG', 'song');
    expectError(() => songSpeed(commando, 12), 'SID_NO_SUCH_SONG', 'song');
  });

  it('sidModelFor refuses a chip index the tune lacks', () => {
    expectError(() => sidModelFor(commando, -1), 'SID_NO_SUCH_CHIP', 'chipIndex');
    expectError(() => sidModelFor(commando, 1), 'SID_NO_SUCH_CHIP', 'chipIndex');
  });

  it('effectiveInitAddress replaces init 0 by the load address', () => {
    expect(effectiveInitAddress({ ...commando, initAddress: 0 })).toBe(0x5000);
    expect(effectiveInitAddress(commando)).toBe(0x5f80);
  });
});

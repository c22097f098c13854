import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HvscParseError,
  HvscReadError,
  hvscMd5,
  loadSonglengths,
  parseSongLength,
  parseSonglengths,
  SonglengthsDatabase,
} from '../src/hvsc/index.js';

const c64Music = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const tunes = [
  '/MUSICIANS/H/Hubbard_Rob/Commando.sid',
  '/MUSICIANS/H/Hubbard_Rob/Delta.sid',
  '/DEMOS/0-9/12345.sid',
];
const md5s = tunes.map((path) => hvscMd5(readFileSync(join(c64Music, path))));

const temp = mkdtempSync(join(tmpdir(), 'sidflow-songlengths-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('hvscMd5', () => {
  it('is the MD5 of the whole file in lowercase hex', () => {
    expect(hvscMd5(new TextEncoder().encode('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5s[0]).toBe('c4c5ff8cfefdf683c50e66775cfac1ee');
  });
});

describe('parseSongLength', () => {
  it.each([
    ['0:00', 0, undefined],
    ['3:24', 204_000, undefined],
    ['75:01', 4_501_000, undefined],
    ['1:05.123', 65_123, undefined],
    ['0:07.5', 7_500, undefined],
    ['0:07.05', 7_050, undefined],
    ['2:12(G)', 132_000, 'G'],
    ['0:45(m)', 45_000, 'M'],
    ['1:00.250(B)', 60_250, 'B'],
  ])('reads %s as %i ms', (token, ms, attribute) => {
    expect(parseSongLength(token)).toEqual(attribute === undefined ? { ms } : { ms, attribute });
  });

  it.each(['', '3', ':30', '3:60', '3:5x', '1:00.1234', '1:00(G', 'a:bc', '1234567:00'])(
    'rejects "%s" with HVSC_SONG_LENGTH_INVALID',
    (token) => {
      expect(() => parseSongLength(token)).toThrow(
        expect.objectContaining({ code: 'HVSC_SONG_LENGTH_INVALID' }),
      );
    },
  );
});

/** A database in the millisecond format of HVSC #68 and later. */
const newFormat = [
  '; This is a synthetic Songlengths.md5 for tests',
  '[Database]',
  `; ${tunes[0]}`,
  `${md5s[0]}=4:36.044 0:08.320 1:10.981 0:16.000 0:04.540 3:55.030 0:06.660 0:15.213 0:01.114`,
  `; ${tunes[1]}`,
  `${md5s[1].toUpperCase()}=12:00.500`,
  '',
  `${md5s[2]}=0:51.020 0:02.000`,
].join('\r\n');

/** A database in the old second-resolution format with attributes. */
const oldFormat = [
  '[Database]',
  `; ${tunes[0]}`,
  `${md5s[0]} = 4:36(G) 0:08 1:10(M)`,
  `; ${tunes[2]}`,
  `${md5s[2]}=0:51(B)`,
].join('\n');

describe('parseSonglengths', () => {
  it('reads the millisecond format and looks tunes up by MD5 and path', () => {
    const db = parseSonglengths(newFormat);
    expect(db.size).toBe(3);
    const commando = db.byMd5(md5s[0])!;
    expect(commando.path).toBe(tunes[0]);
    expect(commando.lengthsMs).toEqual([
      276_044, 8_320, 70_981, 16_000, 4_540, 235_030, 6_660, 15_213, 1_114,
    ]);
    expect(commando.attributes).toBeUndefined();
    expect(db.byPath(tunes[1])?.lengthsMs).toEqual([720_500]);
    expect(db.byMd5(md5s[1].toUpperCase())?.md5).toBe(md5s[1]);
    expect(db.byMd5(md5s[2])?.path).toBeUndefined();
    expect(db.byMd5(md5s[2])?.lengthsMs).toEqual([51_020, 2_000]);
    expect(db.byPath('MUSICIANS\\H\\Hubbard_Rob\\Commando.sid')).toBe(commando);
    expect(db.byPath('/MUSICIANS/H/Hubbard_Rob/commando.sid')).toBeUndefined();
    expect(db.byMd5('0'.repeat(32))).toBeUndefined();
    expect([...db].map((e) => e.md5)).toEqual(md5s);
  });

  it('reads the old format with attributes, from latin-1 bytes', () => {
    const db = parseSonglengths(Buffer.from(oldFormat, 'latin1'));
    expect(db.byPath(tunes[0])).toEqual({
      md5: md5s[0],
      path: tunes[0],
      lengthsMs: [276_000, 8_000, 70_000],
      attributes: ['G', undefined, 'M'],
    });
    expect(db.byMd5(md5s[2])?.attributes).toEqual(['B']);
  });

  it('ignores records of other sections and path comments that are not paths', () => {
    const db = parseSonglengths(`[Other]\nkey=value\n[Database]\n; not a path\n${md5s[0]}=1:00\n`);
    expect(db.size).toBe(1);
    expect(db.byMd5(md5s[0])?.path).toBeUndefined();
  });

  it('keeps the first record when an MD5 or path repeats', () => {
    const db = parseSonglengths(
      `[Database]\n; /A.sid\n${md5s[0]}=1:00\n; /A.sid\n${md5s[0]}=2:00\n`,
    );
    expect(db.size).toBe(1);
    expect(db.byPath('/A.sid')?.lengthsMs).toEqual([60_000]);
  });

  it.each([
    ['[Database', 1, 'unterminated section'],
    [`${md5s[0]}=1:00`, 1, 'before the [Database]'],
    ['[Database]\njunk', 2, 'expected "md5=lengths"'],
    ['[Database]\nabc=1:00', 2, 'not an MD5'],
    [`[Database]\n${md5s[0]}=`, 2, 'no lengths'],
    [`[Database]\n\n${md5s[0]}=1:00 1:0x`, 3, 'not a song length: "1:0x"'],
  ])('rejects %j at line %i', (text, line, message) => {
    let caught: unknown;
    try {
      parseSonglengths(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HvscParseError);
    expect((caught as HvscParseError).code).toBe('HVSC_SONGLENGTHS_SYNTAX');
    expect((caught as HvscParseError).line).toBe(line);
    expect((caught as HvscParseError).message).toContain(message);
  });

  it('can be built from entries directly', () => {
    const db = new SonglengthsDatabase([{ md5: 'ABC', path: 'x/y.sid', lengthsMs: [1] }]);
    expect(db.byMd5('abc')?.lengthsMs).toEqual([1]);
    expect(db.byPath('/x/y.sid')?.md5).toBe('ABC');
  });
});

describe('loadSonglengths', () => {
  it('loads a file', async () => {
    const file = join(temp, 'Songlengths.md5');
    writeFileSync(file, newFormat);
    const db = await loadSonglengths(file);
    expect(db.byPath(tunes[1])?.lengthsMs).toEqual([720_500]);
  });

  it('throws HvscReadError for a missing file', async () => {
    await expect(loadSonglengths(join(temp, 'missing.md5'))).rejects.toSatisfy(
      (error) => error instanceof HvscReadError && error.code === 'HVSC_READ_FAILED',
    );
  });
});

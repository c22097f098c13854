import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  effectiveInitAddress,
  isBasicTune,
  loadEndAddress,
  parseSidFile,
  SidFileError,
  sidAddresses,
  sidModelFor,
  songSpeed,
  validateSidFile,
  writeSidFile,
} from '../src/sid-file/index.js';

const hvsc = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const read = (path: string) => new Uint8Array(readFileSync(join(hvsc, path)));
const tunePaths = readdirSync(hvsc, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.sid'))
  .sort();

describe('the HVSC sample', () => {
  it('holds the 615 tunes these tests expect', () => {
    expect(tunePaths).toHaveLength(615);
  });

  it('parses every tune strictly, without warnings, and writes each back byte for byte', () => {
    const failures: string[] = [];
    for (const path of tunePaths) {
      const bytes = read(path);
      const sid = parseSidFile(bytes, { strict: true });
      if (sid.warnings.length > 0) failures.push(`${path}: ${sid.warnings.join('; ')}`);
      if (Buffer.compare(Buffer.from(writeSidFile(sid)), Buffer.from(bytes)) !== 0) {
        failures.push(`${path}: round trip differs`);
      }
      if (validateSidFile(sid).length > 0) failures.push(`${path}: validateSidFile complains`);
    }
    expect(failures).toEqual([]);
  });
});

describe('known headers', () => {
  it('reads Commando (PSID v2, 11 VBI songs, 6581, PAL)', () => {
    const sid = parseSidFile(read('MUSICIANS/H/Hubbard_Rob/Commando.sid'));
    expect(sid).toMatchObject({
      format: 'PSID',
      version: 2,
      name: 'Commando',
      author: 'Rob Hubbard',
      released: '1985 Elite',
      songs: 11,
      startSong: 1,
      loadAddress: 0x5000,
      loadAddressInData: true,
      initAddress: 0x5f80,
      playAddress: 0x5012,
      speed: 0,
      clock: 'PAL',
      sidModel: '6581',
      secondSidAddress: null,
      warnings: [],
    });
    expect(sid.data).toHaveLength(4000);
    expect(loadEndAddress(sid)).toBe(0x5000 + 4000 - 1);
    expect(songSpeed(sid, 11)).toBe('vbi');
    expect(sidAddresses(sid)).toEqual([0xd400]);
  });

  it('reads a three-SID v4 tune with its chip addresses and models', () => {
    const sid = parseSidFile(read('MUSICIANS/J/Jammer/Light_Years_3SID.sid'));
    expect(sid.version).toBe(4);
    expect(sidAddresses(sid)).toEqual([0xd400, 0xd420, 0xd440]);
    expect([0, 1, 2].map((chip) => sidModelFor(sid, chip))).toEqual(['8580', '8580', '8580']);
    expect(songSpeed(sid, 1)).toBe('cia');
  });

  it('reads a two-SID v3 tune', () => {
    const sid = parseSidFile(read('MUSICIANS/J/JCH/Voice_2SID.sid'));
    expect(sid).toMatchObject({ version: 3, secondSidAddress: 0xd420, thirdSidAddress: null });
    expect(sidModelFor(sid, 1)).toBe('6581');
    expect(() => sidModelFor(sid, 2)).toThrow(SidFileError);
  });

  it('reads an RSID C64 BASIC tune', () => {
    const sid = parseSidFile(read('GAMES/G-L/Hammer_BASIC.sid'));
    expect(sid).toMatchObject({ format: 'RSID', basic: true, initAddress: 0, loadAddress: 0x0801 });
    expect(isBasicTune(sid)).toBe(true);
    expect(effectiveInitAddress(sid)).toBe(0);
    expect(songSpeed(sid, 1)).toBe('cia');
  });

  it('reads relocation info and mixed song speeds (Wizball)', () => {
    const sid = parseSidFile(read('MUSICIANS/G/Galway_Martin/Wizball.sid'));
    expect(sid).toMatchObject({ relocStartPage: 0x06, relocPages: 63, songs: 9, startSong: 4 });
    expect(sid.speed).toBe(0x1ff);
    expect(songSpeed(sid, 9)).toBe('cia');
    expect(isBasicTune(sid)).toBe(false);
  });

  it('decodes Windows-1252 text', () => {
    const sid = parseSidFile(read('MUSICIANS/G/Gantar_Peter/En_mali_sloncek.sid'));
    expect(sid.name).toBe('En mali slonçek');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSidFile, songSpeed } from '../../packages/core/src/sid-file/index.js';
import { buildTune, subtuneFrames } from '../player/index.js';
import { ALL_SONGS } from '../songs/index.js';

const SID_DIRECTORY = join(import.meta.dirname, '..', 'sid');

// Header facts written down independently of the song definitions.
const EXPECTED = [
  { file: 'ode-to-joy.sid', name: 'Ode to Joy', songs: 2, model: '8580', speeds: ['vbi', 'vbi'] },
  { file: 'korobeiniki.sid', name: 'Korobeiniki', songs: 1, model: '8580', speeds: ['vbi'] },
  { file: 'greensleeves.sid', name: 'Greensleeves', songs: 1, model: '8580', speeds: ['vbi'] },
  { file: 'minuet-in-g.sid', name: 'Minuet in G', songs: 1, model: '6581', speeds: ['cia'] },
];

describe('demo tune build', () => {
  it('commits exactly the expected tunes', () => {
    const files = readdirSync(SID_DIRECTORY).filter((name) => name.endsWith('.sid'));
    expect(files.sort()).toEqual(EXPECTED.map((tune) => tune.file).sort());
  });

  for (const song of ALL_SONGS) {
    it(`${song.fileName}: rebuilding gives the committed bytes`, () => {
      const first = buildTune(song).bytes;
      const second = buildTune(song).bytes;
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      const committed = readFileSync(join(SID_DIRECTORY, `${song.fileName}.sid`));
      expect(Buffer.from(first).equals(committed)).toBe(true);
    });
  }

  for (const expected of EXPECTED) {
    it(`${expected.file}: parses as a clean PSID with the expected header`, () => {
      const sid = parseSidFile(new Uint8Array(readFileSync(join(SID_DIRECTORY, expected.file))), {
        strict: true,
      });
      expect(sid.format).toBe('PSID');
      expect(sid.version).toBe(2);
      expect(sid.name).toBe(expected.name);
      expect(sid.author).toBe('SIDFlow (arr.)');
      expect(sid.released).toBe('2026 SIDFlow, PD melody');
      expect(sid.loadAddress).toBe(0x1000);
      expect(sid.initAddress).toBe(0x1000);
      expect(sid.playAddress).toBe(0x1003);
      expect(sid.songs).toBe(expected.songs);
      expect(sid.startSong).toBe(1);
      expect(sid.clock).toBe('PAL');
      expect(sid.sidModel).toBe(expected.model);
      expect(sid.warnings).toEqual([]);
      const speeds = Array.from({ length: sid.songs }, (_, i) => songSpeed(sid, i + 1));
      expect(speeds).toEqual(expected.speeds);
      // The image must fit below the I/O area and start with the init/play jump table.
      expect(sid.loadAddress + sid.data.length).toBeLessThan(0xd000);
      expect(sid.data[0]).toBe(0x4c);
      expect(sid.data[3]).toBe(0x4c);
    });
  }

  for (const song of ALL_SONGS) {
    it(`${song.fileName}: every subtune lasts 20-40 seconds`, () => {
      for (let i = 0; i < song.subtunes.length; i++) {
        const seconds = subtuneFrames(song, i) / 50;
        expect(seconds).toBeGreaterThanOrEqual(20);
        expect(seconds).toBeLessThanOrEqual(40);
      }
    });
  }
});

/**
 * Golden renders of the project's own demo tunes (`tunes/sid`): 3 s of every subtune at
 * 44.1 kHz mono, hashed. Any change to what the engine produces shows up here; when a change
 * is intended, regenerate with `SIDFLOW_UPDATE_GOLDEN=1 npx vitest run packages/engine/test/demo-tunes-golden.test.ts`
 * and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidFile } from '@sidflow/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlayer } from '../src/index.js';

const tuneDir = join(import.meta.dirname, '../../../tunes/sid');
const goldenFile = join(import.meta.dirname, 'golden/demo-tunes.json');
const update = process.env.SIDFLOW_UPDATE_GOLDEN === '1';
const golden: Record<string, string> = update ? {} : JSON.parse(readFileSync(goldenFile, 'utf8'));

const cases = readdirSync(tuneDir)
  .filter((f) => f.endsWith('.sid'))
  .sort()
  .flatMap((file) => {
    const sid = parseSidFile(new Uint8Array(readFileSync(join(tuneDir, file))));
    return Array.from({ length: sid.songs }, (_, i) => ({ file, song: i + 1 }));
  });

afterAll(() => {
  if (update) writeFileSync(goldenFile, `${JSON.stringify(golden, null, 2)}\n`);
});

describe('demo tune golden renders', () => {
  it('covers every demo tune subtune', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    if (!update)
      expect(Object.keys(golden).sort()).toEqual(cases.map((c) => `${c.file}#${c.song}`).sort());
  });

  for (const { file, song } of cases) {
    it(`${file} song ${song} renders the golden bytes`, () => {
      const player = createPlayer(new Uint8Array(readFileSync(join(tuneDir, file))), {
        song,
        sampleRate: 44_100,
        channels: 1,
      });
      const pcm = new Int16Array(44_100 * 3);
      expect(player.render(pcm)).toBe(pcm.length);
      let peak = 0;
      for (const s of pcm) peak = Math.max(peak, Math.abs(s));
      expect(peak).toBeGreaterThan(1000);
      const hash = createHash('sha256').update(new Uint8Array(pcm.buffer)).digest('hex');
      const key = `${file}#${song}`;
      if (update) golden[key] = hash;
      else expect(hash).toBe(golden[key]);
    });
  }
});

/**
 * Builds the SIDFlow demo tunes: assembles the player with each song's data and writes
 * `tunes/sid/<name>.sid`. Run with `npx tsx tunes/build.ts`; the output is committed, and a
 * test checks that building again gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTune, subtuneFrames } from './player/index.js';
import { ALL_SONGS } from './songs/index.js';

const outputDirectory = join(import.meta.dirname, 'sid');
mkdirSync(outputDirectory, { recursive: true });
for (const song of ALL_SONGS) {
  const tune = buildTune(song);
  const path = join(outputDirectory, `${song.fileName}.sid`);
  writeFileSync(path, tune.bytes);
  const seconds = song.subtunes.map((_, i) => (subtuneFrames(song, i) / 50).toFixed(1));
  console.log(
    `${path}: ${tune.bytes.length} bytes, code+data $${tune.program.origin.toString(16)}-$${(
      tune.program.origin + tune.program.bytes.length - 1
    ).toString(16)}, subtunes ${seconds.join(' s, ')} s`,
  );
}

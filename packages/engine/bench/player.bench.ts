/**
 * Whole-machine render speed: seconds of audio per second of CPU time for a
 * few tunes of the shared HVSC sample (machine + SIDs + resampling to
 * 44.1 kHz Int16). Run: `npx tsx packages/engine/bench/player.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlayer } from '../src/index.js';

const SAMPLE = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const TUNES = [
  'MUSICIANS/H/Hubbard_Rob/Commando.sid',
  'GAMES/G-L/Kayak.sid',
  'MUSICIANS/G/GI-Joe/Small_House_Beat_2SID.sid',
  'GAMES/S-Z/Tunnel_Vision.sid',
];
const SECONDS = 20;

for (const tune of TUNES) {
  const player = createPlayer(new Uint8Array(readFileSync(join(SAMPLE, tune))));
  const second = new Int16Array(44_100);
  player.render(second);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let s = 0; s < SECONDS; s++) player.render(second);
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const wallSeconds = (performance.now() - wall) / 1000;
  console.log(
    `${tune}: ${(SECONDS / cpuSeconds).toFixed(1)}× real time per CPU second, ` +
      `${(SECONDS / wallSeconds).toFixed(1)}× wall (${player.sidCount} SID)`,
  );
}

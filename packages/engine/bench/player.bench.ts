/**
 * Whole-machine render speed: seconds of audio per second of CPU time for a
 * few tunes of the shared HVSC sample (machine + SIDs + resampling to
 * 44.1 kHz Int16), then seek times on the first tune: 60 s cold (no
 * snapshots yet) and the worst of several seeks once the snapshots exist.
 * Run: `npx tsx packages/engine/bench/player.bench.ts` (CPU time is reported
 * because the machine may be shared; wall time is printed alongside).
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

function cpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

for (const tune of TUNES) {
  const player = createPlayer(new Uint8Array(readFileSync(join(SAMPLE, tune))));
  const second = new Int16Array(44_100);
  player.render(second);
  const cpu = cpuSeconds();
  const wall = performance.now();
  for (let s = 0; s < SECONDS; s++) player.render(second);
  const cpuUsed = cpuSeconds() - cpu;
  const wallSeconds = (performance.now() - wall) / 1000;
  console.log(
    `${tune}: ${(SECONDS / cpuUsed).toFixed(1)}× real time per CPU second, ` +
      `${(SECONDS / wallSeconds).toFixed(1)}× wall (${player.sidCount} SID)`,
  );
}

const seeker = createPlayer(new Uint8Array(readFileSync(join(SAMPLE, TUNES[0]))));
let cpu = cpuSeconds();
seeker.seek(60);
console.log(`seek 60 s cold: ${((cpuSeconds() - cpu) * 1000).toFixed(0)} ms CPU`);
let worst = 0;
for (const target of [5, 42.5, 17, 59, 0.5, 33.3, 51, 12]) {
  cpu = cpuSeconds();
  seeker.seek(target);
  worst = Math.max(worst, cpuSeconds() - cpu);
}
console.log(`worst warm seek: ${(worst * 1000).toFixed(1)} ms CPU`);

/**
 * Cold 60 s seeks of the 20 bench tunes, CPU time per tune: each tune's best of
 * two `createPlayer(bytes).seek(60)` after one 20 s warm-up seek (which compiles
 * the state-only paths), then the median and how many are under 300 ms.
 * Run `npm run build` first (it imports the built package), then
 * `node --import tsx packages/engine/bench/seek.bench.ts` from the repository root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlayer } from '@sidflow/engine';
import { BENCH_TUNES } from './engine-benchmark.js';

const hvscRoot = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

createPlayer(new Uint8Array(readFileSync(join(hvscRoot, BENCH_TUNES[0])))).seek(20);
const times: number[] = [];
for (const tune of BENCH_TUNES) {
  const bytes = new Uint8Array(readFileSync(join(hvscRoot, tune)));
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const player = createPlayer(bytes);
    const start = process.cpuUsage();
    player.seek(60);
    best = Math.min(best, cpuMs(start));
  }
  times.push(best);
  console.log(`${tune}: ${best.toFixed(0)} ms CPU`);
}
const sorted = times.slice().sort((a, b) => a - b);
const median = (sorted[9] + sorted[10]) / 2;
console.log(
  `median ${median.toFixed(0)} ms CPU; ${times.filter((t) => t < 300).length} of ${times.length} under 300 ms; worst ${sorted[sorted.length - 1].toFixed(0)} ms`,
);

/**
 * Resampler throughput: input samples per second from the PAL CPU clock to
 * 44.1 and 48 kHz, fed in 20 ms chunks as the player does. The target is
 * ≥ 100 M input samples/s (≥ 100× real time) so resampling never dominates.
 *
 * Run: npx tsx packages/engine/bench/resampler.bench.ts
 *
 * A plain scalar loop is timed first as a yardstick: on a shared, loaded
 * machine both numbers drop together, so compare the ratio. The rate per
 * second of this process's CPU time is printed too (best of a few rounds).
 */
import { loadavg } from 'node:os';
import { PAL_TIMING } from '../src/c64/clock.js';
import { Resampler } from '../src/output/index.js';

const INPUT_RATE = PAL_TIMING.cpuHz;
const SECONDS = 4;
const ROUNDS = 5;
const CHUNK = Math.round(INPUT_RATE * 0.02);

function yardstick(): number {
  const n = 1 << 20;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i & 255;
  const start = performance.now();
  for (let r = 0; r < 20; r++) for (let i = 0; i < n; i++) y[i] = x[i] * 0.5 + y[i];
  return (20 * n) / ((performance.now() - start) / 1000);
}

function bench(outputRate: number): { wall: number; cpu: number; stages: number; taps: number } {
  const r = new Resampler({ inputRate: INPUT_RATE, outputRate });
  const input = new Float32Array(INPUT_RATE);
  for (let i = 0; i < input.length; i++) {
    // A busy signal: a few tones and a square wave, as a SID would produce.
    input[i] = 0.3 * Math.sin(i * 0.0031) + 0.2 * Math.sin(i * 0.071) + ((i >> 9) & 1 ? 0.1 : -0.1);
  }
  const output = new Float32Array(r.maxOutput(CHUNK));
  let sink = 0;
  // Rates from wall time and from this process's CPU time: on a shared,
  // loaded machine the wall rate mostly measures the other processes.
  const run = (seconds: number): { wall: number; cpu: number } => {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    for (let s = 0; s < seconds; s++) {
      for (let off = 0; off < input.length; off += CHUNK) {
        const made = r.process(input, off, Math.min(CHUNK, input.length - off), output, 0);
        sink += output[made - 1] ?? 0;
      }
    }
    const wallSeconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(startCpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      wall: (seconds * input.length) / wallSeconds,
      cpu: (seconds * input.length) / cpuSeconds,
    };
  };
  run(2); // warm-up: let the JIT settle
  // Best of several rounds: interference from other processes only slows a round down.
  let wall = 0;
  let cpu = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const rates = run(SECONDS);
    wall = Math.max(wall, rates.wall);
    cpu = Math.max(cpu, rates.cpu);
  }
  if (Number.isNaN(sink)) throw new Error('resampler produced NaN');
  return { wall, cpu, stages: r.halfbandStages, taps: r.polyphaseTaps };
}

const loop = yardstick();
console.log(`yardstick scalar loop: ${(loop / 1e6).toFixed(0)} M iterations/s`);
console.log(
  `load average: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
for (const rate of [44_100, 48_000, 96_000]) {
  const { wall, cpu, stages, taps } = bench(rate);
  console.log(
    `${INPUT_RATE} -> ${rate} Hz: ${(wall / 1e6).toFixed(1)} M input samples/s wall, ` +
      `${(cpu / 1e6).toFixed(1)} M/s CPU time (${(wall / INPUT_RATE).toFixed(0)}x / ` +
      `${(cpu / INPUT_RATE).toFixed(0)}x real time; ${stages} half-band stages, ${taps}-tap ` +
      `polyphase, final half-band; ${(wall / loop).toFixed(3)} of the yardstick)`,
  );
}

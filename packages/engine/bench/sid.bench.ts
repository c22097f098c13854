/**
 * Measures SidChip throughput in emulated cycles per second for a busy patch:
 * three gated voices (saw, pulse with moving width, triangle ring-modulated),
 * all routed through a resonant low-pass, with register updates split into
 * several clock() calls per frame like a player routine. Reports the best of
 * several trials in CPU time (the machine is shared, so wall time is noisy).
 *
 * Run: npx tsx packages/engine/bench/sid.bench.ts
 */
import { SidChip } from '../src/sid/sid-chip.js';
import type { SidModel } from '../src/sid/sid-types.js';

const CLOCK_HZ = 985_248;
const CYCLES_PER_FRAME = 19_656;
const FRAMES_PER_TRIAL = 400;
const TRIALS = 5;

const BUSY_PATCH: readonly (readonly [number, number])[] = [
  [0x00, 0x00],
  [0x01, 0x1c],
  [0x05, 0x09],
  [0x06, 0xf8],
  [0x04, 0x21],
  [0x07, 0x00],
  [0x08, 0x0e],
  [0x09, 0x00],
  [0x0a, 0x08],
  [0x0c, 0x22],
  [0x0d, 0xe8],
  [0x0b, 0x41],
  [0x0e, 0x77],
  [0x0f, 0x2a],
  [0x13, 0x00],
  [0x14, 0xf0],
  [0x12, 0x15],
  [0x15, 0x04],
  [0x16, 0x50],
  [0x17, 0xf7],
  [0x18, 0x1f],
];

function playFrames(sid: SidChip, buffer: Float32Array, frames: number, firstFrame: number): void {
  const quarter = CYCLES_PER_FRAME / 4;
  for (let frame = firstFrame; frame < firstFrame + frames; frame++) {
    sid.write(0x16, 0x20 + (frame & 0x3f));
    sid.write(0x0a, 0x04 + (frame & 7));
    sid.write(0x01, 0x10 + (frame & 0x0f));
    for (let part = 0; part < 4; part++) sid.clock(quarter, buffer, part * quarter);
  }
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function measure(model: SidModel): number {
  const sid = new SidChip({ model, clockHz: CLOCK_HZ });
  for (const [register, value] of BUSY_PATCH) sid.write(register, value);
  const buffer = new Float32Array(CYCLES_PER_FRAME);
  playFrames(sid, buffer, 200, 0); // JIT warm-up
  let best = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const start = cpuSeconds();
    playFrames(sid, buffer, FRAMES_PER_TRIAL, trial * FRAMES_PER_TRIAL);
    const rate = (FRAMES_PER_TRIAL * CYCLES_PER_FRAME) / (cpuSeconds() - start);
    if (rate > best) best = rate;
  }
  return best;
}

for (const model of ['6581', '8580'] as const) {
  const rate = measure(model);
  console.log(
    `SID ${model}: ${(rate / 1e6).toFixed(1)} M cycles/s (${(rate / CLOCK_HZ).toFixed(0)}× real time)`,
  );
}

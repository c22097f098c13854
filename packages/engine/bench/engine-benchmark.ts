/**
 * The engine benchmark behind `sidflow bench` and `npm run bench -w @sidflow/engine`:
 * renders 60 s of 20 fixed sample tunes at 44.1 kHz on one thread, times the native
 * `sidplayfp -w` on the same tunes in the same run, and measures seeking, the
 * AudioWorklet quantum, per-player heap and parse-to-first-sample latency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GCProfiler } from 'node:v8';
import { createPlayer, type SidPlayer } from '@sidflow/engine';

/** The 20 fixed tunes, relative to HVSC's C64Music folder. */
export const BENCH_TUNES = [
  '/MUSICIANS/H/Hubbard_Rob/Commando.sid',
  '/MUSICIANS/G/Galway_Martin/Arkanoid.sid',
  '/MUSICIANS/F/Follin_Tim/Bionic_Commando.sid',
  '/MUSICIANS/N/Noro/Rotazoomer.sid',
  '/MUSICIANS/S/SMC/For_Genie.sid',
  '/MUSICIANS/I/Iron_Cat/Middle_Ages.sid',
  '/MUSICIANS/Z/Zyron/Realistic_Facts.sid',
  '/MUSICIANS/T/Trurl/Haesselhoeff.sid',
  '/MUSICIANS/D/Dexter/Tokyo_Ink.sid',
  '/MUSICIANS/J/JCH/Voice_2SID.sid',
  '/MUSICIANS/B/Bakker_Nantco/Running_Scared.sid',
  '/MUSICIANS/B/Brizz/Braintoolz_2.sid',
  '/MUSICIANS/R/Rock/7_on_the_Top.sid',
  '/MUSICIANS/C/Cane/True-Rule.sid',
  '/MUSICIANS/H/Hultink_Gerard/Little_China_Girl.sid',
  '/MUSICIANS/M/Mr_Lonely/I_Love_You_Like_a_Ball_and_Chain.sid',
  '/MUSICIANS/M/Merken_Vincent/Extra_Headline.sid',
  '/MUSICIANS/O/Olsen/No_Limits_tune_05.sid',
  '/GAMES/G-L/Gravitrix_Preview.sid',
  '/MUSICIANS/P/Praiser/Pszczolka_Maja_5x.sid',
];

/** Benchmark options. */
export interface EngineBenchmarkOptions {
  /** The HVSC `C64Music` folder holding {@link BENCH_TUNES}. */
  hvscRoot: string;
  /** Seconds of audio rendered per tune (default 60). */
  seconds?: number;
  /** How many of the 20 tunes to use (default all). */
  tunes?: number;
  /** Also time `sidplayfp -w` (default true when it is installed). */
  reference?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** Figures from one benchmark run. */
export interface EngineBenchmarkResult {
  tunes: number;
  audioSeconds: number;
  engineCpuSeconds: number;
  engineSpeed: number;
  sidplayfpCpuSeconds?: number;
  sidplayfpSpeed?: number;
  ratio?: number;
  /** CPU seconds of the process's first seek (20 s, last tune), which compiles the state-only paths. */
  firstSeekWarmUpSeconds: number;
  /** CPU seconds of a cold 60 s seek on the first tune (a fresh player, no snapshots yet). */
  coldSeek60Seconds: number;
  /** Wall seconds of that seek (inflated when the machine is loaded). */
  coldSeek60WallSeconds: number;
  /** Median and worst CPU seconds of a cold 60 s seek over all the tunes. */
  coldSeekMedianSeconds: number;
  coldSeekWorstSeconds: number;
  coldSeekWorstTune: string;
  /** Worst CPU seconds of eight seeks on the first tune once its snapshots exist. */
  warmSeekMaxSeconds: number;
  /** Mean CPU time per 128-frame quantum at 48 kHz on the first tune (CPU clock over 20,000 quanta). */
  quantumMeanMs: number;
  /** 99th percentile wall time of one quantum (includes load and preemption). */
  quantumP99Ms: number;
  quantumBudgetShare: number;
  /** The tune with the dearest quantum (mean CPU over 3,000 quanta each) and its share of the budget. */
  quantumWorstTune: string;
  quantumWorstShare: number;
  quantumHeapGrowthBytes: number;
  /** Garbage collections during the 20,000 measured quanta (0 = nothing was allocated to collect). */
  quantumGcCount: number;
  /** Median over 5 rounds of (JS heap + typed arrays) per player, 20 players a round, GC forced around. */
  playerHeapBytes: number;
  /** The 5 rounds' figures per player, smallest first (their spread shows how clean the measurement was). */
  playerHeapRounds: number[];
  /** Worst wall ms of createPlayer + first 1-frame render over 10 tunes, in this (warm) process. */
  parseToFirstSampleMs: number;
  /** Median and worst CPU ms of the same 10 calls. */
  parseToFirstSampleCpuMedianMs: number;
  parseToFirstSampleCpuWorstMs: number;
  /**
   * The same call as a user's first, in a fresh Node process (median of 15 by wall): wall
   * and CPU ms (module import excluded, reported apart). Undefined when the built package
   * could not be loaded in a child process.
   */
  freshFirstSampleWallMs?: number;
  freshFirstSampleCpuMs?: number;
  freshImportMs?: number;
  /** The fastest of those fresh processes (wall ms): the figure with the least scheduling noise. */
  freshFirstSampleWallMinMs?: number;
  /** How many of those fresh processes ran a garbage collection during the call. */
  freshFirstSampleGcRuns?: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds used by waited-for child processes (from /proc: utime+stime of children). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A child process that imports the built engine and times createPlayer + one rendered frame. */
const FRESH_SCRIPT = `
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
const collections = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const t0 = performance.now();
const { createPlayer } = await import('@sidflow/engine');
const imported = performance.now() - t0;
const bytes = new Uint8Array(readFileSync(process.env.SIDFLOW_BENCH_TUNE));
const c0 = process.cpuUsage();
const w0 = performance.now();
createPlayer(bytes, { sampleRate: 44100, channels: 1 }).render(new Int16Array(1));
const w1 = performance.now();
const c = process.cpuUsage(c0);
// GC entries are delivered asynchronously, after the timed call.
await new Promise((resolve) => setTimeout(resolve, 10));
const gcMs = collections.filter((e) => e.startTime >= w0 && e.startTime < w1).reduce((sum, e) => sum + e.duration, 0);
process.stdout.write(JSON.stringify({ imported, wall: w1 - w0, cpu: (c.user + c.system) / 1000, gcMs }));
`;

/**
 * Fresh processes timed for the start-up figure: one run's wall time swings by
 * several milliseconds (scheduling, when a garbage collection lands), so the
 * median needs more than a few.
 */
const FRESH_RUNS = 15;

interface FreshRun {
  wall: number;
  cpu: number;
  imported: number;
  /** Milliseconds of garbage collection that started during the call. */
  gcMs: number;
}

interface FreshFigures extends FreshRun {
  /** The fastest run's wall ms. */
  minWall: number;
  /** Runs with a garbage collection during the call. */
  gcRuns: number;
}

/** Median (by wall time) and fastest of `runs` fresh-process first calls, or undefined when the child fails. */
function freshFirstSample(tunePath: string, runs: number): FreshFigures | undefined {
  const got: FreshRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', FRESH_SCRIPT], {
      env: { ...process.env, SIDFLOW_BENCH_TUNE: tunePath },
      encoding: 'utf8',
    });
    if (r.status !== 0) return undefined;
    try {
      got.push(JSON.parse(r.stdout) as FreshRun);
    } catch {
      return undefined;
    }
  }
  got.sort((a, b) => a.wall - b.wall);
  return {
    ...got[Math.floor(got.length / 2)],
    minWall: got[0].wall,
    gcRuns: got.filter((run) => run.gcMs > 0).length,
  };
}

/** Runs the benchmark and returns its figures. */
export function runEngineBenchmark(options: EngineBenchmarkOptions): EngineBenchmarkResult {
  const seconds = options.seconds ?? 60;
  const log = options.log ?? (() => {});
  const list = BENCH_TUNES.slice(0, options.tunes ?? BENCH_TUNES.length);
  const files = list.map((p) => ({
    path: p,
    bytes: new Uint8Array(readFileSync(join(options.hvscRoot, p))),
  }));
  const rate = 44100;
  const chunk = new Int16Array(4096);

  // Throughput: our engine and the native reference, tune by tune in turn, so a change in the
  // host's speed during the run (seen here at ±30 %) falls on both alike.
  const useReference = options.reference ?? existsSync('/usr/bin/sidplayfp');
  const dir = useReference ? mkdtempSync(join(tmpdir(), 'sidflow-bench-')) : '';
  let engineCpu = 0;
  let refCpu = 0;
  try {
    for (const [i, f] of files.entries()) {
      const t0 = cpuSeconds();
      const player = createPlayer(f.bytes, { sampleRate: rate, channels: 1 });
      let left = seconds * rate;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        player.render(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
      }
      const took = cpuSeconds() - t0;
      engineCpu += took;
      log(`engine    ${f.path}: ${(seconds / took).toFixed(1)}x real time`);
      if (!useReference) continue;
      const before = childCpuSeconds();
      const r = spawnSync(
        'sidplayfp',
        ['-q', `-w${join(dir, `${i}.wav`)}`, `-t${seconds}`, join(options.hvscRoot, f.path)],
        { stdio: 'ignore' },
      );
      const refTook = childCpuSeconds() - before;
      if (r.status !== 0) log(`sidplayfp ${f.path}: exit ${r.status}`);
      refCpu += refTook;
      log(`sidplayfp ${f.path}: ${(seconds / refTook).toFixed(1)}x real time`);
    }
  } finally {
    if (useReference) rmSync(dir, { recursive: true, force: true });
  }
  const audioSeconds = seconds * files.length;
  const result: EngineBenchmarkResult = {
    tunes: files.length,
    audioSeconds,
    engineCpuSeconds: engineCpu,
    engineSpeed: audioSeconds / engineCpu,
    firstSeekWarmUpSeconds: 0,
    coldSeek60Seconds: 0,
    coldSeek60WallSeconds: 0,
    coldSeekMedianSeconds: 0,
    coldSeekWorstSeconds: 0,
    coldSeekWorstTune: '',
    warmSeekMaxSeconds: 0,
    quantumMeanMs: 0,
    quantumP99Ms: 0,
    quantumBudgetShare: 0,
    quantumWorstTune: '',
    quantumWorstShare: 0,
    quantumHeapGrowthBytes: 0,
    quantumGcCount: 0,
    playerHeapBytes: 0,
    playerHeapRounds: [],
    parseToFirstSampleMs: 0,
    parseToFirstSampleCpuMedianMs: 0,
    parseToFirstSampleCpuWorstMs: 0,
  };

  if (useReference) {
    result.sidplayfpCpuSeconds = refCpu;
    result.sidplayfpSpeed = audioSeconds / refCpu;
    result.ratio = result.engineSpeed / result.sidplayfpSpeed;
  }

  // Seeking: 60 s cold (no snapshots yet) on every tune, then random seeks once snapshots exist.
  // CPU time is the figure (the machine may be shared); wall time is kept for the first tune.
  const seekTune = files[0].bytes;
  // "Cold" means no snapshots yet, not uncompiled code: playback above never ran the
  // state-only paths, so one throwaway seek compiles them first (timed apart).
  {
    const c0 = cpuSeconds();
    createPlayer(files[files.length - 1].bytes, { sampleRate: rate, channels: 1 }).seek(20);
    result.firstSeekWarmUpSeconds = cpuSeconds() - c0;
  }
  const coldSeeks: number[] = [];
  for (const f of files) {
    const player = createPlayer(f.bytes, { sampleRate: rate, channels: 1 });
    const c0 = cpuSeconds();
    const w0 = performance.now();
    player.seek(60);
    const took = cpuSeconds() - c0;
    if (coldSeeks.length === 0) {
      result.coldSeek60Seconds = took;
      result.coldSeek60WallSeconds = (performance.now() - w0) / 1000;
    }
    if (took > result.coldSeekWorstSeconds) {
      result.coldSeekWorstSeconds = took;
      result.coldSeekWorstTune = f.path;
    }
    coldSeeks.push(took);
    log(`seek 60 s ${f.path}: ${(took * 1000).toFixed(0)} ms CPU`);
  }
  coldSeeks.sort((a, b) => a - b);
  result.coldSeekMedianSeconds = coldSeeks[Math.floor(coldSeeks.length / 2)];
  const seeker = createPlayer(seekTune, { sampleRate: rate, channels: 1 });
  seeker.seek(60);
  let worst = 0;
  for (const target of [5, 42.5, 17, 59, 0.5, 33.3, 51, 12]) {
    const c0 = cpuSeconds();
    seeker.seek(target);
    worst = Math.max(worst, cpuSeconds() - c0);
  }
  result.warmSeekMaxSeconds = worst;

  // AudioWorklet quantum: 128 frames at 48 kHz, steady state. The mean is CPU time over the
  // whole loop; per-quantum wall times (p99) are taken in a separate loop, since reading the
  // clock per quantum itself allocates a number. Allocation: heap growth and a GC profile over
  // the measured loop (no collection at all means nothing was allocated to collect).
  const quantum = new Float32Array(128);
  const budgetMs = (128 / 48000) * 1000;
  const quantumPlayer = createPlayer(seekTune, { sampleRate: 48000, channels: 1 });
  for (let i = 0; i < 2000; i++) quantumPlayer.render(quantum);
  const quanta = 20000;
  gc();
  const profiler = new GCProfiler();
  const heapBefore = process.memoryUsage().heapUsed;
  profiler.start();
  const q0 = cpuSeconds();
  for (let i = 0; i < quanta; i++) quantumPlayer.render(quantum);
  const q1 = cpuSeconds();
  const gcProfile = profiler.stop();
  const heapAfter = process.memoryUsage().heapUsed;
  result.quantumMeanMs = ((q1 - q0) * 1000) / quanta;
  result.quantumBudgetShare = result.quantumMeanMs / budgetMs;
  result.quantumHeapGrowthBytes = heapAfter - heapBefore;
  result.quantumGcCount = gcProfile.statistics.length;
  const times = new Float64Array(quanta);
  for (let i = 0; i < quanta; i++) {
    const s = performance.now();
    quantumPlayer.render(quantum);
    times[i] = performance.now() - s;
  }
  times.sort();
  result.quantumP99Ms = times[Math.floor(quanta * 0.99)];
  for (const f of files) {
    const player = createPlayer(f.bytes, { sampleRate: 48000, channels: 1 });
    for (let i = 0; i < 500; i++) player.render(quantum);
    const c0 = cpuSeconds();
    for (let i = 0; i < 3000; i++) player.render(quantum);
    const share = ((cpuSeconds() - c0) * 1000) / 3000 / budgetMs;
    if (share > result.quantumWorstShare) {
      result.quantumWorstShare = share;
      result.quantumWorstTune = f.path;
    }
  }

  // Heap per player (needs --expose-gc for a clean figure): 20 players a round, a forced
  // GC before and after, median of 5 rounds (one collection landing inside a round would
  // otherwise skew or even flip the sign of a single difference).
  // Typed arrays live outside the JS heap, so count their backing stores too.
  const memory = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  // Every round's players stay alive to the end: freeing one round's would let their
  // array buffers (released lazily, after the collection) shrink the next round's figure.
  const rounds: number[] = [];
  const kept: SidPlayer[] = [];
  for (let round = 0; round < 5; round++) {
    gc();
    gc();
    const h0 = memory();
    for (let i = 0; i < 20; i++) {
      kept.push(createPlayer(files[i % files.length].bytes, { sampleRate: rate, channels: 1 }));
    }
    gc();
    gc();
    rounds.push((memory() - h0) / 20);
  }
  for (const p of kept) p.dispose();
  kept.length = 0;
  rounds.sort((a, b) => a - b);
  result.playerHeapRounds = rounds;
  result.playerHeapBytes = rounds[2];

  // Parse-to-first-sample in this process (everything compiled and designed already).
  const first = new Int16Array(1);
  let worstFirst = 0;
  const firstCpu: number[] = [];
  for (const f of files.slice(0, 10)) {
    const c0 = cpuSeconds();
    const s = performance.now();
    createPlayer(f.bytes, { sampleRate: rate, channels: 1 }).render(first);
    worstFirst = Math.max(worstFirst, performance.now() - s);
    firstCpu.push((cpuSeconds() - c0) * 1000);
  }
  firstCpu.sort((a, b) => a - b);
  result.parseToFirstSampleMs = worstFirst;
  result.parseToFirstSampleCpuMedianMs = firstCpu[Math.floor(firstCpu.length / 2)];
  result.parseToFirstSampleCpuWorstMs = firstCpu[firstCpu.length - 1];

  // What a user feels on the first call: a fresh process (nothing compiled, no tables yet).
  const fresh = freshFirstSample(join(options.hvscRoot, files[0].path), FRESH_RUNS);
  if (fresh !== undefined) {
    result.freshFirstSampleWallMs = fresh.wall;
    result.freshFirstSampleCpuMs = fresh.cpu;
    result.freshImportMs = fresh.imported;
    result.freshFirstSampleWallMinMs = fresh.minWall;
    result.freshFirstSampleGcRuns = fresh.gcRuns;
  } else {
    log('fresh-process first sample: the built @sidflow/engine could not be loaded, skipped');
  }
  return result;
}

/** Formats a result as the lines printed by `sidflow bench`. */
export function formatEngineBenchmark(r: EngineBenchmarkResult): string {
  const lines = [
    `tunes: ${r.tunes}, ${r.audioSeconds} s of audio at 44.1 kHz, one thread`,
    `engine:    ${r.engineSpeed.toFixed(1)} s of audio per CPU second (${r.engineCpuSeconds.toFixed(2)} CPU s)`,
  ];
  if (r.sidplayfpSpeed !== undefined) {
    lines.push(
      `sidplayfp: ${r.sidplayfpSpeed.toFixed(1)} s of audio per CPU second (${r.sidplayfpCpuSeconds?.toFixed(2)} CPU s)`,
      `ratio:     ${r.ratio?.toFixed(2)}x sidplayfp`,
    );
  }
  lines.push(
    `seek 60 s cold (CPU): ${(r.coldSeek60Seconds * 1000).toFixed(1)} ms on the first tune (${(r.coldSeek60WallSeconds * 1000).toFixed(1)} ms wall); ` +
      `median ${(r.coldSeekMedianSeconds * 1000).toFixed(1)} ms, worst ${(r.coldSeekWorstSeconds * 1000).toFixed(1)} ms (${r.coldSeekWorstTune}) over all tunes`,
    `worst warm seek (CPU): ${(r.warmSeekMaxSeconds * 1000).toFixed(1)} ms; the process's first seek (20 s, JIT warm-up, not counted above): ${(r.firstSeekWarmUpSeconds * 1000).toFixed(0)} ms`,
    `128-frame quantum at 48 kHz: mean ${(r.quantumMeanMs * 1000).toFixed(0)} µs CPU ` +
      `(${(r.quantumBudgetShare * 100).toFixed(1)} % of the 2.67 ms budget), p99 ${(r.quantumP99Ms * 1000).toFixed(0)} µs wall; ` +
      `dearest tune ${(r.quantumWorstShare * 100).toFixed(1)} % (${r.quantumWorstTune})`,
    `allocation over 20,000 quanta: heap growth ${r.quantumHeapGrowthBytes} bytes, ${r.quantumGcCount} garbage collections`,
    `heap + typed arrays per player: ${(r.playerHeapBytes / 1024).toFixed(0)} KiB (median of 5 rounds of 20 players; rounds ${r.playerHeapRounds.map((b) => (b / 1024).toFixed(0)).join(', ')} KiB)`,
    `parse-to-first-sample, warm process: worst ${r.parseToFirstSampleMs.toFixed(1)} ms wall of 10; CPU median ${r.parseToFirstSampleCpuMedianMs.toFixed(1)} ms, worst ${r.parseToFirstSampleCpuWorstMs.toFixed(1)} ms`,
  );
  if (r.freshFirstSampleWallMs !== undefined) {
    lines.push(
      `parse-to-first-sample, fresh process (first tune, median of ${FRESH_RUNS}): ${r.freshFirstSampleWallMs.toFixed(1)} ms wall, ` +
        `${r.freshFirstSampleCpuMs?.toFixed(1)} ms CPU (after importing the package: ${r.freshImportMs?.toFixed(1)} ms); ` +
        `fastest ${r.freshFirstSampleWallMinMs?.toFixed(1)} ms wall; a garbage collection during the call in ${r.freshFirstSampleGcRuns} of ${FRESH_RUNS}`,
    );
  }
  return lines.join('\n');
}

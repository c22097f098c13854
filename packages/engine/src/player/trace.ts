import { readTuneSource, tuneSidAddresses } from '../drivers/tune-info.js';
import { buildMachine, exactCpuHz } from './build-machine.js';
import { type PlayerOptions, resolvePlayerOptions } from './player-options.js';

/** Options of {@link traceSnapshots}. */
export interface TraceSnapshotOptions {
  /** 1-based song; 0 or absent = the header's start song (as sidtrace). */
  song?: number;
  /** Seconds of playback to trace (at 44,100 samples/s). */
  seconds: number;
  /** Output samples (at 44,100 Hz) between snapshots, 1–44,100. */
  every: number;
  /** SID model choice, as for the player. Default `'auto'`. */
  chip?: PlayerOptions['chip'];
  /** Video standard, as for the player. Default `'auto'`. */
  clock?: PlayerOptions['clock'];
  /** Receives each line as it is produced; the returned array then stays empty. */
  onLine?: (line: string) => void;
}

/** Options of {@link traceWrites}. */
export interface TraceWriteOptions {
  /** 1-based song; 0 or absent = the header's start song (as sidtrace). */
  song?: number;
  /** Seconds of playback to trace. */
  seconds: number;
  /** SID model choice, as for the player. Default `'auto'`. */
  chip?: PlayerOptions['chip'];
  /** Video standard, as for the player. Default `'auto'`. */
  clock?: PlayerOptions['clock'];
  /** Receives each line as it is produced; the returned array then stays empty. */
  onLine?: (line: string) => void;
}

/** Sample rate sidtrace counts snapshots in. */
const TRACE_RATE = 44_100;

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}

/**
 * Runs a tune without audio and calls `onWrite` for every SID write in
 * cycle order until `endCycle`, chunk by chunk; `onChunk` sees each chunk's end cycle.
 */
function runTrace(
  bytes: Uint8Array,
  options: TraceWriteOptions,
  endCycleFor: (cpuHz: number) => number,
  onWrite: (cycle: number, sid: number, register: number, value: number) => void,
  onChunk: (cycle: number) => void,
): void {
  const tune = readTuneSource(bytes);
  const resolved = resolvePlayerOptions(tune, {
    song: options.song === 0 ? undefined : options.song,
    chip: options.chip,
    clock: options.clock,
  });
  const { c64 } = buildMachine({
    tune,
    song: resolved.song,
    video: resolved.video,
    sidModels: resolved.sidModels,
    roms: {},
    chunkCycles: 8192,
  });
  const endCycle = endCycleFor(exactCpuHz(resolved.video));
  c64.addObserver(onWrite);
  while (c64.cycle < endCycle) {
    c64.runCycles(Math.min(8192, Math.max(1, endCycle - c64.cycle)));
    onChunk(c64.cycle);
  }
}

/**
 * Register snapshots in the format of libsidplayfp's `sidtrace --timing exact`:
 * one line per snapshot K = 1, 2, … — `K·every` then, per SID, the 25
 * registers $D400–$D418 as last written (lower-case hex) by CPU writes strictly
 * before cycle ⌊K·every·cpuHz/44100⌋ (cycle 0 = the reset that starts the song).
 */
export function traceSnapshots(bytes: Uint8Array, options: TraceSnapshotOptions): string[] {
  const every = Math.trunc(options.every);
  const total = Math.trunc(options.seconds * TRACE_RATE);
  const count = every > 0 ? Math.trunc(total / every) : 0;
  const lines: string[] = [];
  let cpuHz = 0;
  const state = new Uint8Array(32 * tuneSidAddresses(readTuneSource(bytes)).length);
  const pending: number[] = [];
  let next = 1;
  const snapCycle = (k: number): number => Math.floor((k * every * cpuHz) / TRACE_RATE);
  const emitUpTo = (cycle: number): void => {
    while (next <= count && snapCycle(next) <= cycle) {
      const limit = snapCycle(next);
      let used = 0;
      while (used < pending.length && pending[used] < limit) {
        state[pending[used + 1] * 32 + pending[used + 2]] = pending[used + 3];
        used += 4;
      }
      pending.splice(0, used);
      let line = String(next * every);
      for (let sid = 0; sid < state.length / 32; sid++) {
        for (let r = 0; r < 25; r++) line += ` ${hex2(state[sid * 32 + r])}`;
      }
      if (options.onLine) options.onLine(line);
      else lines.push(line);
      next++;
    }
  };
  runTrace(
    bytes,
    options,
    (hz) => {
      cpuHz = hz;
      return snapCycle(count);
    },
    (cycle, sid, register, value) => {
      pending.push(cycle, sid, register, value);
    },
    emitUpTo,
  );
  return lines;
}

/**
 * Every SID write in the first `seconds`, in the format of sidtrace's
 * `--writes` log: `<cycle> <sid> <register hex2> <value hex2>`.
 */
export function traceWrites(bytes: Uint8Array, options: TraceWriteOptions): string[] {
  const lines: string[] = [];
  let endCycle = 0;
  runTrace(
    bytes,
    options,
    (hz) => {
      endCycle = Math.floor((Math.trunc(options.seconds * TRACE_RATE) * hz) / TRACE_RATE);
      return endCycle;
    },
    (cycle, sid, register, value) => {
      if (cycle >= endCycle) return;
      const line = `${cycle} ${sid} ${hex2(register)} ${hex2(value)}`;
      if (options.onLine) options.onLine(line);
      else lines.push(line);
    },
    () => {},
  );
  return lines;
}

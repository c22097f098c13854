import { C64 } from '../../src/c64/c64.js';
import { Cia6526 } from '../../src/c64/cia/cia6526.js';
import { PAL_TIMING } from '../../src/c64/clock.js';
import { Cpu6510 } from '../../src/c64/cpu/cpu6510.js';
import { C64Memory } from '../../src/c64/memory.js';
import { VicII } from '../../src/c64/vic/vic-ii.js';
import { SidChip } from '../../src/sid/sid-chip.js';
import type { SidModel } from '../../src/sid/sid-types.js';

/** A PAL machine running a probe program from reset, with its SID writes logged. */
export interface ProbeMachine {
  c64: C64;
  memory: C64Memory;
  cpu: Cpu6510;
  /** `cycle:register:value` for every SID write, in order. */
  log: string[];
}

/**
 * Builds a machine with one SID of `model` that starts `program` at `origin`.
 * `everyCycle` drives the CIAs' time-of-day input from the bus, which puts a chip
 * event on every cycle: every access then takes the bus's full path, every chip
 * runs every cycle and no loop pass is skipped — the reference the bus's lazy
 * clocking, loop skips and plain-RAM path must match.
 */
export function probeMachine(
  program: readonly number[],
  origin: number,
  model: SidModel,
  everyCycle: boolean,
): ProbeMachine {
  const memory = new C64Memory();
  const tod = everyCycle ? 0 : 19_704;
  const cia1 = new Cia6526({ todPeriodCycles: tod });
  const cia2 = new Cia6526({ todPeriodCycles: tod });
  let cpu: Cpu6510 | undefined;
  const c64 = new C64({
    memory,
    createCpu: (bus) => {
      cpu = new Cpu6510(bus);
      return cpu;
    },
    vic: new VicII(PAL_TIMING),
    cia1,
    cia2,
    sids: [new SidChip({ model, clockHz: 985_248 })],
    extraSidAddresses: [],
    todDividerCycles: everyCycle ? 19_704 : 0,
    todTick: () => {
      cia1.todTick();
      cia2.todTick();
    },
  });
  memory.ram.set(program, origin);
  memory.setResetVector(origin);
  c64.resetCpu();
  const log: string[] = [];
  c64.addObserver((cycle, _sid, register, value) => log.push(`${cycle}:${register}:${value}`));
  return { c64, memory, cpu: cpu as Cpu6510, log };
}

import { C64 } from '../../src/c64/c64.js';
import { Cia6526 } from '../../src/c64/cia/cia6526.js';
import { PAL_TIMING } from '../../src/c64/clock.js';
import { Cpu6510 } from '../../src/c64/cpu/cpu6510.js';
import { C64Memory } from '../../src/c64/memory.js';
import { VicII } from '../../src/c64/vic/vic-ii.js';
import { SidChip } from '../../src/sid/sid-chip.js';

/** A PAL machine with real chips whose reset vector runs `program` at `origin`. */
export function machineRunning(program: number[], origin = 0x1000, extraSids: number[] = []): C64 {
  const memory = new C64Memory();
  const c64 = new C64({
    memory,
    createCpu: (bus) => new Cpu6510(bus),
    vic: new VicII(PAL_TIMING),
    cia1: new Cia6526({ todPeriodCycles: 19_704 }),
    cia2: new Cia6526({ todPeriodCycles: 19_704 }),
    sids: [0, ...extraSids].map(() => new SidChip({ model: '6581', clockHz: 985_248 })),
    extraSidAddresses: extraSids,
  });
  memory.ram.set(program, origin);
  memory.setResetVector(origin);
  c64.resetCpu();
  return c64;
}

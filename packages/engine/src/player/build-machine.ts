import { C64 } from '../c64/c64.js';
import { Cia6526 } from '../c64/cia/cia6526.js';
import { clockTiming, type VideoStandard } from '../c64/clock.js';
import { Cpu6510 } from '../c64/cpu/cpu6510.js';
import { C64Memory, type SystemRoms } from '../c64/memory.js';
import { VicII } from '../c64/vic/vic-ii.js';
import type { DriverCode } from '../drivers/driver-code.js';
import { installPsidDriver } from '../drivers/psid-driver.js';
import { installRsidDriver } from '../drivers/rsid-driver.js';
import { type TuneSource, tuneSidAddresses } from '../drivers/tune-info.js';
import { SidChip } from '../sid/sid-chip.js';
import type { SidModel } from '../sid/sid-types.js';

/**
 * The CPU clock in Hz as libsidplayfp derives it from the colour-burst
 * crystal (PAL 4 × 4,433,618.75 / 18 ≈ 985,248.6; NTSC 4 × 3,579,545.455 / 14
 * ≈ 1,022,727.3). Sample counts are converted to cycles with these values.
 */
export function exactCpuHz(standard: VideoStandard): number {
  return standard === 'NTSC' ? (3_579_545.455 * 4) / 14 : (4_433_618.75 * 4) / 18;
}

/** Everything needed to build a machine for one song. */
export interface MachineSetup {
  /** The tune. */
  tune: TuneSource;
  /** 1-based song. */
  song: number;
  /** Video standard of the machine. */
  video: VideoStandard;
  /** Model of each SID (index 0 = $D400). */
  sidModels: SidModel[];
  /** System ROMs to bank in. */
  roms: SystemRoms;
  /** Cycles per render chunk. */
  chunkCycles: number;
}

/** A machine ready to run from the song's cycle 0. */
export interface BuiltMachine {
  /** The machine. */
  c64: C64;
  /** The driver installed in it. */
  driver: DriverCode;
}

/**
 * Builds and powers on a C64 for one song: chips reset, memory reset, tune and
 * driver installed, CPU reset (cycle 0 = the first cycle of the reset sequence).
 *
 * @throws NeedsBasicRomError for a BASIC tune without a BASIC ROM
 */
export function buildMachine(setup: MachineSetup): BuiltMachine {
  const timing = clockTiming(setup.video);
  const cpuHz = exactCpuHz(setup.video);
  const memory = new C64Memory(setup.roms);
  const addresses = tuneSidAddresses(setup.tune);
  const sids = addresses.map(
    (_, i) => new SidChip({ model: setup.sidModels[i] ?? setup.sidModels[0], clockHz: cpuHz }),
  );
  // libsidplayfp feeds the CIAs' TOD input at trunc(cpuHz / mains Hz) cycles.
  const todPeriodCycles = Math.trunc(cpuHz / (setup.video === 'NTSC' ? 60 : 50));
  const c64 = new C64(
    {
      memory,
      createCpu: (bus) => new Cpu6510(bus),
      vic: new VicII(timing),
      cia1: new Cia6526({ todPeriodCycles }),
      cia2: new Cia6526({ todPeriodCycles }),
      sids,
      extraSidAddresses: addresses.slice(1),
    },
    setup.chunkCycles,
  );
  const install = setup.tune.format === 'RSID' ? installRsidDriver : installPsidDriver;
  const driver = install(memory, setup.tune, {
    song: setup.song,
    machinePal: setup.video === 'PAL',
  });
  c64.watchAddress = driver.afterInit;
  c64.resetCpu();
  return { c64, driver };
}

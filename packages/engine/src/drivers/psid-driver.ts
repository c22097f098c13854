import type { C64Memory } from '../c64/memory.js';
import type { DriverCode } from './driver-code.js';
import { type InstallOptions, installTune } from './install-tune.js';
import type { TuneSource } from './tune-info.js';

/**
 * Starts a PSID tune: memory as after the KERNAL's reset (VIC and CIAs are
 * programmed by the driver at cycle 0: CIA 1 timer A = $4025 PAL / $4295 NTSC,
 * raster compare line 0), data loaded, init called with A = song − 1 and the
 * I flag set, then play on every raster IRQ (VBI) or CIA 1 timer A underflow
 * (speed bit set), with $01 banked for each routine's address. Play address
 * 0 leaves $0314 at the driver's exit so the tune's own handler runs.
 */
export function installPsidDriver(
  memory: C64Memory,
  tune: TuneSource,
  options: InstallOptions,
): DriverCode {
  return installTune(memory, tune, options);
}

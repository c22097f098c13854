import type { C64Memory } from '../c64/memory.js';
import { NeedsBasicRomError } from '../player/needs-basic-rom-error.js';
import type { DriverCode } from './driver-code.js';
import { type InstallOptions, installTune } from './install-tune.js';
import { type TuneSource, tuneCompatibility } from './tune-info.js';

/**
 * Starts an RSID tune in the environment the format specifies: low RAM as
 * after the KERNAL's cold start, $0314 pointing at an exit that acknowledges
 * CIA 1, CIA 1 timer A running at 60 Hz with its interrupt enabled, the raster
 * compare at line $137 but the VIC interrupt off, $01 = $37, and init running
 * as the main program with the I flag clear. BASIC tunes RUN through a hook in
 * the BASIC ROM, which must be supplied.
 *
 * @throws NeedsBasicRomError for a BASIC tune when `memory` has no BASIC ROM
 */
export function installRsidDriver(
  memory: C64Memory,
  tune: TuneSource,
  options: InstallOptions,
): DriverCode {
  if (tuneCompatibility(tune) === 'basic' && !memory.hasBasicRom) throw new NeedsBasicRomError();
  return installTune(memory, tune, options);
}

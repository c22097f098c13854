import type { C64Memory } from '../c64/memory.js';
import { buildDriverCode, type DriverCode } from './driver-code.js';
import { applyPowerOnLowRam } from './power-on-low-ram.js';
import { songUsesCia, type TuneSource, tuneCompatibility } from './tune-info.js';

/** How to start a tune. */
export interface InstallOptions {
  /** 1-based song number (already validated). */
  song: number;
  /** True when the emulated machine is PAL. */
  machinePal: boolean;
  /** Idle loop count before init (libsidplayfp's power-on delay; 0 = deterministic). */
  powerOnDelay?: number;
}

/** $01 value libsidplayfp uses to call a PSID routine at `address` (0 = real C64 environment). */
export function bankFor(tune: TuneSource, address: number): number {
  const compatibility = tuneCompatibility(tune);
  if (compatibility === 'r64' || compatibility === 'basic' || address === 0) return 0;
  if (address < 0xa000) return 0x37;
  if (address < 0xd000) return 0x36;
  if (address >= 0xe000) return 0x35;
  return 0x34;
}

/**
 * Page the driver goes to: the tune's declared free page, else the first page
 * from $04 that the tune's data and the BASIC ROM area leave free (BASIC tunes:
 * the screen at $0400). Unlike libsidplayfp, a tune declaring no free page
 * (0xFF) still gets the first free page rather than failing to load.
 */
export function driverPage(tune: TuneSource): number {
  if (tuneCompatibility(tune) === 'basic') return 0x04;
  if (tune.relocStartPage !== 0 && tune.relocStartPage !== 0xff && tune.relocPages > 0) {
    return tune.relocStartPage;
  }
  const first = tune.loadAddress >> 8;
  const last = (tune.loadAddress + tune.data.length - 1) >> 8;
  for (let page = 0x04; page < 0xd0; page++) {
    if (page >= first && page <= last) continue;
    if (page >= 0xa0 && page <= 0xbf) continue;
    return page;
  }
  return 0x04;
}

/**
 * Puts a tune and our driver into a freshly reset machine's memory, as
 * libsidplayfp's player does before it resets the CPU: clear $0000–$03FE (an
 * RSID then gets the cold-start low RAM), hook the KERNAL reset
 * vector to the driver, set $02A6 (PAL flag), install the interrupt vectors,
 * copy the driver and then the tune data (so a tune loading over the vectors
 * wins), and set the BASIC pointers the loader would ($2D/$2F/$31 = end,
 * $AC = start, $AE = end).
 */
export function installTune(
  memory: C64Memory,
  tune: TuneSource,
  options: InstallOptions,
): DriverCode {
  const ram = memory.ram;
  const compatibility = tuneCompatibility(tune);
  const realC64 = compatibility === 'r64' || compatibility === 'basic';
  const base = driverPage(tune) << 8;
  const initAddress =
    compatibility === 'basic'
      ? 0xbf55
      : tune.initAddress === 0
        ? tune.loadAddress
        : tune.initAddress;
  const clockPal = tune.clock === 'PAL' ? true : tune.clock === 'NTSC' ? false : options.machinePal;
  const driver = buildDriverCode(base, {
    song: options.song - 1,
    speedCia: songUsesCia(tune, options.song),
    initAddress,
    playAddress: tune.playAddress,
    powerOnDelay: options.powerOnDelay ?? 0,
    initBank: bankFor(tune, initAddress),
    playBank: bankFor(tune, tune.playAddress),
    videoPal: options.machinePal,
    tunePal: clockPal,
    initFlags: realC64 ? 0 : 0x04,
  });

  // libsidplayfp clears $0000–$03FE for every tune; an RSID then gets the cold-start state.
  ram.fill(0, 0, 0x3ff);
  if (realC64) applyPowerOnLowRam(ram);
  ram[0x02a6] = options.machinePal ? 1 : 0;
  memory.setResetVector(driver.cold);
  if (compatibility === 'basic') {
    // BASIC's warm start loop ($A7AE) jumps to a stub that stores the song in $030C and RUNs.
    const song = options.song - 1;
    memory.basic.set([0xa9, song, 0x8d, 0x0c, 0x03, 0x20, 0x2c, 0xa8, 0x4c, 0xb1, 0xa7], 0x1f53);
    memory.basic.set([0x4c, 0x53, 0xbf], 0x07ae);
  } else {
    setWord(ram, 0x0314, driver.irqReturn);
    if (!realC64) {
      setWord(ram, 0x0316, driver.exception);
      setWord(ram, 0x0318, driver.exception);
    }
    // A tune restarting BASIC lands in the STOP vector, which re-enters the driver.
    memory.basic.set([0x4c, 0xe1, 0xff], 0x07ae);
    setWord(ram, 0x0328, driver.setIoMap);
  }
  ram.set(driver.bytes, base);

  const length = Math.min(tune.data.length, 0x10000 - tune.loadAddress);
  ram.set(tune.data.subarray(0, length), tune.loadAddress);
  const end = (tune.loadAddress + length) & 0xffff;
  setWord(ram, 0x2d, end);
  setWord(ram, 0x2f, end);
  setWord(ram, 0x31, end);
  setWord(ram, 0xac, tune.loadAddress);
  setWord(ram, 0xae, end);
  return driver;
}

/** Stores a little-endian word in RAM. */
export function setWord(ram: Uint8Array, address: number, value: number): void {
  ram[address] = value & 0xff;
  ram[address + 1] = (value >> 8) & 0xff;
}

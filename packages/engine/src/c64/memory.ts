import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { buildKernalReplacement } from './kernal/kernal-replacement.js';

/** The C64 system ROM images a caller may supply (each exactly as dumped from the chip). */
export interface SystemRoms {
  /** KERNAL ROM, 8,192 bytes, mapped at $E000–$FFFF. Absent: our own replacement. */
  kernal?: Uint8Array;
  /** BASIC ROM, 8,192 bytes, mapped at $A000–$BFFF. Absent: the area reads as zeros, like libsidplayfp. */
  basic?: Uint8Array;
  /** Character ROM, 4,096 bytes, mapped at $D000–$DFFF when I/O is off. Absent: reads as zeros. */
  chargen?: Uint8Array;
}

/** What the CPU sees in one 4 KiB page: RAM. */
export const PAGE_RAM = 0;
/** What the CPU sees in one 4 KiB page: BASIC ROM. */
export const PAGE_BASIC = 1;
/** What the CPU sees in one 4 KiB page: KERNAL ROM. */
export const PAGE_KERNAL = 2;
/** What the CPU sees in one 4 KiB page: character ROM. */
export const PAGE_CHARGEN = 3;
/** What the CPU sees in one 4 KiB page: the I/O chips. */
export const PAGE_IO = 4;

/**
 * Cycles after which an undriven bit 6 or 7 of the 6510 port reads 0 again:
 * the pin keeps its charge for a while (about 350 ms on a warm 6510; the value
 * libsidplayfp and VICE use).
 */
const PORT_FALL_OFF_CYCLES = 350_000;

/**
 * The byte at `address` in RAM at power-on, as libsidplayfp 2.4 fills it
 * (read back through its CPU with a probe tune): runs of two $00, four $FF,
 * two $00 repeating every 8 bytes, inverted in $4000–$7FFF and $C000–$FFFF.
 * Tunes that read memory they never wrote (scroll texts, tables past their
 * data) take different paths depending on it; `Day_After_Tomorrow_Part_4`'s
 * scroller reads $5430, which holds $FF here, not $00.
 */
export function powerOnRamByte(address: number): number {
  const run = (address + 2) & 4 ? 0xff : 0x00;
  return address & 0x4000 ? run ^ 0xff : run;
}

let powerOnRamImage: Uint8Array | undefined;

/**
 * All 64 KiB of {@link powerOnRamByte}, built once per process by doubling copies: a
 * byte-by-byte loop ran uncompiled on a fresh process's first player and cost
 * milliseconds of its start-up.
 */
function powerOnRam(): Uint8Array {
  if (powerOnRamImage !== undefined) return powerOnRamImage;
  const image = new Uint8Array(0x10000);
  for (const base of [0x0000, 0x4000]) {
    for (let i = 0; i < 8; i++) image[base + i] = powerOnRamByte(base + i);
    for (let n = 8; n < 0x4000; n *= 2) image.copyWithin(base + n, base, base + n);
  }
  image.copyWithin(0x8000, 0, 0x8000);
  powerOnRamImage = image;
  return image;
}

/**
 * The C64's memory: 64 KiB RAM, colour RAM, the system ROMs and the 6510's
 * on-chip I/O port at $00 (data direction) / $01 (data), whose LORAM, HIRAM
 * and CHAREN lines bank BASIC, KERNAL, character ROM and I/O in and out. The
 * machine asks {@link C64Memory.readPage}/{@link C64Memory.ioWritable} what an
 * address maps to; I/O chip access itself lives in the machine.
 */
export class C64Memory {
  /** The 64 KiB of RAM. */
  readonly ram = new Uint8Array(0x10000);
  /** Colour RAM ($D800–$DBFF), 4 bits per cell. */
  readonly colorRam = new Uint8Array(0x400);
  /** The KERNAL image in use (a private copy, so the reset vector can be hooked). */
  readonly kernal: Uint8Array;
  /** The BASIC image in use (zeros when none was supplied). */
  readonly basic: Uint8Array;
  /** The character ROM image in use (zeros when none was supplied). */
  readonly chargen: Uint8Array;
  /** True when the caller supplied a BASIC ROM. */
  readonly hasBasicRom: boolean;
  /** True when the caller supplied a KERNAL ROM. */
  readonly hasKernalRom: boolean;
  /** For each 4 KiB page, what a CPU read sees (`PAGE_*`). */
  readonly readPage = new Uint8Array(16);
  /** True while $D000–$DFFF writes go to the I/O chips (else to RAM). */
  ioWritable = true;

  private readonly kernalOriginal: Uint8Array;
  private portDirection = 0;
  private portData = 0x3f;
  private portPins = 0x3f;
  private portRead = 0x3f;
  private bit6Charge = 0;
  private bit7Charge = 0;
  private bit6FallsAt = 0;
  private bit7FallsAt = 0;
  private bit6Falling = false;
  private bit7Falling = false;

  /** @param roms - the system ROMs to bank in; absent ones are replaced as documented on {@link SystemRoms} */
  constructor(roms: SystemRoms = {}) {
    this.kernalOriginal = roms.kernal ? roms.kernal.slice(0, 0x2000) : buildKernalReplacement();
    this.kernal = this.kernalOriginal.slice();
    this.basic = roms.basic ? roms.basic.slice(0, 0x2000) : new Uint8Array(0x2000);
    this.chargen = roms.chargen ? roms.chargen.slice(0, 0x1000) : new Uint8Array(0x1000);
    this.hasBasicRom = roms.basic !== undefined;
    this.hasKernalRom = roms.kernal !== undefined;
    this.reset();
  }

  /**
   * Power-on state: RAM holds libsidplayfp's power-up pattern (`powerOnRamByte`
   * in this module), colour RAM is cleared, the port is all inputs
   * (pull-ups bank everything in: BASIC, KERNAL and I/O) and the KERNAL's
   * reset vector is restored.
   */
  reset(): void {
    this.ram.set(powerOnRam());
    this.colorRam.fill(0);
    this.kernal.set(this.kernalOriginal);
    this.portDirection = 0;
    this.portData = 0x3f;
    this.portPins = 0x3f;
    this.bit6Charge = 0;
    this.bit7Charge = 0;
    this.bit6FallsAt = 0;
    this.bit7FallsAt = 0;
    this.bit6Falling = false;
    this.bit7Falling = false;
    this.updatePort();
  }

  /** Points the KERNAL's reset vector ($FFFC) at `address` (how the SID drivers take over at reset). */
  setResetVector(address: number): void {
    this.kernal[0x1ffc] = address & 0xff;
    this.kernal[0x1ffd] = (address >> 8) & 0xff;
  }

  /** Reads a byte of the 6510 port: address 0 = data direction, 1 = data (with pull-ups and floating bits). */
  readPort(address: number, cycle: number): number {
    if (address === 0) return this.portDirection;
    if (this.bit6Falling && this.bit6FallsAt < cycle) {
      this.bit6Falling = false;
      this.bit6Charge = 0;
    }
    if (this.bit7Falling && this.bit7FallsAt < cycle) {
      this.bit7Falling = false;
      this.bit7Charge = 0;
    }
    let value = this.portRead;
    // Bits 6 and 7 have no pull-up: as inputs they read the charge left on the pin.
    if ((this.portDirection & 0x40) === 0) value = (value & ~0x40) | this.bit6Charge;
    if ((this.portDirection & 0x80) === 0) value = (value & ~0x80) | this.bit7Charge;
    return value;
  }

  /** Writes a byte of the 6510 port (address 0 or 1), rebanking as needed. */
  writePort(address: number, value: number, cycle: number): void {
    if (address === 0) {
      // An output bit switched to input keeps its last driven level for a while.
      if ((this.portDirection & 0x40) !== 0 && (value & 0x40) === 0) {
        this.bit6Charge = this.portData & 0x40;
        this.bit6FallsAt = cycle + PORT_FALL_OFF_CYCLES;
        this.bit6Falling = true;
      }
      if ((this.portDirection & 0x80) !== 0 && (value & 0x80) === 0) {
        this.bit7Charge = this.portData & 0x80;
        this.bit7FallsAt = cycle + PORT_FALL_OFF_CYCLES;
        this.bit7Falling = true;
      }
      this.portDirection = value;
    } else {
      if ((this.portDirection & 0x40) !== 0) {
        this.bit6Charge = value & 0x40;
        this.bit6FallsAt = cycle + PORT_FALL_OFF_CYCLES;
        this.bit6Falling = true;
      }
      if ((this.portDirection & 0x80) !== 0) {
        this.bit7Charge = value & 0x80;
        this.bit7FallsAt = cycle + PORT_FALL_OFF_CYCLES;
        this.bit7Falling = true;
      }
      this.portData = value;
    }
    this.ram[address] = value;
    this.updatePort();
  }

  /** The banking lines LORAM (bit 0), HIRAM (bit 1), CHAREN (bit 2) as the PLA sees them. */
  get bankingLines(): number {
    return (this.portData | ~this.portDirection) & 7;
  }

  private updatePort(): void {
    const dir = this.portDirection;
    this.portPins = (this.portPins & ~dir) | (this.portData & dir);
    // Inputs read high through the pull-ups, except the cassette switch (bit 4 reads the
    // switch, open = 1) and motor bit 5, which reads 0 as an input.
    let read = (this.portData | ~dir) & (this.portPins | 0x17);
    if ((dir & 0x20) === 0) read &= ~0x20;
    this.portRead = read & 0xff;
    this.updateBanking();
  }

  private updateBanking(): void {
    const lines = this.bankingLines;
    const loram = (lines & 1) !== 0;
    const hiram = (lines & 2) !== 0;
    const charen = (lines & 4) !== 0;
    const page = this.readPage;
    const kernal = hiram ? PAGE_KERNAL : PAGE_RAM;
    page[0xe] = kernal;
    page[0xf] = kernal;
    const basic = loram && hiram ? PAGE_BASIC : PAGE_RAM;
    page[0xa] = basic;
    page[0xb] = basic;
    if (charen && (loram || hiram)) {
      page[0xd] = PAGE_IO;
      this.ioWritable = true;
    } else {
      page[0xd] = !charen && (loram || hiram) ? PAGE_CHARGEN : PAGE_RAM;
      this.ioWritable = false;
    }
  }

  /** Reads what the CPU would see from ROM or RAM at `address` (not I/O, not the port). */
  peekRomOrRam(address: number): number {
    switch (this.readPage[address >>> 12]) {
      case PAGE_BASIC:
        return this.basic[address & 0x1fff];
      case PAGE_KERNAL:
        return this.kernal[address & 0x1fff];
      case PAGE_CHARGEN:
        return this.chargen[address & 0x0fff];
      default:
        return this.ram[address];
    }
  }

  /** Appends RAM, colour RAM, the hooked KERNAL vector and the port to a snapshot. */
  saveState(w: StateWriter): void {
    w.bytes(this.ram);
    w.bytes(this.colorRam);
    w.bytes(this.kernal);
    w.u8(this.portDirection);
    w.u8(this.portData);
    w.u8(this.portPins);
    w.u8(this.bit6Charge);
    w.u8(this.bit7Charge);
    w.f64(this.bit6FallsAt);
    w.f64(this.bit7FallsAt);
    w.bool(this.bit6Falling);
    w.bool(this.bit7Falling);
  }

  /** Restores what {@link C64Memory.saveState} wrote. */
  loadState(r: StateReader): void {
    r.bytes(this.ram);
    r.bytes(this.colorRam);
    r.bytes(this.kernal);
    this.portDirection = r.u8();
    this.portData = r.u8();
    this.portPins = r.u8();
    this.bit6Charge = r.u8();
    this.bit7Charge = r.u8();
    this.bit6FallsAt = r.f64();
    this.bit7FallsAt = r.f64();
    this.bit6Falling = r.bool();
    this.bit7Falling = r.bool();
    this.updatePort();
  }
}

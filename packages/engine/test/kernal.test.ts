import { describe, expect, it } from 'vitest';
import {
  buildKernalReplacement,
  KERNAL_HALT,
  KERNAL_IRQ_ENTRY,
} from '../src/c64/kernal/kernal-replacement.js';
import { machineRunning } from './support/machine-bench.js';

const at = (rom: Uint8Array, address: number, n: number) =>
  Array.from(rom.subarray(address - 0xe000, address - 0xe000 + n));

describe('KERNAL replacement', () => {
  const rom = buildKernalReplacement();

  it('is 8 KiB with the NMI and reset vectors on a JAM at $EA39 and the IRQ vector at $FFA0', () => {
    expect(rom.length).toBe(0x2000);
    expect(KERNAL_HALT).toBe(0xea39);
    expect(at(rom, 0xea39, 1)).toEqual([0x02]);
    expect(at(rom, 0xfffa, 6)).toEqual([0x39, 0xea, 0x39, 0xea, 0xa0, 0xff]);
  });

  it('enters IRQs at $FFA0: push A, X, Y then JMP ($0314)', () => {
    expect(KERNAL_IRQ_ENTRY).toBe(0xffa0);
    expect(at(rom, 0xffa0, 8)).toEqual([0x48, 0x8a, 0x48, 0x98, 0x48, 0x6c, 0x14, 0x03]);
  });

  it('leaves every other byte 0, so the real KERNAL exits ($EA31, $EA81) are BRKs (libsidplayfp 2.4)', () => {
    let nonZero = 0;
    for (const byte of rom) if (byte !== 0) nonZero++;
    expect(nonZero).toBe(8 + 1 + 6); // IRQ entry, JAM, three vectors
    expect(at(rom, 0xea31, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(at(rom, 0xea81, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(at(rom, 0xff48, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('runs a CIA 1 interrupt through $0314 and back with the registers restored', () => {
    // Main: set $0314 → handler, start CIA 1 timer A with its IRQ, load A/X/Y, CLI, loop.
    const program = [
      0xa9,
      0x40,
      0x8d,
      0x14,
      0x03,
      0xa9,
      0x10,
      0x8d,
      0x15,
      0x03, // $0314 = $1040
      0xa9,
      0x40,
      0x8d,
      0x04,
      0xdc,
      0xa9,
      0x00,
      0x8d,
      0x05,
      0xdc, // latch $0040
      0xa9,
      0x81,
      0x8d,
      0x0d,
      0xdc,
      0xa9,
      0x11,
      0x8d,
      0x0e,
      0xdc, // IRQ on, start
      0xa9,
      0x11,
      0xa2,
      0x22,
      0xa0,
      0x33,
      0x58, // A/X/Y, CLI
      0x8d,
      0x01,
      0x20,
      0x8e,
      0x02,
      0x20,
      0x8c,
      0x03,
      0x20,
      0x4c,
      0x25,
      0x10, // store A/X/Y forever
    ];
    // Handler: INC $2000, clobber A/X/Y, LDA $DC0D (ack), then its own PLA TAY PLA TAX PLA RTI.
    const handler = [
      0xee, 0x00, 0x20, 0xa9, 0x99, 0xaa, 0xa8, 0xad, 0x0d, 0xdc, 0x68, 0xa8, 0x68, 0xaa, 0x68,
      0x40,
    ];
    const c64 = machineRunning(program);
    c64.memory.ram.set(handler, 0x1040);
    c64.memory.ram.fill(0, 0x2000, 0x2004);
    c64.runCycles(4000);
    const ram = c64.memory.ram;
    expect(ram[0x2000]).toBeGreaterThan(10);
    expect([ram[0x2001], ram[0x2002], ram[0x2003]]).toEqual([0x11, 0x22, 0x33]);
  });

  it('re-enters the handler through BRK when it exits via $EA31, so the main program stalls', () => {
    const program = [
      0xa9,
      0x40,
      0x8d,
      0x14,
      0x03,
      0xa9,
      0x10,
      0x8d,
      0x15,
      0x03, // $0314 = $1040
      0xa9,
      0x40,
      0x8d,
      0x04,
      0xdc,
      0xa9,
      0x00,
      0x8d,
      0x05,
      0xdc, // latch $0040
      0xa9,
      0x81,
      0x8d,
      0x0d,
      0xdc,
      0xa9,
      0x11,
      0x8d,
      0x0e,
      0xdc, // IRQ on, start
      0x58, // CLI
      0xee,
      0x01,
      0x20,
      0x4c,
      0x1f,
      0x10, // INC $2001 forever
    ];
    // Handler: INC $2000, LDA $DC0D (ack), JMP $EA31 (a BRK here).
    const handler = [0xee, 0x00, 0x20, 0xad, 0x0d, 0xdc, 0x4c, 0x31, 0xea];
    const c64 = machineRunning(program);
    c64.memory.ram.set(handler, 0x1040);
    c64.memory.ram.fill(0, 0x2000, 0x2002);
    c64.runCycles(4000);
    const ram = c64.memory.ram;
    // IRQ/BRK (7) + entry (18) + handler (13) = 38 cycles a round, never back to the main loop.
    expect(ram[0x2000]).toBeGreaterThan(80);
    expect(ram[0x2001]).toBeLessThan(10);
  });
});

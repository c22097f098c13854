import { describe, expect, it } from 'vitest';
import {
  buildKernalReplacement,
  KERNAL_IRQ_ENTRY,
  KERNAL_IRQ_EXIT,
  KERNAL_NMI_ENTRY,
  KERNAL_NMI_EXIT,
} from '../src/c64/kernal/kernal-replacement.js';
import { machineRunning } from './support/machine-bench.js';

const at = (rom: Uint8Array, address: number, n: number) =>
  Array.from(rom.subarray(address - 0xe000, address - 0xe000 + n));

describe('KERNAL replacement', () => {
  const rom = buildKernalReplacement();

  it('is 8 KiB with the NMI, reset and IRQ hardware vectors', () => {
    expect(rom.length).toBe(0x2000);
    expect(at(rom, 0xfffa, 2)).toEqual([KERNAL_NMI_ENTRY & 0xff, KERNAL_NMI_ENTRY >> 8]);
    expect(at(rom, 0xfffe, 2)).toEqual([0x48, 0xff]);
    expect(at(rom, 0xfffc, 2)).toEqual([0xe2, 0xfc]);
  });

  it('enters IRQs at $FF48: push A, X, Y then JMP ($0314)', () => {
    expect(KERNAL_IRQ_ENTRY).toBe(0xff48);
    expect(at(rom, 0xff48, 8)).toEqual([0x48, 0x8a, 0x48, 0x98, 0x48, 0x6c, 0x14, 0x03]);
  });

  it('exits at $EA31 by restoring Y, X, A and RTI; NMIs go through ($0318) to an RTI', () => {
    expect(at(rom, KERNAL_IRQ_EXIT, 6)).toEqual([0x68, 0xa8, 0x68, 0xaa, 0x68, 0x40]);
    expect(at(rom, KERNAL_NMI_ENTRY, 4)).toEqual([0x78, 0x6c, 0x18, 0x03]);
    expect(at(rom, KERNAL_NMI_EXIT, 1)).toEqual([0x40]);
  });

  it('runs a CIA 1 interrupt through $0314 and back with the registers restored', () => {
    // Main: set $0314 → handler, start CIA 1 timer A with its IRQ, load A/X/Y, CLI, loop.
    // Handler: INC $2000, LDA $DC0D (ack), JMP $EA31.
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
    const handler = [0xee, 0x00, 0x20, 0xa9, 0x99, 0xaa, 0xa8, 0xad, 0x0d, 0xdc, 0x4c, 0x31, 0xea];
    const c64 = machineRunning(program);
    c64.memory.ram.set(handler, 0x1040);
    c64.memory.ram.fill(0, 0x2000, 0x2004);
    c64.runCycles(4000);
    const ram = c64.memory.ram;
    expect(ram[0x2000]).toBeGreaterThan(10);
    expect([ram[0x2001], ram[0x2002], ram[0x2003]]).toEqual([0x11, 0x22, 0x33]);
  });
});

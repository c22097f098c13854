import { describe, expect, it } from 'vitest';
import { abs, ldaImm, vectorSetup } from './support/probe-assembly.js';
import { probeMachine } from './support/probe-machine.js';

const ORIGIN = 0x1000;
const IRQ_HANDLER = 0x1200;

/**
 * A main loop that reads and writes RAM on both sides of $0200 (zero page,
 * stack, page crossings with their dummy reads, read-modify-write), RAM under
 * the I/O area with I/O banked out, the raster and the SID, while CIA timer
 * and raster IRQs push onto the stack: every kind of access the bus's plain
 * RAM path and its full path take.
 */
function program(): number[] {
  const setup = [
    ...vectorSetup(IRQ_HANDLER), // RAM at $A000-$BFFF and $E000-$FFFF, I/O visible
    ...ldaImm(0x37),
    ...abs(0x8d, 0xdc04),
    ...ldaImm(0x0b),
    ...abs(0x8d, 0xdc05), // CIA 1 timer A: 2,871 cycles
    ...ldaImm(0x81),
    ...abs(0x8d, 0xdc0d),
    ...ldaImm(0x11),
    ...abs(0x8d, 0xdc0e),
    ...ldaImm(0x1b),
    ...abs(0x8d, 0xd011), // bad lines on
    ...ldaImm(0x80),
    ...abs(0x8d, 0xd012),
    ...ldaImm(0x01),
    ...abs(0x8d, 0xd01a), // raster IRQ on
    0xa2,
    0x00, // LDX #0
    0x58, // CLI
  ];
  const loopAt = ORIGIN + setup.length;
  const loop = [
    ...abs(0xbd, 0x2000), // LDA $2000,X
    ...abs(0x7d, 0x20f0), // ADC $20F0,X (crosses a page from X = $10)
    ...abs(0x9d, 0x3000), // STA $3000,X
    ...abs(0x9d, 0x0140), // STA $0140,X (stack page, then $0200 on)
    ...abs(0xbd, 0x01f8), // LDA $01F8,X
    0x85,
    0x80, // STA $80 (zero page)
    0xb4,
    0x90, // LDY $90,X (zero page, wrapping)
    ...abs(0xfe, 0xe000), // INC $E000,X (RAM under the KERNAL)
    ...ldaImm(0x34),
    0x85,
    0x01, // all RAM
    ...abs(0xbd, 0xd000), // LDA $D000,X (RAM under I/O)
    0x49,
    0x5a, // EOR #$5A
    ...abs(0x9d, 0xd000), // STA $D000,X
    ...ldaImm(0x35),
    0x85,
    0x01, // I/O back
    ...abs(0xad, 0xd012), // LDA $D012
    ...abs(0x8d, 0xd400), // STA $D400 (logged)
    ...abs(0xbd, 0x3000),
    ...abs(0x8d, 0xd401), // the value stored above, logged
    0xe8, // INX
    0xd0, // BNE loop
  ];
  loop.push((loopAt - (loopAt + loop.length + 1)) & 0xff);
  loop.push(...abs(0x4c, loopAt)); // JMP loop
  const code = [...setup, ...loop];
  const handler = [
    0x48, // PHA
    0xa5,
    0x01,
    0x48, // the banking the loop had (I/O may be banked out)
    ...ldaImm(0x35),
    0x85,
    0x01,
    ...abs(0xad, 0xdc0d), // acknowledge CIA 1
    ...ldaImm(0xff),
    ...abs(0x8d, 0xd019), // acknowledge the raster IRQ
    ...abs(0xee, 0x4000), // INC $4000
    ...abs(0xad, 0x4000),
    ...abs(0x8d, 0xd402),
    0x68,
    0x85,
    0x01, // banking back
    0x68, // PLA
    0x40, // RTI
  ];
  const image = new Array<number>(IRQ_HANDLER - ORIGIN + handler.length).fill(0xea);
  image.splice(0, code.length, ...code);
  image.splice(IRQ_HANDLER - ORIGIN, handler.length, ...handler);
  return image;
}

/**
 * Runs the program for `cycles`. `perCycle` drives the CIAs' time-of-day input
 * from the bus, which puts a chip event on every cycle: every access then takes
 * the bus's full path (the reference), otherwise most take the plain RAM path.
 */
function run(perCycle: boolean, chunk: number, cycles: number) {
  const { c64, memory, log } = probeMachine(program(), ORIGIN, '8580', perCycle);
  while (c64.cycle < cycles) c64.runCycles(chunk);
  const cpu = c64.cpu;
  return {
    log,
    ram: memory.ram.slice(),
    registers: [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.pc, c64.cycle],
  };
}

describe('C64 bus plain RAM path', () => {
  it('leaves RAM, registers, cycle and the SID write log as the full path does', () => {
    const cycles = 150_000;
    // One instruction per call: both runs stop on the same instruction.
    const reference = run(true, 1, cycles);
    // The program ran its loop and its interrupt handler many times.
    expect(reference.log.filter((e) => e.split(':')[1] === '2').length).toBeGreaterThan(40);
    expect(reference.log.filter((e) => e.split(':')[1] === '0').length).toBeGreaterThan(1500);
    const fast = run(false, 1, cycles);
    expect(fast.registers).toEqual(reference.registers);
    expect(fast.log).toEqual(reference.log);
    expect(fast.ram).toEqual(reference.ram);
    // In whole chunks the loop skips run too; the write logs up to the same cycle must agree.
    const before = (log: string[]) => log.filter((e) => Number(e.split(':')[0]) < cycles);
    for (const chunk of [4096, 333]) {
      expect(before(run(false, chunk, cycles).log)).toEqual(before(reference.log));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jmp, lda, ldaImm, sta, vectorSetup } from './support/probe-assembly.js';
import { probeMachine } from './support/probe-machine.js';

const ORIGIN = 0x1000;
const IRQ_HANDLER = 0x1200;
const NMI_HANDLER = 0x1300;
const SUBROUTINE = 0x1400;

/** Common start: IRQ/NMI vectors in RAM, CIA 2 timer A NMIs every `nmiPeriod` cycles, bad lines and a raster IRQ. */
function setup(nmiPeriod: number): number[] {
  return [
    ...vectorSetup(IRQ_HANDLER, NMI_HANDLER),
    ...ldaImm(nmiPeriod & 0xff),
    ...sta(0xdd04),
    ...ldaImm(nmiPeriod >> 8),
    ...sta(0xdd05),
    ...ldaImm(0x81),
    ...sta(0xdd0d),
    ...ldaImm(0x11),
    ...sta(0xdd0e), // CIA 2 timer A: NMIs
    ...ldaImm(0x1b),
    ...sta(0xd011), // bad lines on
    ...ldaImm(0x80),
    ...sta(0xd012),
    ...ldaImm(0x01),
    ...sta(0xd01a), // raster IRQ at line $80
  ];
}

/** The NMI handler logs SP (it lands on a drifting stack in the BRK program) and acknowledges. */
const NMI = [0xba, 0x8e, 0x09, 0xd4, 0x48, ...lda(0xdd0d), ...sta(0xd40a), 0x68, 0x40];

function image(start: number[], irq: number[], sub: number[] = []): number[] {
  const bytes = new Array<number>(SUBROUTINE - ORIGIN + 0x40).fill(0xea);
  bytes.splice(0, start.length, ...start);
  bytes.splice(IRQ_HANDLER - ORIGIN, irq.length, ...irq);
  bytes.splice(NMI_HANDLER - ORIGIN, NMI.length, ...NMI);
  bytes.splice(SUBROUTINE - ORIGIN, sub.length, ...sub);
  return bytes;
}

/**
 * A main loop that polls a RAM flag (through a JSR) and the CIA 1 ports,
 * changing nothing while it waits: its passes repeat unchanged. CIA 1 timer A
 * and raster IRQs set the flag; their handler runs delay loops of every
 * counting form (`DEX/DEY/INX; BNE`, `SEC; SBC #1; BNE`, `SBC #1; BNE`) and
 * logs the counters to the SID, so the write log records their timing.
 */
function pollingProgram(): number[] {
  const start = [
    ...setup(0x4e20),
    ...ldaImm(0x37),
    ...sta(0xdc04),
    ...ldaImm(0x2b),
    ...sta(0xdc05), // CIA 1 timer A: 11,063 cycles
    ...ldaImm(0x81),
    ...sta(0xdc0d),
    ...ldaImm(0x11),
    ...sta(0xdc0e),
    0x58, // CLI
  ];
  const loopAt = ORIGIN + start.length;
  const loop = [
    0x20,
    SUBROUTINE & 0xff,
    SUBROUTINE >> 8, // JSR: LDA $02 / BEQ / RTS
    ...lda(0xdc00),
    0x2d,
    0x01,
    0xdc, // AND $DC01
    0xc9,
    0xff, // CMP #$FF
    0xf0,
    (loopAt - (loopAt + 12)) & 0xff, // BEQ loop (ports idle)
    ...jmp(loopAt),
  ];
  const sub = [
    0xa5,
    0x02, // LDA $02
    0xf0,
    0x0b, // BEQ to RTS
    0xa9,
    0x00,
    0x85,
    0x02, // flag handled
    0xe6,
    0x03, // INC $03
    0xa5,
    0x03,
    ...sta(0xd40e),
    0x60, // RTS
  ];
  const irq = [
    0x48,
    0x8a,
    0x48, // PHA, TXA, PHA
    ...lda(0xdc0d),
    ...sta(0xd400),
    ...lda(0xd019),
    ...sta(0xd019),
    ...sta(0xd401),
    0xa2,
    0x40, // LDX #$40
    0xca,
    0xd0,
    0xfd, // DEX; BNE
    0x8e,
    0x02,
    0xd4,
    ...ldaImm(0x30),
    0x38,
    0xe9,
    0x01,
    0xd0,
    0xfb, // SEC; SBC #1; BNE
    ...sta(0xd403),
    0xa0,
    0xc0, // LDY #$C0
    0xc8,
    0xd0,
    0xfd, // INY; BNE
    0x8c,
    0x04,
    0xd4,
    ...ldaImm(0x90),
    0x38,
    0xe9,
    0x01,
    0xd0,
    0xfc, // SEC; L: SBC #1; BNE L
    ...sta(0xd405),
    0xa0,
    0x00, // LDY #0
    0x88,
    0xd0,
    0xfd, // DEY; BNE (256 passes)
    0xe6,
    0x02, // INC $02: tell the main loop
    0x68,
    0xaa,
    0x68,
    0x40, // PLA, TAX, PLA, RTI
  ];
  return image([...start, ...loop], irq, sub);
}

/**
 * Mr_Lonely's pattern: an IRQ handler that acknowledges only the VIC-II and
 * ends in BRK, so it re-enters itself forever with I set and every pass
 * pushes three more bytes: SP drifts through the stack page. NMIs break in
 * and log where SP is.
 */
function brkProgram(): number[] {
  const start = [...setup(0x0bb8), 0x00, 0xea]; // BRK; NMIs every 3,001 cycles
  const site = ORIGIN + start.length - 2;
  const irq = [...lda(0xd019), ...sta(0xd019), ...jmp(site)];
  return image(start, irq);
}

interface Run {
  log: string[];
  ram: Uint8Array;
  registers: number[];
  cycle: number;
  instructions: number;
}

/**
 * Runs `bytes` from $1000. `perCycle` drives the CIAs' time-of-day input from
 * the bus, so every chip runs every cycle and no loop pass is ever skipped:
 * the reference the skipping bus must match.
 */
function run(bytes: number[], perCycle: boolean, cycles: number): Run {
  const { c64, memory, cpu: core, log } = probeMachine(bytes, ORIGIN, '6581', perCycle);
  let instructions = 0;
  const step = core.step.bind(core);
  core.step = () => {
    instructions++;
    step();
  };
  while (c64.cycle < cycles) c64.runCycles(4096);
  return {
    log,
    ram: memory.ram.slice(),
    registers: [core.a, core.x, core.y, core.sp, core.pc, core.status, core.flagN, core.flagZ],
    cycle: c64.cycle,
    instructions,
  };
}

/**
 * Runs `bytes` on the reference bus and on the skipping one and requires the same
 * write log, registers, cycle and 64 KB of RAM.
 */
function runBoth(bytes: number[], cycles: number): { reference: Run; skipping: Run } {
  const reference = run(bytes, true, cycles);
  const skipping = run(bytes, false, cycles);
  expect(skipping.log).toEqual(reference.log);
  expect(skipping.registers).toEqual(reference.registers);
  expect(skipping.cycle).toBe(reference.cycle);
  expect(skipping.ram).toEqual(reference.ram);
  return { reference, skipping };
}

describe('C64 loop skipping', () => {
  it('skips unchanged polling passes and counting delay loops with every write, IRQ and NMI on its cycle', () => {
    const { reference, skipping } = runBoth(pollingProgram(), 400_000);
    expect(reference.log.length).toBeGreaterThan(200);
    // The skip did happen: most of the polling and delay passes were not run.
    expect(skipping.instructions).toBeLessThan(reference.instructions / 3);
  });

  it('replays the pushes of a BRK loop whose stack drifts, with NMIs landing on the same cycles and SP', () => {
    const { reference, skipping } = runBoth(brkProgram(), 300_000);
    expect(reference.log.length).toBeGreaterThan(150);
    expect(skipping.instructions).toBeLessThan(reference.instructions / 2);
  });
});

import { describe, expect, it } from 'vitest';
import { OPCODE_MNEMONICS, OPCODE_MODES } from '../src/c64/cpu/index.js';
import { cpuWithProgram, stepCycles } from './support/cpu-harness.js';
import { OPCODE_TIMINGS, type OpcodeTiming } from './support/cpu-opcode-timings.js';

/** Base address of indexed operands: +$05 stays in page $10, +$20 crosses into page $11. */
const BASE = 0x10f0;
const NO_CROSS = 0x05;
const CROSS = 0x20;

function operandBytes(mode: string): number[] {
  switch (mode) {
    case 'imm':
      return [0x01];
    case 'zp':
    case 'zpx':
    case 'zpy':
    case 'izx':
    case 'izy':
      return [0x80];
    case 'abs':
    case 'ind':
      return [0x34, 0x12];
    case 'abx':
    case 'aby':
      return [BASE & 0xff, BASE >> 8];
    default:
      return [];
  }
}

function cyclesOf(t: OpcodeTiming, index: number): number {
  const h = cpuWithProgram([t.opcode, ...operandBytes(t.mode)]);
  h.bus.poke(0x80, [BASE & 0xff, BASE >> 8]);
  h.cpu.x = index;
  h.cpu.y = index;
  return stepCycles(h);
}

/** Flag tested by branch opcode `op` and the value that makes it taken. */
function branchSetup(op: number, taken: boolean): number {
  const mask = [0x80, 0x40, 0x01, 0x02][op >> 6];
  const takenWhenSet = (op & 0x20) !== 0;
  return takenWhenSet === taken ? mask : 0;
}

function branchCycles(op: number, taken: boolean, cross: boolean): { cycles: number; pc: number } {
  // From $0250 an offset of +$10 stays in page 2; from $02F0 it lands in page 3.
  const origin = cross ? 0x02f0 : 0x0250;
  const h = cpuWithProgram([op, 0x10], origin);
  h.cpu.status = 0x20 | branchSetup(op, taken);
  const cycles = stepCycles(h);
  return { cycles, pc: h.cpu.pc };
}

const nonBranches = OPCODE_TIMINGS.filter((t) => t.mode !== 'rel');
const branches = OPCODE_TIMINGS.filter((t) => t.mode === 'rel');

describe('Cpu6510 opcode table', () => {
  it('decodes every opcode to the reference mnemonic and addressing mode', () => {
    expect(OPCODE_MNEMONICS.map((m, op) => `${m} ${OPCODE_MODES[op]}`)).toEqual(
      OPCODE_TIMINGS.map((t) => `${t.mnemonic} ${t.mode}`),
    );
  });

  it.each(nonBranches.map((t) => [t.opcode.toString(16).padStart(2, '0'), t] as const))(
    'opcode $%s takes its reference cycles without and with a page cross',
    (_, t) => {
      expect(cyclesOf(t, NO_CROSS)).toBe(t.cycles);
      const indexed = ['abx', 'aby', 'izy'].includes(t.mode);
      const crossed = indexed && t.pagePenalty ? t.cycles + 1 : t.cycles;
      expect(cyclesOf(t, CROSS)).toBe(crossed);
    },
  );

  it.each(branches.map((t) => [t.mnemonic, t] as const))(
    '%s takes 2 cycles not taken, 3 taken, 4 taken across a page',
    (_, t) => {
      expect(branchCycles(t.opcode, false, false)).toEqual({ cycles: 2, pc: 0x0252 });
      expect(branchCycles(t.opcode, true, false)).toEqual({ cycles: 3, pc: 0x0262 });
      expect(branchCycles(t.opcode, true, true)).toEqual({ cycles: 4, pc: 0x0302 });
    },
  );

  it('branches backwards across a page with the offset taken as signed', () => {
    const h = cpuWithProgram([0xd0, 0x80], 0x0210);
    h.cpu.status = 0x20;
    expect(stepCycles(h)).toBe(4);
    expect(h.cpu.pc).toBe(0x0192);
  });
});

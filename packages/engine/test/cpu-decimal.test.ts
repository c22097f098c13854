import { describe, expect, it } from 'vitest';
import { Cpu6510 } from '../src/c64/cpu/index.js';
import { CpuTestBus } from './support/cpu-test-bus.js';

/**
 * Reference NMOS 6502 decimal arithmetic, written independently from the CPU, after Bruce
 * Clark's "Decimal Mode" tutorial (6502.org), appendix A: sequences 1 and 2 for ADC (A, C, N, V;
 * Z from the binary sum) and sequence 3 for SBC (A; all flags from the binary difference).
 */
function referenceAdc(a: number, b: number, c: number): { a: number; p: number } {
  let al = (a & 0x0f) + (b & 0x0f) + c;
  if (al >= 0x0a) al = ((al + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (b & 0xf0) + al;
  const signed = (((a & 0xf0) << 24) >> 24) + (((b & 0xf0) << 24) >> 24) + al;
  const n = signed & 0x80 ? 0x80 : 0;
  const v = signed < -128 || signed > 127 ? 0x40 : 0;
  const z = ((a + b + c) & 0xff) === 0 ? 0x02 : 0;
  if (sum >= 0xa0) sum += 0x60;
  const carry = sum >= 0x100 ? 1 : 0;
  return { a: sum & 0xff, p: n | v | z | carry };
}

function referenceSbc(a: number, b: number, c: number): { a: number; p: number } {
  let al = (a & 0x0f) - (b & 0x0f) + c - 1;
  if (al < 0) al = ((al - 0x06) & 0x0f) - 0x10;
  let diff = (a & 0xf0) - (b & 0xf0) + al;
  if (diff < 0) diff -= 0x60;
  const binary = a - b + c - 1;
  const n = binary & 0x80 ? 0x80 : 0;
  const v = ((a ^ b) & (a ^ binary) & 0x80) !== 0 ? 0x40 : 0;
  const z = (binary & 0xff) === 0 ? 0x02 : 0;
  const carry = binary >= 0 ? 1 : 0;
  return { a: diff & 0xff, p: n | v | z | carry };
}

/** Runs `opcode #b` in decimal mode for every A, B and carry; returns the first mismatch. */
function firstMismatch(
  opcode: number,
  reference: (a: number, b: number, c: number) => { a: number; p: number },
): string | null {
  const bus = new CpuTestBus();
  const cpu = new Cpu6510(bus);
  bus.poke(0x0200, [opcode, 0]);
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      for (let c = 0; c < 2; c++) {
        bus.ram[0x0201] = b;
        cpu.pc = 0x0200;
        cpu.a = a;
        cpu.status = 0x28 | c;
        cpu.step();
        const want = reference(a, b, c);
        const got = { a: cpu.a, p: cpu.status & 0xc3 };
        if (got.a !== want.a || got.p !== want.p) {
          return `A=${a.toString(16)} B=${b.toString(16)} C=${c}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
        }
      }
    }
  }
  return null;
}

describe('Cpu6510 NMOS decimal mode, all operands (valid and invalid BCD)', () => {
  it('ADC matches the reference for A, C, N, V and Z', () => {
    expect(firstMismatch(0x69, referenceAdc)).toBeNull();
  });

  it('SBC matches the reference for A, C, N, V and Z', () => {
    expect(firstMismatch(0xe9, referenceSbc)).toBeNull();
  });

  it('USBC ($EB) matches SBC', () => {
    expect(firstMismatch(0xeb, referenceSbc)).toBeNull();
  });
});

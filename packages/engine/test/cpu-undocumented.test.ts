import { describe, expect, it } from 'vitest';
import { ANE_MAGIC, LXA_MAGIC } from '../src/c64/cpu/index.js';
import { type CpuHarness, cpuWithProgram } from './support/cpu-harness.js';

interface Setup {
  a?: number;
  x?: number;
  y?: number;
  sp?: number;
  p?: number;
  mem?: Record<number, number>;
}

/** Runs one instruction with the given registers/memory and returns the harness. */
function run(program: number[], setup: Setup): CpuHarness {
  const h = cpuWithProgram(program);
  const { cpu, bus } = h;
  cpu.a = setup.a ?? 0;
  cpu.x = setup.x ?? 0;
  cpu.y = setup.y ?? 0;
  cpu.sp = setup.sp ?? 0xff;
  cpu.status = setup.p ?? 0x20;
  for (const [address, value] of Object.entries(setup.mem ?? {})) bus.ram[Number(address)] = value;
  cpu.step();
  return h;
}

/** `N V - - D I Z C` as a string of set letters, e.g. "NC". */
function flags(h: CpuHarness): string {
  const p = h.cpu.status;
  return ['N', 'V', '', '', 'D', 'I', 'Z', 'C']
    .map((name, i) => (name && p & (0x80 >> i) ? name : ''))
    .join('');
}

describe('Cpu6510 undocumented opcodes', () => {
  it('LAX loads A and X', () => {
    const h = run([0xa7, 0x80], { mem: { 128: 0x81 } });
    expect([h.cpu.a, h.cpu.x, flags(h)]).toEqual([0x81, 0x81, 'N']);
  });

  it('SAX stores A & X without touching flags', () => {
    const h = run([0x87, 0x80], { a: 0xf0, x: 0x3c, p: 0x20 });
    expect([h.bus.ram[0x80], flags(h)]).toEqual([0x30, '']);
  });

  it('DCP decrements memory then compares with A', () => {
    const h = run([0xc7, 0x80], { a: 0x0f, mem: { 128: 0x10 } });
    expect([h.bus.ram[0x80], flags(h)]).toEqual([0x0f, 'ZC']);
  });

  it('ISC increments memory then subtracts it from A', () => {
    const h = run([0xe7, 0x80], { a: 0x20, p: 0x21, mem: { 128: 0x0f } });
    expect([h.bus.ram[0x80], h.cpu.a, flags(h)]).toEqual([0x10, 0x10, 'C']);
  });

  it('SLO shifts memory left then ORs it into A', () => {
    const h = run([0x07, 0x80], { a: 0x01, mem: { 128: 0x81 } });
    expect([h.bus.ram[0x80], h.cpu.a, flags(h)]).toEqual([0x02, 0x03, 'C']);
  });

  it('RLA rotates memory left then ANDs it into A', () => {
    const h = run([0x27, 0x80], { a: 0xff, p: 0x21, mem: { 128: 0x80 } });
    expect([h.bus.ram[0x80], h.cpu.a, flags(h)]).toEqual([0x01, 0x01, 'C']);
  });

  it('SRE shifts memory right then EORs it into A', () => {
    const h = run([0x47, 0x80], { a: 0x01, mem: { 128: 0x03 } });
    expect([h.bus.ram[0x80], h.cpu.a, flags(h)]).toEqual([0x01, 0x00, 'ZC']);
  });

  it('RRA rotates memory right then adds it to A with the rotated-out carry', () => {
    const h = run([0x67, 0x80], { a: 0x10, p: 0x21, mem: { 128: 0x02 } });
    expect([h.bus.ram[0x80], h.cpu.a, flags(h)]).toEqual([0x81, 0x91, 'N']);
    const carryIn = run([0x67, 0x80], { a: 0x10, p: 0x20, mem: { 128: 0x03 } });
    expect([carryIn.bus.ram[0x80], carryIn.cpu.a, flags(carryIn)]).toEqual([0x01, 0x12, '']);
  });

  it('ANC ANDs then copies N into C', () => {
    const h = run([0x0b, 0x80], { a: 0xff });
    expect([h.cpu.a, flags(h)]).toEqual([0x80, 'NC']);
    const h2 = run([0x2b, 0x7f], { a: 0xff, p: 0x21 });
    expect([h2.cpu.a, flags(h2)]).toEqual([0x7f, '']);
  });

  it('ALR ANDs then shifts right', () => {
    const h = run([0x4b, 0x03], { a: 0xff });
    expect([h.cpu.a, flags(h)]).toEqual([0x01, 'C']);
  });

  it('ARR (binary): C from bit 6, V from bit 6 xor bit 5', () => {
    const h = run([0x6b, 0xff], { a: 0xff, p: 0x21 });
    expect([h.cpu.a, flags(h)]).toEqual([0xff, 'NC']);
    const h2 = run([0x6b, 0x7f], { a: 0xff, p: 0x20 });
    expect([h2.cpu.a, flags(h2)]).toEqual([0x3f, 'V']);
  });

  it('ARR (decimal): BCD fix-ups on both nibbles', () => {
    const h = run([0x6b, 0xff], { a: 0xff, p: 0x28 });
    expect([h.cpu.a, flags(h)]).toEqual([0xd5, 'DC']);
  });

  it('SBX sets X = (A & X) - imm with carry as for CMP', () => {
    const h = run([0xcb, 0x10], { a: 0xf0, x: 0x3c });
    expect([h.cpu.x, h.cpu.a, flags(h)]).toEqual([0x20, 0xf0, 'C']);
    const h2 = run([0xcb, 0x40], { a: 0xf0, x: 0x3c, p: 0x29 });
    // Decimal mode does not apply to SBX; carry-in is ignored.
    expect([h2.cpu.x, flags(h2)]).toEqual([0xf0, 'ND']);
  });

  it('LAS loads A, X and SP with memory & SP', () => {
    const h = run([0xbb, 0x34, 0x12], { sp: 0x3f, y: 0, mem: { 4660: 0xf0 } });
    expect([h.cpu.a, h.cpu.x, h.cpu.sp, flags(h)]).toEqual([0x30, 0x30, 0x30, '']);
  });

  it(`ANE uses the magic constant $${ANE_MAGIC.toString(16)}: A = (A | magic) & X & imm`, () => {
    expect(ANE_MAGIC).toBe(0xff);
    const h = run([0x8b, 0x3c], { a: 0x00, x: 0xf0 });
    expect([h.cpu.a, flags(h)]).toEqual([0x30, '']);
    const h2 = run([0x8b, 0x0f], { a: 0x12, x: 0xf0 });
    expect([h2.cpu.a, flags(h2)]).toEqual([0x00, 'Z']);
  });

  it(`LXA uses the magic constant $${LXA_MAGIC.toString(16)}: A = X = (A | magic) & imm`, () => {
    expect(LXA_MAGIC).toBe(0xff);
    const h = run([0xab, 0x9c], { a: 0x00, x: 0x12 });
    expect([h.cpu.a, h.cpu.x, flags(h)]).toEqual([0x9c, 0x9c, 'N']);
  });

  it('SHA, SHX, SHY and TAS store register & (high byte + 1)', () => {
    const shx = run([0x9e, 0xf0, 0x10], { x: 0xff, y: 0x05 });
    expect(shx.bus.ram[0x10f5]).toBe(0x11);
    const shy = run([0x9c, 0xf0, 0x10], { y: 0xff, x: 0x05 });
    expect(shy.bus.ram[0x10f5]).toBe(0x11);
    const sha = run([0x9f, 0xf0, 0x10], { a: 0xff, x: 0x0f, y: 0x05 });
    expect(sha.bus.ram[0x10f5]).toBe(0x01);
    const shaIndirect = run([0x93, 0x80], {
      a: 0xff,
      x: 0x0f,
      y: 0x05,
      mem: { 128: 0xf0, 129: 0x10 },
    });
    expect(shaIndirect.bus.ram[0x10f5]).toBe(0x01);
    const tas = run([0x9b, 0xf0, 0x10], { a: 0xf3, x: 0x3f, y: 0x05 });
    expect([tas.cpu.sp, tas.bus.ram[0x10f5]]).toEqual([0x33, 0x11]);
  });

  it('USBC ($EB) subtracts like SBC immediate', () => {
    const h = run([0xeb, 0x01], { a: 0x10, p: 0x21 });
    expect([h.cpu.a, flags(h)]).toEqual([0x0f, 'C']);
  });

  it('multi-byte NOPs read their operand and change nothing', () => {
    const h = run([0x0c, 0x34, 0x12], { a: 0x55, p: 0x20 });
    expect([h.cpu.a, h.cpu.pc, flags(h)]).toEqual([0x55, 0x0203, '']);
    const zpx = run([0x14, 0x80], { a: 0x55 });
    expect(zpx.cpu.pc).toBe(0x0202);
  });
});

describe('Cpu6510 NMOS decimal mode', () => {
  it('ADC adds BCD with carry out', () => {
    const h = run([0x69, 0x01], { a: 0x09, p: 0x28 });
    expect([h.cpu.a, flags(h)]).toEqual([0x10, 'D']);
    // 58 + 48 + 1 = 107: N and V come from $A7, the sum before the high-nibble fix.
    const h2 = run([0x69, 0x48], { a: 0x58, p: 0x29 });
    expect([h2.cpu.a, flags(h2)]).toEqual([0x07, 'NVDC']);
  });

  it('ADC 99 + 01: A = 00 with C set, but Z from the binary sum (clear) and N set', () => {
    const h = run([0x69, 0x01], { a: 0x99, p: 0x28 });
    expect([h.cpu.a, flags(h)]).toEqual([0x00, 'NDC']);
  });

  it('ADC sets V from the half-adjusted sum (79 + 10 → 89, V set)', () => {
    const h = run([0x69, 0x10], { a: 0x79, p: 0x28 });
    expect([h.cpu.a, flags(h)]).toEqual([0x89, 'NVD']);
  });

  it('SBC subtracts BCD, flags from the binary difference', () => {
    const h = run([0xe9, 0x01], { a: 0x10, p: 0x29 });
    expect([h.cpu.a, flags(h)]).toEqual([0x09, 'DC']);
    const h2 = run([0xe9, 0x01], { a: 0x00, p: 0x29 });
    expect([h2.cpu.a, flags(h2)]).toEqual([0x99, 'ND']);
  });

  it('ISC and RRA apply decimal mode to their add/subtract half', () => {
    const isc = run([0xe7, 0x80], { a: 0x20, p: 0x29, mem: { 128: 0x08 } });
    expect([isc.bus.ram[0x80], isc.cpu.a, flags(isc)]).toEqual([0x09, 0x11, 'DC']);
    const rra = run([0x67, 0x80], { a: 0x05, p: 0x28, mem: { 128: 0x10 } });
    expect([rra.bus.ram[0x80], rra.cpu.a, flags(rra)]).toEqual([0x08, 0x13, 'D']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  C64Memory,
  PAGE_BASIC,
  PAGE_CHARGEN,
  PAGE_IO,
  PAGE_KERNAL,
  PAGE_RAM,
  powerOnRamByte,
} from '../src/c64/memory.js';

describe('C64Memory', () => {
  it("powers on with libsidplayfp's RAM pattern and everything banked in", () => {
    const m = new C64Memory();
    // Read back from libsidplayfp 2.4 with a probe tune: 00 00 FF FF FF FF 00 00 ...
    expect(Array.from(m.ram.subarray(0x0800, 0x0808))).toEqual([0, 0, 255, 255, 255, 255, 0, 0]);
    // ... inverted where address bit 14 is set ($4000–$7FFF, $C000–$FFFF).
    expect(Array.from(m.ram.subarray(0x5430, 0x5438))).toEqual([255, 255, 0, 0, 0, 0, 255, 255]);
    expect(m.ram[0x8002]).toBe(0xff);
    expect(m.ram[0xc000]).toBe(0xff);
    expect(m.ram[0xfffa]).toBe(0x00);
    // Every byte (the image is built by doubling copies): count the mismatches.
    let wrong = 0;
    for (let a = 0; a < 0x10000; a++) if (m.ram[a] !== powerOnRamByte(a)) wrong++;
    expect(wrong).toBe(0);
    // A reset after the program scribbled over RAM restores the pattern, not the scribbles.
    m.ram.fill(0x42);
    m.reset();
    expect(m.ram[0x5430]).toBe(0xff);
    expect(m.ram[0x0800]).toBe(0x00);
    expect(m.readPage[0xa]).toBe(PAGE_BASIC);
    expect(m.readPage[0xd]).toBe(PAGE_IO);
    expect(m.readPage[0xe]).toBe(PAGE_KERNAL);
  });

  it.each([
    [0x37, PAGE_BASIC, PAGE_IO, PAGE_KERNAL],
    [0x36, PAGE_RAM, PAGE_IO, PAGE_KERNAL],
    [0x35, PAGE_RAM, PAGE_IO, PAGE_RAM],
    [0x34, PAGE_RAM, PAGE_RAM, PAGE_RAM],
    [0x33, PAGE_BASIC, PAGE_CHARGEN, PAGE_KERNAL],
    [0x32, PAGE_RAM, PAGE_CHARGEN, PAGE_KERNAL],
    [0x31, PAGE_RAM, PAGE_CHARGEN, PAGE_RAM],
    [0x30, PAGE_RAM, PAGE_RAM, PAGE_RAM],
  ])('banks $01 = %s as the PLA does', (port, basic, d, kernal) => {
    const m = new C64Memory();
    m.writePort(0, 0x2f, 0);
    m.writePort(1, port, 0);
    expect(m.readPage[0xa]).toBe(basic);
    expect(m.readPage[0xd]).toBe(d);
    expect(m.readPage[0xe]).toBe(kernal);
    expect(m.ioWritable).toBe(d === PAGE_IO);
    expect(m.readPage[0x1]).toBe(PAGE_RAM);
  });

  it('reads the port through its pull-ups and floating bits', () => {
    const m = new C64Memory();
    // All inputs: LORAM/HIRAM/CHAREN pulled up, bit 5 (motor) reads 0 as an input.
    expect(m.readPort(1, 0) & 0x3f).toBe(0x1f);
    m.writePort(0, 0x2f, 0);
    m.writePort(1, 0x37, 0);
    expect(m.readPort(0, 0)).toBe(0x2f);
    expect(m.readPort(1, 0) & 0x3f).toBe(0x37);
    expect(m.bankingLines).toBe(7);
    // Inputs keep reading high even when the latch says 0.
    m.writePort(0, 0x00, 0);
    m.writePort(1, 0x30, 0);
    expect(m.bankingLines).toBe(7);
  });

  it('lets an undriven bit 7 keep its charge for a while, then read 0', () => {
    const m = new C64Memory();
    m.writePort(0, 0xff, 0);
    m.writePort(1, 0xb7, 0);
    m.writePort(0, 0x2f, 10);
    expect(m.readPort(1, 100) & 0x80).toBe(0x80);
    expect(m.readPort(1, 10 + 400_000) & 0x80).toBe(0);
  });

  it('uses our KERNAL replacement without ROMs and banks supplied ROMs in', () => {
    const plain = new C64Memory();
    expect(plain.peekRomOrRam(0xffa0)).toBe(0x48);
    expect(plain.peekRomOrRam(0xa000)).toBe(0);
    const kernal = new Uint8Array(0x2000).fill(0xea);
    const basic = new Uint8Array(0x2000).fill(0x11);
    const chargen = new Uint8Array(0x1000).fill(0x22);
    const m = new C64Memory({ kernal, basic, chargen });
    expect(m.hasBasicRom).toBe(true);
    expect(m.peekRomOrRam(0xe000)).toBe(0xea);
    expect(m.peekRomOrRam(0xa123)).toBe(0x11);
    m.writePort(0, 0x2f, 0);
    m.writePort(1, 0x33, 0);
    expect(m.peekRomOrRam(0xd800)).toBe(0x22);
    m.writePort(1, 0x34, 0);
    m.ram[0xe000] = 0x99;
    expect(m.peekRomOrRam(0xe000)).toBe(0x99);
  });

  it('hooks the reset vector on its own copy and restores it on reset', () => {
    const kernal = new Uint8Array(0x2000);
    const m = new C64Memory({ kernal });
    m.setResetVector(0x1234);
    expect(m.peekRomOrRam(0xfffc)).toBe(0x34);
    expect(m.peekRomOrRam(0xfffd)).toBe(0x12);
    expect(kernal[0x1ffc]).toBe(0);
    m.reset();
    expect(m.peekRomOrRam(0xfffc)).toBe(0);
  });
});

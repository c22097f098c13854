import { describe, expect, it } from 'vitest';
import { machineRunning } from './support/machine-bench.js';

const JMP_SELF = [0x4c, 0x00, 0x00];

function loop(program: number[], origin = 0x1000): number[] {
  const at = origin + program.length;
  return [...program, JMP_SELF[0], at & 0xff, at >> 8];
}

describe('C64 bus', () => {
  it('counts one cycle per bus access from the reset that starts the song', () => {
    // LDA #$01 (2) STA $D400 (4): the store's write is the 4th cycle of the STA.
    const c64 = machineRunning(loop([0xa9, 0x01, 0x8d, 0x00, 0xd4]));
    const seen: number[][] = [];
    c64.addObserver((cycle, sid, reg, value) => seen.push([cycle, sid, reg, value]));
    c64.runCycles(40);
    // Cycle 0 is the reset's last vector read (libsidplayfp's clock start); LDA takes
    // cycles 1–2, STA 3–6 with its write on cycle 6.
    expect(seen[0]).toEqual([6, 0, 0, 1]);
    expect(c64.cycle).toBeGreaterThanOrEqual(40);
  });

  it("leaves SP at $FF after the song's reset, as libsidplayfp does", () => {
    // JSR $1010 from $1000: the return address lands at $01FF/$01FE (a bare 6510 would use $01FD/$01FC).
    const program = loop([0x20, 0x10, 0x10]);
    const c64 = machineRunning([...program, ...new Array(0x10 - program.length).fill(0xea), 0x60]);
    expect(c64.cpu.sp).toBe(0xff);
    c64.runCycles(40);
    expect(c64.memory.ram[0x01ff]).toBe(0x10);
    expect(c64.memory.ram[0x01fe]).toBe(0x02);
  });

  it('mirrors the $D400 SID through $D400–$D7FF and keeps a last-written mirror', () => {
    const c64 = machineRunning(loop([0xa9, 0x42, 0x8d, 0x25, 0xd5, 0xa9, 0x07, 0x8d, 0xf8, 0xd7]));
    c64.runCycles(100);
    expect(c64.lastWritten[0x05]).toBe(0x42);
    expect(c64.lastWritten[0x18]).toBe(0x07);
  });

  it('maps an extra SID to its 32-byte slot and leaves the rest to the first chip', () => {
    const c64 = machineRunning(
      loop([
        0xa9, 0x11, 0x8d, 0x21, 0xd4, 0xa9, 0x22, 0x8d, 0x01, 0xd4, 0xa9, 0x33, 0x8d, 0x41, 0xd4,
      ]),
      0x1000,
      [0xd420],
    );
    const writes: string[] = [];
    c64.addObserver((_c, sid, reg, value) => writes.push(`${sid}:${reg}:${value}`));
    c64.runCycles(100);
    expect(writes.slice(0, 3)).toEqual(['1:1:17', '0:1:34', '0:1:51']);
    expect(c64.lastWritten[32 + 1]).toBe(0x11);
  });

  it('stores 4-bit colour RAM and writes under ROM into RAM', () => {
    // STA $D800 with $FF; STA $E000 (KERNAL visible) with $5A.
    const c64 = machineRunning(loop([0xa9, 0xff, 0x8d, 0x00, 0xd8, 0xa9, 0x5a, 0x8d, 0x00, 0xe0]));
    c64.runCycles(100);
    expect(c64.memory.colorRam[0]).toBe(0x0f);
    expect(c64.memory.ram[0xe000]).toBe(0x5a);
    expect(c64.memory.peekRomOrRam(0xe000)).not.toBe(0x5a);
  });

  it('feeds SID samples for every cycle of a chunk', () => {
    const c64 = machineRunning(loop([0xa9, 0x0f, 0x8d, 0x18, 0xd4]));
    const ran = c64.runCycles(1000);
    expect(ran).toBeGreaterThanOrEqual(1000);
    expect(c64.sidBuffers[0].length).toBeGreaterThanOrEqual(ran);
    expect(c64.sidBuffers[0].subarray(0, ran).every(Number.isFinite)).toBe(true);
  });

  it('stalls reads on bad lines once the screen is on', () => {
    // With DEN set ($D011 = $1B) the CPU loses 40+ cycles per bad line: fewer loop iterations.
    const counter = [0xee, 0x00, 0x20, 0x4c, 0x00, 0x10]; // INC $2000; JMP $1000 (9 cycles)
    const off = machineRunning(counter);
    const on = machineRunning(
      [0xa9, 0x1b, 0x8d, 0x11, 0xd0, 0x4c, 0x00, 0x10]
        .slice(0, 5)
        .concat([0xee, 0x00, 0x20, 0x4c, 0x05, 0x10]),
    );
    off.memory.ram[0x2000] = 0;
    on.memory.ram[0x2000] = 0;
    off.runCycles(4096);
    off.runCycles(4096);
    on.runCycles(4096);
    on.runCycles(4096);
    off.runCycles(4096);
    on.runCycles(4096);
    // 3 × 4096 cycles = 195 lines: at least ~20 bad lines × 40 stolen cycles.
    const lost = (off.memory.ram[0x2000] + 256 * 0 - on.memory.ram[0x2000]) & 0xff;
    expect(lost).toBeGreaterThan(50);
  });
});

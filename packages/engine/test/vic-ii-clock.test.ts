import { describe, expect, it } from 'vitest';
import { type ClockTiming, NTSC_TIMING, PAL_TIMING } from '../src/c64/clock.js';
import { VicII } from '../src/c64/vic/index.js';
import { StateWriter } from '../src/state/state-writer.js';

function stateOf(vic: VicII): Uint8Array {
  const w = new StateWriter();
  vic.saveState(w);
  return w.finish();
}

/** A small deterministic generator (xorshift32). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

/** Register writes a player routine might do: raster compare, $D011 (DEN, YSCROLL, RST8), IRQ mask/ack, sprites. */
function randomWrite(next: () => number): [number, number] {
  const pick = Math.floor(next() * 8);
  const byte = Math.floor(next() * 256);
  switch (pick) {
    case 0:
      return [0x11, (byte & 0x97) | 0x10];
    case 1:
      return [0x11, byte & 0x7f & ~0x10];
    case 2:
      return [0x12, byte];
    case 3:
      return [0x1a, byte & 1];
    case 4:
      return [0x19, 0xff];
    case 5:
      return [0x15, next() < 0.5 ? 0 : byte];
    case 6:
      return [0x01 + 2 * (byte & 7), Math.floor(next() * 256)];
    default:
      return [0x17, byte];
  }
}

describe.each([
  ['PAL', PAL_TIMING],
  ['NTSC', NTSC_TIMING],
])('VicII.clock(n) (%s)', (_name: string, timing: ClockTiming) => {
  it('equals n ticks, with register writes in between', () => {
    const stepped = new VicII(timing);
    const clocked = new VicII(timing);
    const next = random(timing.cyclesPerLine);
    let irqs = 0;
    let stalls = 0;
    for (let round = 0; round < 3000; round++) {
      const cycles = 1 + Math.floor(next() * (next() < 0.2 ? 2000 : 90));
      for (let i = 0; i < cycles; i++) stepped.tick();
      clocked.clock(cycles);
      expect(clocked.irq).toBe(stepped.irq);
      expect(clocked.stallsRead).toBe(stepped.stallsRead);
      expect(clocked.lineCycle).toBe(stepped.lineCycle);
      expect(clocked.rasterLine).toBe(stepped.rasterLine);
      if (stepped.irq) irqs++;
      if (stepped.stallsRead) stalls++;
      if (next() < 0.7) {
        const [register, value] = randomWrite(next);
        stepped.write(register, value);
        clocked.write(register, value);
      }
    }
    expect(stateOf(clocked)).toEqual(stateOf(stepped));
    // The scenario really exercised interrupts and bad-line / sprite stalls.
    expect(irqs).toBeGreaterThan(10);
    expect(stalls).toBeGreaterThan(10);
  });

  it('reports no event before the next tick that changes IRQ or BA', () => {
    const vic = new VicII(timing);
    vic.write(0x11, 0x1b);
    vic.write(0x12, 0x40);
    vic.write(0x1a, 1);
    const probe = new VicII(timing);
    probe.write(0x11, 0x1b);
    probe.write(0x12, 0x40);
    probe.write(0x1a, 1);
    for (let t = 0; t < timing.cyclesPerLine * timing.linesPerFrame * 2; ) {
      const quiet = vic.cyclesUntilEvent() - 1;
      expect(quiet).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < quiet; i++) {
        probe.tick();
        expect(probe.irq).toBe(vic.irq);
        expect(probe.stallsRead).toBe(vic.stallsRead);
      }
      probe.tick();
      vic.clock(quiet + 1);
      if (vic.irq) {
        vic.write(0x19, 1);
        probe.write(0x19, 1);
      }
      t += quiet + 1;
    }
    expect(stateOf(vic)).toEqual(stateOf(probe));
  });
});

import { describe, expect, it } from 'vitest';
import { NTSC_TIMING, PAL_TIMING } from '../src/c64/clock.js';
import { VicII } from '../src/c64/vic/index.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';

/** Ticks until the raster register first shows line 0 (cycle 1 of line 0). */
function toLineZero(vic: VicII): void {
  for (let i = 0; i < 400 * 65; i++) {
    vic.tick();
    if (vic.lineCycle === 1 && vic.rasterLine === 0) break;
  }
  expect(vic.rasterLine).toBe(0);
  expect(vic.lineCycle).toBe(1);
}

describe('VicII raster', () => {
  it('starts at cycle 0 of the last line after reset, so line 0 shows at tick 64 (PAL)', () => {
    const vic = new VicII(PAL_TIMING);
    expect(vic.rasterLine).toBe(311);
    expect(vic.lineCycle).toBe(0);
    for (let i = 0; i < 63; i++) vic.tick();
    expect(vic.lineCycle).toBe(0);
    expect(vic.read(0x12)).toBe(311 & 0xff);
    expect(vic.read(0x11) & 0x80).toBe(0x80);
    vic.tick();
    expect(vic.read(0x12)).toBe(0);
    expect(vic.read(0x11) & 0x80).toBe(0);
  });

  it.each([
    ['PAL', PAL_TIMING, 19_656],
    ['NTSC', NTSC_TIMING, 17_095],
  ])('%s frame is %i cycles between raster interrupts of the same line', (_name, timing, frame) => {
    const vic = new VicII(timing);
    vic.write(0x12, 100);
    vic.write(0x1a, 1);
    const fired: number[] = [];
    for (let t = 1; t <= frame * 3 + 200; t++) {
      vic.tick();
      if (vic.irq) {
        fired.push(t);
        expect(vic.lineCycle).toBe(0);
        expect(vic.rasterLine).toBe(100);
        vic.write(0x19, 0x01);
        expect(vic.irq).toBe(false);
      }
    }
    expect(fired.length).toBe(3);
    expect(fired[1] - fired[0]).toBe(frame);
    expect(fired[2] - fired[1]).toBe(frame);
    expect(vic.read(0x19) & 0x01).toBe(0);
  });

  it('fires line 0 at cycle 1 and a line N at cycle 0, N cycles-per-line apart', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x1a, 1);
    vic.write(0x12, 0);
    toLineZero(vic);
    expect(vic.irq).toBe(true);
    expect(vic.read(0x19)).toBe(0xf1);
    vic.write(0x19, 0xff);
    vic.write(0x12, 5);
    let ticks = 0;
    while (!vic.irq) {
      vic.tick();
      ticks++;
    }
    // From cycle 1 of line 0 to cycle 0 of line 5.
    expect(ticks).toBe(5 * 63 - 1);
    expect(vic.lineCycle).toBe(0);
    expect(vic.read(0x12)).toBe(5);
  });

  it('latches the flag even when masked, and raises irq when the mask is set later', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x12, 10);
    for (let i = 0; i < 63 * 12; i++) vic.tick();
    expect(vic.irq).toBe(false);
    expect(vic.read(0x19) & 0x81).toBe(0x01);
    vic.write(0x1a, 0x01);
    expect(vic.irq).toBe(true);
    expect(vic.read(0x19) & 0x80).toBe(0x80);
    expect(vic.read(0x1a)).toBe(0xf1);
  });

  it('fires on the next cycle when the compare is set to the current line', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x1a, 1);
    for (let i = 0; i < 63 * 20 + 30; i++) vic.tick();
    vic.write(0x19, 0x0f); // line 0 (the reset compare value) has already fired
    expect(vic.irq).toBe(false);
    const line = vic.rasterLine;
    vic.write(0x12, line);
    expect(vic.irq).toBe(false);
    vic.tick();
    expect(vic.irq).toBe(true);
    expect(vic.rasterLine).toBe(line);
  });

  it('compares bit 8 from $D011 bit 7', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x1a, 1);
    vic.write(0x11, 0x80);
    vic.write(0x12, 0x05); // line 261
    let t = 0;
    while (!vic.irq && t < 20_000) {
      vic.tick();
      t++;
    }
    expect(vic.rasterLine).toBe(261);
    expect(vic.read(0x11) & 0x80).toBe(0x80);
    expect(vic.read(0x12)).toBe(0x05);
  });
});

/** Ticks until the chip is at `cycle` of raster line `line`. */
function runTo(vic: VicII, line: number, cycle: number): void {
  for (let i = 0; i < 20_000 && !(vic.rasterLine === line && vic.lineCycle === cycle); i++)
    vic.tick();
  expect([vic.rasterLine, vic.lineCycle]).toEqual([line, cycle]);
}

describe('VicII bad lines', () => {
  function frameBaCycles(
    vic: VicII,
    timing: typeof PAL_TIMING,
  ): { low: number; lines: Set<number> } {
    let low = 0;
    let outside = 0;
    let writeStalls = 0;
    const lines = new Set<number>();
    const frame = timing.cyclesPerLine * timing.linesPerFrame;
    for (let i = 0; i < frame; i++) {
      vic.tick();
      if (vic.stallsRead) {
        low++;
        lines.add(vic.rasterLine);
        if (vic.lineCycle < 11 || vic.lineCycle > 53) outside++;
      }
      if (vic.stallsWrite) writeStalls++;
    }
    expect(outside).toBe(0);
    expect(writeStalls).toBe(0);
    return { low, lines };
  }

  it.each([
    ['PAL', PAL_TIMING],
    ['NTSC', NTSC_TIMING],
  ])('%s with DEN on steals 25 lines x (40 + 3) cycles per frame', (_n, timing) => {
    const vic = new VicII(timing);
    vic.write(0x11, 0x1b);
    frameBaCycles(vic, timing); // first (partial) frame after reset
    const { low, lines } = frameBaCycles(vic, timing);
    expect(low).toBe(25 * 43);
    expect([...lines].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => 0x33 + 8 * i),
    );
  });

  it('with DEN off steals nothing', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x0b);
    frameBaCycles(vic, PAL_TIMING);
    expect(frameBaCycles(vic, PAL_TIMING).low).toBe(0);
  });

  it('takes BA low at cycle 11 and releases it at cycle 54', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x18); // YSCROLL 0: line $30 is bad
    runTo(vic, 0x30, 10);
    expect(vic.isBadLine).toBe(true);
    expect(vic.baLow).toBe(false);
    vic.tick();
    expect(vic.baLow).toBe(true);
    runTo(vic, vic.rasterLine, 53);
    expect(vic.baLow).toBe(true);
    vic.tick();
    expect(vic.baLow).toBe(false);
  });

  it('a YSCROLL write before cycle 11 cancels the bad line; after it the line stays bad', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x18);
    runTo(vic, 0x38, 5);
    expect(vic.isBadLine).toBe(true);
    vic.write(0x11, 0x19);
    expect(vic.isBadLine).toBe(false);
    let low = 0;
    for (let i = 0; i < 60; i++) {
      vic.tick();
      if (vic.baLow) low++;
    }
    expect(low).toBe(0);
    // Make line $39 bad in the middle of the line: BA drops on the next cycle.
    runTo(vic, 0x39, 20);
    expect(vic.isBadLine).toBe(true);
    vic.write(0x11, 0x18);
    expect(vic.isBadLine).toBe(true);
  });

  it('creates a bad line mid-line when YSCROLL is changed to match', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x18);
    runTo(vic, 0x3a, 30);
    expect(vic.baLow).toBe(false);
    vic.write(0x11, 0x1a);
    vic.tick();
    expect(vic.baLow).toBe(true);
    runTo(vic, vic.rasterLine, 54);
    expect(vic.baLow).toBe(false);
  });
});

describe('VicII sprite DMA', () => {
  function stolenPerFrame(vic: VicII, cycles: number): { low: number; cyclesSeen: Set<number> } {
    let low = 0;
    const cyclesSeen = new Set<number>();
    for (let i = 0; i < cycles; i++) {
      vic.tick();
      if (vic.baLow) {
        low++;
        cyclesSeen.add(vic.lineCycle);
      }
    }
    return { low, cyclesSeen };
  }

  it('PAL sprite 0 takes BA low in cycles 54-58 on its 21 lines (42 when Y-expanded)', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x0b); // DEN off: no bad lines
    vic.write(0x01, 100);
    vic.write(0x15, 0x01);
    const frame = 63 * 312;
    stolenPerFrame(vic, frame);
    const { low, cyclesSeen } = stolenPerFrame(vic, frame);
    expect(low).toBe(21 * 5);
    expect([...cyclesSeen].sort((a, b) => a - b)).toEqual([54, 55, 56, 57, 58]);
    vic.write(0x17, 0x01);
    stolenPerFrame(vic, frame);
    expect(stolenPerFrame(vic, frame).low).toBe(42 * 5);
  });

  it('PAL sprites 0-7 on one line plus no bad lines', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x11, 0x0b);
    for (let i = 0; i < 8; i++) vic.write(2 * i + 1, 150);
    vic.write(0x15, 0xff);
    stolenPerFrame(vic, 63 * 312);
    const { low } = stolenPerFrame(vic, 63 * 312);
    // BA low from cycle 54 through cycle 9 of the next line (sprite 7 ends at 10): 9 + 10 per line.
    expect(low).toBe(21 * (9 + 10));
  });

  it('NTSC sprite 0 takes BA low in cycles 55-59', () => {
    const vic = new VicII(NTSC_TIMING);
    vic.write(0x11, 0x0b);
    vic.write(0x01, 60);
    vic.write(0x15, 0x01);
    const frame = 65 * 263;
    stolenPerFrame(vic, frame);
    const { low, cyclesSeen } = stolenPerFrame(vic, frame);
    expect(low).toBe(21 * 5);
    expect([...cyclesSeen].sort((a, b) => a - b)).toEqual([55, 56, 57, 58, 59]);
  });
});

describe('VicII registers', () => {
  it('mirrors every 64 bytes, reads unused as $FF and colour registers with high nibble set', () => {
    const vic = new VicII(PAL_TIMING);
    vic.write(0x20 + 0x40, 0x0e);
    expect(vic.read(0x20)).toBe(0xfe);
    expect(vic.read(0x60)).toBe(0xfe);
    vic.write(0x15, 0x42);
    expect(vic.read(0x15 + 0x80)).toBe(0x42);
    expect(vic.read(0x2f)).toBe(0xff);
    expect(vic.read(0x3f)).toBe(0xff);
    expect(vic.read(0x19)).toBe(0x70);
    expect(vic.read(0x1a)).toBe(0xf0);
  });

  it('restores a snapshot exactly', () => {
    const a = new VicII(PAL_TIMING);
    a.write(0x11, 0x1b);
    a.write(0x12, 0x80);
    a.write(0x1a, 1);
    a.write(0x15, 0x05);
    a.write(0x01, 0x40);
    a.write(0x05, 0x42);
    // Snapshot taken inside sprite DMA.
    for (let i = 0; i < 63 * 0x41 + 57; i++) a.tick();
    expect(a.baLow).toBe(true);
    const w = new StateWriter();
    a.saveState(w);
    const b = new VicII(PAL_TIMING);
    b.loadState(new StateReader(w.finish()));
    let differences = 0;
    for (let i = 0; i < 40_000; i++) {
      a.tick();
      b.tick();
      if (b.baLow !== a.baLow || b.irq !== a.irq) differences++;
      if (a.irq) {
        a.write(0x19, 1);
        b.write(0x19, 1);
      }
    }
    expect(differences).toBe(0);
    expect(b.read(0x12)).toBe(a.read(0x12));
  });

  it('rejects an unknown geometry', () => {
    expect(() => new VicII({ cpuHz: 1, cyclesPerLine: 10, linesPerFrame: 10 })).toThrow(/geometry/);
  });
});

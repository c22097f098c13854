import { describe, expect, it } from 'vitest';
import { traceSnapshots, traceWrites } from '../src/index.js';
import { countingTune } from './support/machine-tunes.js';

describe('trace helpers (sidtrace formats)', () => {
  it('logs writes as "<cycle> <sid> <reg hex2> <value hex2>" in cycle order', () => {
    const lines = traceWrites(countingTune(), { seconds: 1 });
    for (const line of lines) expect(line).toMatch(/^\d+ 0 [0-9a-f]{2} [0-9a-f]{2}$/);
    const cycles = lines.map((l) => Number(l.split(' ')[0]));
    expect(cycles).toEqual([...cycles].sort((a, b) => a - b));
    // The driver sets full volume first, then init stores song − 1 in $D401.
    expect(lines[0]).toMatch(/ 0 18 0f$/);
    expect(lines[1]).toMatch(/ 0 01 00$/);
    // 985,248 cycles hold 50.1 PAL frames; the first raster IRQ comes right after init.
    expect(lines.filter((l) => l.includes(' 0 02 ')).length).toBe(51);
    expect(cycles[cycles.length - 1]).toBeLessThan(985_249);
  });

  it('prints snapshots of the registers as last written before each snapshot cycle', () => {
    const lines = traceSnapshots(countingTune(), { seconds: 1, every: 4410 });
    expect(lines.length).toBe(10);
    expect(lines[0].split(' ').length).toBe(26);
    expect(lines[0].startsWith('4410 ')).toBe(true);
    expect(lines[9].startsWith('44100 ')).toBe(true);
    const writes = traceWrites(countingTune(), { seconds: 1 });
    // Replaying the write log up to snapshot 5's cycle gives snapshot 5.
    const limit = Math.floor((5 * 4410 * ((4_433_618.75 * 4) / 18)) / 44_100);
    const regs = new Array(25).fill(0);
    for (const w of writes) {
      const [cycle, , reg, value] = w.split(' ');
      if (Number(cycle) < limit) regs[Number.parseInt(reg, 16)] = Number.parseInt(value, 16);
    }
    expect(lines[4]).toBe(`22050 ${regs.map((v) => v.toString(16).padStart(2, '0')).join(' ')}`);
  });

  it('streams lines through onLine', () => {
    const seen: string[] = [];
    const returned = traceWrites(countingTune(), { seconds: 0.2, onLine: (l) => seen.push(l) });
    expect(returned).toEqual([]);
    expect(seen.length).toBeGreaterThan(5);
  });
});

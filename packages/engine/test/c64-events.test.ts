import { describe, expect, it } from 'vitest';
import { machineRunning } from './support/machine-bench.js';

const ORIGIN = 0x1000;
const HANDLER = 0x1100;

/**
 * A player-like program: KERNAL banked out, CIA 1 timer A IRQ every `period`
 * cycles, a raster IRQ, bad lines on, then CLI and the given idle loop. The
 * handler acknowledges both sources and writes the ICR and $D019 values to the
 * SID, so the write log records every interrupt and its source on its cycle.
 */
function playerProgram(period: number, idle: (at: number) => number[]): number[] {
  const setup = [
    0x78, // SEI
    0xa9,
    0x35,
    0x85,
    0x01, // LDA #$35, STA $01: RAM at $E000-$FFFF, I/O visible
    0xa9,
    HANDLER & 0xff,
    0x8d,
    0xfe,
    0xff, // handler -> $FFFE
    0xa9,
    HANDLER >> 8,
    0x8d,
    0xff,
    0xff,
    0xa9,
    period & 0xff,
    0x8d,
    0x04,
    0xdc, // CIA 1 timer A latch
    0xa9,
    period >> 8,
    0x8d,
    0x05,
    0xdc,
    0xa9,
    0x81,
    0x8d,
    0x0d,
    0xdc, // enable timer A interrupt
    0xa9,
    0x11,
    0x8d,
    0x0e,
    0xdc, // start, force load, continuous
    0xa9,
    0x1b,
    0x8d,
    0x11,
    0xd0, // DEN on: bad lines steal cycles
    0xa9,
    0x80,
    0x8d,
    0x12,
    0xd0, // raster compare line $80
    0xa9,
    0x01,
    0x8d,
    0x1a,
    0xd0, // raster IRQ on
    0x58, // CLI
  ];
  const program = [...setup, ...idle(ORIGIN + setup.length)];
  const handler = [
    0xad,
    0x0d,
    0xdc,
    0x8d,
    0x00,
    0xd4, // LDA $DC0D, STA $D400
    0xad,
    0x19,
    0xd0,
    0x8d,
    0x19,
    0xd0,
    0x8d,
    0x01,
    0xd4, // LDA $D019, STA $D019, STA $D401
    0x40, // RTI
  ];
  const image = new Array<number>(HANDLER - ORIGIN + handler.length).fill(0xea);
  image.splice(0, program.length, ...program);
  image.splice(HANDLER - ORIGIN, handler.length, ...handler);
  return image;
}

const jmpSelf = (at: number): number[] => [0x4c, at & 0xff, at >> 8];
/** Two JMPs jumping to each other: the same 3-cycle polls, but no self-jump to skip. */
const jmpPair = (at: number): number[] => [
  0x4c,
  (at + 3) & 0xff,
  (at + 3) >> 8,
  0x4c,
  at & 0xff,
  at >> 8,
];

function writeLog(period: number, idle: (at: number) => number[], chunk: number, cycles: number) {
  const c64 = machineRunning(playerProgram(period, idle), ORIGIN);
  const log: string[] = [];
  c64.addObserver((cycle, _sid, register, value) => log.push(`${cycle}:${register}:${value}`));
  while (c64.cycle < cycles) c64.runCycles(chunk);
  return log.filter((entry) => Number(entry.split(':')[0]) < cycles);
}

describe('C64 event-driven bus', () => {
  it.each([3000, 4567, 19_656])(
    'serves timer and raster IRQs on the same cycles whether or not the idle loop is skipped (period %i)',
    (period) => {
      const cycles = 300_000;
      const skipped = writeLog(period, jmpSelf, 4096, cycles);
      const stepped = writeLog(period, jmpPair, 4096, cycles);
      expect(skipped.length).toBeGreaterThan(30);
      // Both sources fired: ICR reads $81 (timer A), $D019 reads $F1 (raster, unused bits high).
      expect(skipped.some((e) => e.endsWith(':0:129'))).toBe(true);
      expect(skipped.some((e) => e.endsWith(':1:241'))).toBe(true);
      expect(skipped).toEqual(stepped);
    },
  );

  it('gives the same bus timing however the run is split into chunks', () => {
    const cycles = 200_000;
    const whole = writeLog(4321, jmpPair, 4096, cycles);
    expect(writeLog(4321, jmpPair, 17, cycles)).toEqual(whole);
    expect(writeLog(4321, jmpSelf, 333, cycles)).toEqual(whole);
  });
});

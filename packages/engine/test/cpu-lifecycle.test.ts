import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cpu6510, CpuStateVersionError } from '../src/c64/cpu/index.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';
import { CPU_TESTS_DIR } from './support/cpu-dormann.js';
import { cpuWithProgram, stepCycles } from './support/cpu-harness.js';
import { CpuTestBus } from './support/cpu-test-bus.js';

describe('Cpu6510 reset', () => {
  it('takes 7 cycles: 2 reads at PC, 3 stack reads (SP - 3), then $FFFC/$FFFD', () => {
    const bus = new CpuTestBus();
    bus.poke(0xfffc, [0x00, 0xe0]);
    const cpu = new Cpu6510(bus);
    cpu.pc = 0x1234;
    cpu.flagI = 0;
    bus.recording = true;
    cpu.reset();
    expect(bus.traceStrings()).toEqual([
      'R:1234',
      'R:1234',
      'R:0100',
      'R:01ff',
      'R:01fe',
      'R:fffc',
      'R:fffd',
    ]);
    expect(cpu.pc).toBe(0xe000);
    expect(cpu.sp).toBe(0xfd);
    expect(cpu.flagI).toBe(1);
  });
});

describe('Cpu6510 JAM', () => {
  it.each([0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2])(
    'opcode $%s halts the CPU; each later step is one idle read and ignores interrupts',
    (op) => {
      const h = cpuWithProgram([op, 0xea, 0xea]);
      h.cpu.status = 0x20;
      expect(stepCycles(h)).toBe(2);
      expect(h.cpu.jammed).toBe(true);
      h.cpu.setIrq(true);
      h.cpu.setNmi(true);
      h.bus.recording = true;
      for (let i = 0; i < 5; i++) expect(stepCycles(h)).toBe(1);
      expect(h.bus.traceStrings()).toEqual(new Array(5).fill('R:ffff'));
      expect(h.cpu.pc).toBe(0x0201);
    },
  );

  it('reset brings a jammed CPU back', () => {
    const h = cpuWithProgram([0x02]);
    h.bus.poke(0xfffc, [0x00, 0x02]);
    h.cpu.step();
    h.cpu.reset();
    expect(h.cpu.jammed).toBe(false);
    expect(h.cpu.pc).toBe(0x0200);
    expect(stepCycles(h)).toBe(2);
  });
});

describe('Cpu6510 status register', () => {
  it('round-trips every flag combination (bit 5 reads set, B reads clear)', () => {
    const cpu = new Cpu6510(new CpuTestBus());
    for (let p = 0; p < 256; p++) {
      cpu.status = p;
      expect(cpu.status).toBe((p | 0x20) & ~0x10);
    }
  });
});

describe('Cpu6510 saveState/loadState', () => {
  /** The Dormann image loaded on a recording bus, PC at its start. */
  function machine(): { cpu: Cpu6510; bus: CpuTestBus } {
    const bus = new CpuTestBus();
    bus.ram.set(readFileSync(join(CPU_TESTS_DIR, '6502_functional_test.bin')));
    const cpu = new Cpu6510(bus);
    cpu.pc = 0x0400;
    cpu.sp = 0xff;
    return { cpu, bus };
  }

  function traceSteps(cpu: Cpu6510, bus: CpuTestBus, steps: number): string[] {
    bus.accesses.length = 0;
    bus.recording = true;
    for (let i = 0; i < steps; i++) cpu.step();
    bus.recording = false;
    return bus.traceStrings().concat(`A${cpu.a} X${cpu.x} Y${cpu.y} S${cpu.sp} P${cpu.status}`);
  }

  it('restoring a snapshot replays the exact same bus trace', () => {
    const { cpu, bus } = machine();
    for (let i = 0; i < 20_000; i++) cpu.step();
    // Leave latches in a non-default state: NMI edge seen, IRQ line held.
    cpu.setNmi(true);
    cpu.setIrq(true);
    const w = new StateWriter();
    cpu.saveState(w);
    const snapshot = w.finish();
    const ram = bus.ram.slice();
    const cycles = bus.cycles;

    const first = traceSteps(cpu, bus, 3000);

    // Scramble, then restore into a fresh CPU as well as the used one.
    const fresh = new Cpu6510(bus);
    for (const target of [cpu, fresh]) {
      bus.ram.set(ram);
      bus.cycles = cycles;
      const r = new StateReader(snapshot);
      target.loadState(r);
      expect(r.done).toBe(true);
      expect(traceSteps(target, bus, 3000)).toEqual(first);
    }
    // The NMI latched before the snapshot is served in both runs.
    expect(first).toContain('R:fffa');
  });

  it('rejects a snapshot of another layout version', () => {
    const w = new StateWriter();
    w.u8(99);
    const cpu = new Cpu6510(new CpuTestBus());
    expect(() => cpu.loadState(new StateReader(w.finish()))).toThrow(CpuStateVersionError);
  });
});

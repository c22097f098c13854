/**
 * CPU speed: runs Klaus Dormann's functional test on a flat-RAM bus and prints million
 * instructions and million cycles per second.
 *
 * Usage: `npx tsx packages/engine/bench/cpu.bench.ts [--variant switch|table] [--repeat N]`
 * The default measures the shipped decoder (one function per opcode, dispatched through a table);
 * `--variant switch` regenerates the decoder as one 256-case `switch` into a temporary file to
 * compare dispatch strategies.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitDecoder } from '../scripts/gen-opcodes.js';
import { Cpu6510 } from '../src/c64/cpu/cpu6510.js';
import type { CpuBus } from '../src/c64/cpu-bus.js';

const IMAGE = join(import.meta.dirname, '../../../../shared/cpu-tests/6502_functional_test.bin');
const SUCCESS_PC = 0x3469;

class FlatRamBus implements CpuBus {
  readonly ram = new Uint8Array(0x10000);
  cycles = 0;
  read(address: number): number {
    this.cycles++;
    return this.ram[address];
  }
  write(address: number, value: number): void {
    this.cycles++;
    this.ram[address] = value;
  }
}

type Stepper = (cpu: Cpu6510, bus: FlatRamBus) => void;

const args = process.argv.slice(2);
const variant = args.includes('--variant') ? args[args.indexOf('--variant') + 1] : 'table';
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;

async function makeStepper(): Promise<Stepper> {
  if (variant !== 'switch') return (cpu) => cpu.step();
  const out = join(tmpdir(), `sidflow-cpu-switch-${process.pid}.ts`);
  writeFileSync(out, emitDecoder('switch', out));
  const mod = await import(pathToFileURL(out).href);
  rmSync(out);
  const execute: (c: Cpu6510, b: CpuBus, op: number) => void = mod.executeOpcode;
  // Mirrors Cpu6510.step() but dispatches through the one-switch decoder.
  return (cpu, bus) => {
    if (cpu.interruptPending || cpu.jammed) {
      cpu.step();
      return;
    }
    const op = bus.read(cpu.pc);
    cpu.pc = (cpu.pc + 1) & 0xffff;
    execute(cpu, bus, op);
  };
}

interface RunResult {
  instructions: number;
  cycles: number;
  /** Wall-clock milliseconds. */
  ms: number;
  /** Process CPU milliseconds: steadier than wall time on a shared machine. */
  cpuMs: number;
}

function runOnce(step: Stepper): RunResult {
  const bus = new FlatRamBus();
  bus.ram.set(readFileSync(IMAGE));
  const cpu = new Cpu6510(bus);
  cpu.pc = 0x0400;
  cpu.sp = 0xff;
  let instructions = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (;;) {
    const before = cpu.pc;
    step(cpu, bus);
    instructions++;
    if (cpu.pc === before) break;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  const cpuMs = (used.user + used.system) / 1000;
  if (cpu.pc !== SUCCESS_PC) throw new Error(`functional test failed at $${cpu.pc.toString(16)}`);
  return { instructions, cycles: bus.cycles, ms, cpuMs };
}

const step = await makeStepper();
console.log(`decoder: ${variant}`);
for (let i = 0; i < repeat; i++) {
  const { instructions, cycles, ms, cpuMs } = runOnce(step);
  const rate = (count: number, time: number) => (count / time / 1000).toFixed(1);
  console.log(
    `run ${i + 1}: ${instructions} instructions, ${cycles} cycles; ` +
      `wall ${ms.toFixed(0)} ms → ${rate(instructions, ms)} M instructions/s, ${rate(cycles, ms)} M cycles/s; ` +
      `CPU time ${cpuMs.toFixed(0)} ms → ${rate(instructions, cpuMs)} M instructions/s, ${rate(cycles, cpuMs)} M cycles/s`,
  );
}

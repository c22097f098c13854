import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cpu6510 } from '../../src/c64/cpu/cpu6510.js';
import type { CpuBus } from '../../src/c64/cpu-bus.js';

/** Folder of the shared CPU test images (outside the repository). */
export const CPU_TESTS_DIR = join(import.meta.dirname, '../../../../../shared/cpu-tests');

/** Address of the `JMP *` that Klaus Dormann's functional test reaches on success. */
export const DORMANN_SUCCESS_PC = 0x3469;

/** Outcome of one run of the functional test. */
export interface DormannRun {
  /** Address where the CPU got stuck (or was when the budget ran out). */
  readonly pc: number;
  /** Whether the CPU was looping on one instruction when the run ended. */
  readonly trapped: boolean;
  /** Instructions executed. */
  readonly instructions: number;
  /** Bus cycles used. */
  readonly cycles: number;
  /** The test's own case counter (zero-page `test_case` at $0200). */
  readonly testCase: number;
}

/** Flat 64 KiB RAM bus counting cycles; the fastest bus a CPU run can have. */
export class CpuFlatRamBus implements CpuBus {
  /** The whole address space. */
  readonly ram = new Uint8Array(0x10000);
  /** Bus cycles so far. */
  cycles = 0;

  /** One read cycle. */
  read(address: number): number {
    this.cycles++;
    return this.ram[address];
  }

  /** One write cycle. */
  write(address: number, value: number): void {
    this.cycles++;
    this.ram[address] = value;
  }
}

/** Runs the functional test image until the CPU traps on one address or `cycleBudget` is spent. */
export function runDormann(cycleBudget: number): DormannRun {
  const bus = new CpuFlatRamBus();
  bus.ram.set(readFileSync(join(CPU_TESTS_DIR, '6502_functional_test.bin')));
  const cpu = new Cpu6510(bus);
  cpu.pc = 0x0400;
  cpu.sp = 0xff;
  let instructions = 0;
  let trapped = false;
  while (bus.cycles < cycleBudget) {
    const before = cpu.pc;
    cpu.step();
    instructions++;
    if (cpu.pc === before) {
      trapped = true;
      break;
    }
  }
  return { pc: cpu.pc, trapped, instructions, cycles: bus.cycles, testCase: bus.ram[0x200] };
}

/** The listing lines leading up to the instruction at `pc`, to say which check failed. */
export function dormannListingContext(pc: number, lines = 12): string {
  const listing = readFileSync(join(CPU_TESTS_DIR, '6502_functional_test.lst'), 'latin1').split(
    '\n',
  );
  const tag = `${pc.toString(16).padStart(4, '0')} : `;
  const at = listing.findIndex((line) => line.startsWith(tag));
  if (at < 0) return `no listing line for $${tag}`;
  return listing.slice(Math.max(0, at - lines), at + 1).join('\n');
}

import { Cpu6510 } from '../../src/c64/cpu/cpu6510.js';
import { CpuTestBus } from './cpu-test-bus.js';

/** A CPU wired to a fresh {@link CpuTestBus}, PC at `origin`, SP $FF, I set, other flags clear. */
export interface CpuHarness {
  /** The CPU under test. */
  readonly cpu: Cpu6510;
  /** Its bus. */
  readonly bus: CpuTestBus;
}

/** IRQ/BRK handler address the harness installs at $FFFE. */
export const IRQ_HANDLER = 0x0300;
/** NMI handler address the harness installs at $FFFA. */
export const NMI_HANDLER = 0x0340;

/** Builds a CPU with `program` at `origin`, NOP-filled handlers and vectors installed. */
export function cpuWithProgram(program: readonly number[], origin = 0x0200): CpuHarness {
  const bus = new CpuTestBus();
  bus.poke(origin, program);
  bus.poke(0xfffa, [NMI_HANDLER & 0xff, NMI_HANDLER >> 8]);
  bus.poke(0xfffe, [IRQ_HANDLER & 0xff, IRQ_HANDLER >> 8]);
  bus.ram.fill(0xea, IRQ_HANDLER, IRQ_HANDLER + 0x20);
  bus.ram.fill(0xea, NMI_HANDLER, NMI_HANDLER + 0x20);
  const cpu = new Cpu6510(bus);
  cpu.pc = origin;
  cpu.sp = 0xff;
  cpu.status = 0x24;
  return { cpu, bus };
}

/** Runs one `step()` and returns the bus cycles it took. */
export function stepCycles(h: CpuHarness): number {
  const before = h.bus.cycles;
  h.cpu.step();
  return h.bus.cycles - before;
}

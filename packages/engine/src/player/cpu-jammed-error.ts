import { SidflowError } from '@sidflow/core';

/**
 * Recorded (never thrown from `render()`) when the emulated 6510 executed a
 * JAM opcode; the SIDs keep running, as libsidplayfp lets them.
 */
export class CpuJammedError extends SidflowError {
  /** Address of the JAM opcode's successor (the CPU's program counter when it stopped). */
  readonly pc: number;
  /** CPU cycle (from the song's reset) at which the jam was noticed. */
  readonly cycle: number;

  /**
   * @param pc - the CPU's program counter
   * @param cycle - cycle at which the jam was noticed
   */
  constructor(pc: number, cycle: number) {
    super(
      'ENGINE_CPU_JAMMED',
      `the 6510 jammed near $${pc.toString(16).padStart(4, '0')} at cycle ${cycle}`,
    );
    this.pc = pc;
    this.cycle = cycle;
  }
}

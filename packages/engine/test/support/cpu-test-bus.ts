import type { CpuBus } from '../../src/c64/cpu-bus.js';

/** One recorded bus cycle: direction, address and data byte. */
export interface CpuBusAccess {
  /** 'R' for a read cycle, 'W' for a write cycle. */
  readonly kind: 'R' | 'W';
  /** Address on the bus. */
  readonly address: number;
  /** Byte read or written. */
  readonly value: number;
}

/**
 * 64 KiB of flat RAM that counts cycles, can record every access and can run a hook at the start
 * of each cycle (before the access), which is how tests drive the interrupt lines mid-instruction.
 */
export class CpuTestBus implements CpuBus {
  /** The whole address space. */
  readonly ram = new Uint8Array(0x10000);
  /** Number of bus cycles so far. */
  cycles = 0;
  /** Accesses recorded while `recording` is true. */
  readonly accesses: CpuBusAccess[] = [];
  /** Whether to append to `accesses`. */
  recording = false;
  /** Called with the 1-based number of the cycle about to happen. */
  onCycle: ((cycle: number) => void) | null = null;
  /** Bus accesses so far (halted cycles are not accesses). */
  accessCount = 0;
  /** 1-based access number of a read to hold with RDY, as a VIC-II bad line does; -1 for none. */
  haltAtAccess = -1;
  /** How many cycles that read is held. */
  haltLength = 0;
  /** Called for each held cycle (1-based within the halt), before the read finally happens. */
  onHaltedCycle: ((index: number) => void) | null = null;

  /** One read cycle, preceded by held cycles if this is the access chosen by `haltAtAccess`. */
  read(address: number): number {
    this.accessCount++;
    if (this.accessCount === this.haltAtAccess) {
      for (let i = 1; i <= this.haltLength; i++) {
        this.cycles++;
        this.onHaltedCycle?.(i);
      }
    }
    this.cycles++;
    this.onCycle?.(this.cycles);
    const value = this.ram[address];
    if (this.recording) this.accesses.push({ kind: 'R', address, value });
    return value;
  }

  /** One write cycle. */
  write(address: number, value: number): void {
    this.accessCount++;
    this.cycles++;
    this.onCycle?.(this.cycles);
    if (this.recording) this.accesses.push({ kind: 'W', address, value });
    this.ram[address] = value;
  }

  /** Stores bytes at an address. */
  poke(address: number, bytes: readonly number[]): void {
    for (let i = 0; i < bytes.length; i++) this.ram[(address + i) & 0xffff] = bytes[i];
  }

  /** Recorded accesses as compact strings like `R:0200`, `W:01FD=12`. */
  traceStrings(): string[] {
    return this.accesses.map((a) =>
      a.kind === 'R'
        ? `R:${a.address.toString(16).padStart(4, '0')}`
        : `W:${a.address.toString(16).padStart(4, '0')}=${a.value.toString(16).padStart(2, '0')}`,
    );
  }
}

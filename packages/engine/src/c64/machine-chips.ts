import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';

/** Everything a chip needs to take part in a machine snapshot. */
export interface SnapshotCapable {
  /** Appends the chip's complete state. */
  saveState(w: StateWriter): void;
  /** Restores the state {@link SnapshotCapable.saveState} wrote. */
  loadState(r: StateReader): void;
}

/** What the machine needs of the 6510 core. */
export interface MachineCpu extends SnapshotCapable {
  /** Program counter. */
  readonly pc: number;
  /** True once the CPU executed a JAM opcode. */
  readonly jammed: boolean;
  /** True when the next {@link MachineCpu.step} enters an interrupt. */
  readonly interruptPending: boolean;
  /** An NMI edge was seen and not yet served. */
  readonly nmiLatch: boolean;
  /** Level of the IRQ input as last set. */
  readonly irqLine: boolean;
  /** The interrupt-disable flag, 0 or 1. */
  readonly flagI: number;
  /** Stack pointer (the machine sets it after reset to match libsidplayfp). */
  sp: number;
  /** Accumulator (the machine sets it when it runs a counting loop in closed form). */
  a: number;
  /** X index register. */
  x: number;
  /** Y index register. */
  y: number;
  /** Carry flag, 0 or 1. */
  flagC: number;
  /** Overflow flag, 0 or 1. */
  flagV: number;
  /** Decimal flag, 0 or 1. */
  readonly flagD: number;
  /** N flag source: N is bit 7 of this byte. */
  flagN: number;
  /** Z flag source: Z is set when this byte is 0. */
  flagZ: number;
  /** Copies the registers, flags and interrupt latches into `into` (4 entries). */
  captureRegisters(into: Int32Array): void;
  /** True when registers, flags and latches equal what {@link MachineCpu.captureRegisters} stored. */
  registersEqual(saved: Int32Array): boolean;
  /** Like {@link MachineCpu.registersEqual}, but the stack pointer may differ. */
  registersEqualButSp(saved: Int32Array): boolean;
  /** Runs the reset sequence (reads the vector at $FFFC through the bus). */
  reset(): void;
  /** Executes one instruction or one interrupt entry (one bus call per cycle). */
  step(): void;
  /** Level of the IRQ input (true = asserted). */
  setIrq(level: boolean): void;
  /** Level of the NMI input (edge-triggered on false → true). */
  setNmi(level: boolean): void;
}

/** What the machine needs of a CIA 6526. */
export interface MachineCia extends SnapshotCapable {
  /** True while the chip pulls its interrupt output low. */
  readonly irq: boolean;
  /** Advances one φ2 cycle. */
  tick(): void;
  /** Advances `cycles` cycles, exactly as that many {@link MachineCia.tick} calls would. */
  clock(cycles: number): void;
  /** Ticks until the next one that may change {@link MachineCia.irq} or anything but the timer counts (≥ 1). */
  cyclesUntilEvent(): number;
  /**
   * True when reading `register` now has no side effects and gives the same
   * value however far the chip's clock is behind (e.g. an input port): the
   * bus then skips catching the chip up.
   */
  readIsTimeless(register: number): boolean;
  /** Reads register 0–15. */
  read(register: number): number;
  /** Writes register 0–15. */
  write(register: number, value: number): void;
}

/** What the machine needs of the VIC-II. */
export interface MachineVic extends SnapshotCapable {
  /** True while the chip asserts its IRQ output. */
  readonly irq: boolean;
  /** True while BA has been low long enough that a CPU read must wait (bad lines). */
  readonly stallsRead: boolean;
  /** Advances one cycle. */
  tick(): void;
  /** Advances `cycles` cycles, exactly as that many {@link MachineVic.tick} calls would. */
  clock(cycles: number): void;
  /** Ticks until the next one that may change {@link MachineVic.irq}, BA or anything but the line cycle (≥ 1). */
  cyclesUntilEvent(): number;
  /** Reads register 0–63. */
  read(register: number): number;
  /**
   * True when writing `value` to `register` now would change nothing at all
   * (e.g. acknowledging an interrupt flag that is already clear), however far
   * the chip's clock is behind, before its next event.
   */
  writeChangesNothing(register: number, value: number): boolean;
  /** Writes register 0–63. */
  write(register: number, value: number): void;
}

/** What the machine needs of a SID. */
export interface MachineSid extends SnapshotCapable {
  /** Writes register 0–31 (the caller has clocked the chip up to the write's cycle). */
  write(register: number, value: number): void;
  /** Reads register 0–31 (the caller has clocked the chip up to the read's cycle). */
  read(register: number): number;
  /** Synthesises `cycles` cycles, one float sample per cycle, into `out` from `offset`. */
  clock(cycles: number, out: Float32Array, offset: number): void;
  /**
   * Runs `cycles` cycles without producing audio (fast seeking): the digital
   * state (registers, oscillators, noise, envelopes, OSC3/ENV3) ends exactly
   * as {@link MachineSid.clock} would leave it; the analog filter stages do not run.
   */
  advance(cycles: number): void;
  /** Puts the analog stages at rest for the current registers, before synthesis resumes after {@link MachineSid.advance}. */
  settleAnalog(): void;
  /**
   * From here on, {@link MachineSid.advance} also estimates the level the output's
   * slow high-pass holds (sampling the output every `interval` cycles), the digital
   * state staying exact.
   */
  startLevelEstimate(interval: number): void;
  /** Ends the estimate and puts the analog stages at rest at the estimated output level. */
  finishLevelEstimate(): void;
  /** Silences or restores one voice (0–2). */
  muteVoice(voice: 0 | 1 | 2, muted: boolean): void;
  /** Power-on state. */
  reset(): void;
}

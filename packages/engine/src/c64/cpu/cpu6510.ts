import type { StateReader } from '../../state/state-reader.js';
import type { StateWriter } from '../../state/state-writer.js';
import type { CpuBus } from '../cpu-bus.js';
import { CpuStateVersionError } from './cpu-state-version-error.js';
import { OPCODE_HANDLERS } from './opcodes.generated.js';

/** Snapshot layout version written by {@link Cpu6510.saveState}. */
const STATE_VERSION = 1;

/**
 * The NMOS 6510 core of the C64 (the 6502 instruction set, undocumented opcodes and NMOS decimal
 * mode included), cycle-exact at the bus: every {@link CpuBus} call it makes is one clock cycle,
 * with the same address and direction as the real chip (dummy reads and read-modify-write double
 * writes included). The on-chip I/O port at $00/$01 belongs to the memory map, not to this class.
 *
 * Interrupt timing follows the hardware: the lines are polled just before the last bus cycle of
 * each instruction, so a level set by the machine before that cycle starts is served after the
 * instruction, and one set during the last cycle waits one more instruction. Taken branches
 * without a page cross do not poll on their extra cycle; CLI, SEI and PLP change I after the poll
 * (delayed effect) while RTI changes it before; an NMI edge seen before the status push of a
 * BRK/IRQ entry hijacks its vector.
 */
export class Cpu6510 {
  /** Accumulator (0..255). */
  a = 0;
  /** X index register (0..255). */
  x = 0;
  /** Y index register (0..255). */
  y = 0;
  /** Stack pointer (0..255), addressing page 1. */
  sp = 0;
  /** Program counter (0..65535). */
  pc = 0;
  /** Carry flag, 0 or 1. */
  flagC = 0;
  /** Overflow flag, 0 or 1. */
  flagV = 0;
  /** Decimal flag, 0 or 1. */
  flagD = 0;
  /** Interrupt-disable flag, 0 or 1. */
  flagI = 1;
  /** N flag source: N is bit 7 of this byte (kept unmasked so one store sets N and Z). */
  flagN = 0;
  /** Z flag source: Z is set when this byte is 0. */
  flagZ = 1;
  /** True after a JAM opcode: the CPU only idles on the bus until {@link Cpu6510.reset}. */
  jammed = false;
  /** @internal Current level of the IRQ input (true = asserted). */
  irqLine = false;
  /** @internal Current level of the NMI input (true = asserted). */
  nmiLine = false;
  /** @internal An NMI edge was seen and not yet served. */
  nmiLatch = false;
  /** @internal Result of the last poll: the next {@link Cpu6510.step} enters an interrupt. */
  interruptPending = false;

  /** @param bus - the machine; each call is one CPU cycle */
  constructor(private readonly bus: CpuBus) {}

  /** The status register P as read by PHP without B: `N V 1 0 D I Z C`. */
  get status(): number {
    return (
      (this.flagN & 0x80) |
      (this.flagV << 6) |
      0x20 |
      (this.flagD << 3) |
      (this.flagI << 2) |
      (this.flagZ === 0 ? 0x02 : 0) |
      this.flagC
    );
  }

  /** Loads P (as PLP/RTI do; bits 4 and 5 are ignored). */
  set status(value: number) {
    this.flagN = value & 0x80;
    this.flagV = (value >> 6) & 1;
    this.flagD = (value >> 3) & 1;
    this.flagI = (value >> 2) & 1;
    this.flagZ = (value & 0x02) ^ 0x02;
    this.flagC = value & 1;
  }

  /**
   * Drives the IRQ input (level-triggered, active when true). The machine may call this between
   * any two bus cycles; a level present when the CPU polls, with I clear, causes an interrupt.
   */
  setIrq(level: boolean): void {
    this.irqLine = level;
  }

  /** Drives the NMI input; a false→true edge latches one NMI, served once regardless of I. */
  setNmi(level: boolean): void {
    if (level && !this.nmiLine) this.nmiLatch = true;
    this.nmiLine = level;
  }

  /**
   * The 7-cycle reset sequence: two reads at PC, three stack reads while SP drops by 3 (the
   * suppressed pushes of an interrupt entry), then the vector at $FFFC/$FFFD. Sets I, clears the
   * jam and any pending NMI; the IRQ/NMI input levels are left as the machine drives them.
   */
  reset(): void {
    const b = this.bus;
    this.jammed = false;
    this.nmiLatch = false;
    b.read(this.pc);
    b.read(this.pc);
    b.read(0x100 | this.sp);
    this.sp = (this.sp - 1) & 0xff;
    b.read(0x100 | this.sp);
    this.sp = (this.sp - 1) & 0xff;
    b.read(0x100 | this.sp);
    this.sp = (this.sp - 1) & 0xff;
    this.flagI = 1;
    const low = b.read(0xfffc);
    this.pc = low | (b.read(0xfffd) << 8);
    this.interruptPending = false;
  }

  /**
   * Tells the CPU that one cycle passed while it was halted by RDY (a VIC-II bad line or sprite
   * DMA holding a read). A halted 6510 keeps sampling its interrupt inputs, so an IRQ or NMI that
   * arrives while the last cycle of an instruction is held is served right after that instruction,
   * as in libsidplayfp. The machine calls this once per halted cycle, after updating the
   * interrupt lines for that cycle; never calling it is also valid (interrupts then need to
   * arrive before the held cycle began).
   */
  haltedCycle(): void {
    if (!this.jammed) this.interruptPending = this.nmiLatch || (this.irqLine && this.flagI === 0);
  }

  /**
   * Runs one instruction, or one 7-cycle interrupt entry when the last poll found an interrupt,
   * or (when jammed) one idle read cycle.
   */
  step(): void {
    const b = this.bus;
    if (this.interruptPending) {
      this.enterInterrupt(b);
      return;
    }
    if (this.jammed) {
      b.read(0xffff);
      return;
    }
    const op = b.read(this.pc);
    this.pc = (this.pc + 1) & 0xffff;
    OPCODE_HANDLERS[op](this, b);
  }

  /**
   * IRQ/NMI entry: the opcode fetch and the next read are discarded (PC does not move), PC and P
   * (B clear) are pushed, I is set and the vector is fetched. The first handler instruction always
   * runs before another interrupt, as on the real chip.
   */
  private enterInterrupt(b: CpuBus): void {
    b.read(this.pc);
    b.read(this.pc);
    b.write(0x100 | this.sp, this.pc >> 8);
    this.sp = (this.sp - 1) & 0xff;
    b.write(0x100 | this.sp, this.pc & 0xff);
    this.sp = (this.sp - 1) & 0xff;
    const vector = this.nmiLatch ? 0xfffa : 0xfffe;
    this.nmiLatch = false;
    b.write(0x100 | this.sp, (this.status & ~0x10) | 0x20);
    this.sp = (this.sp - 1) & 0xff;
    this.flagI = 1;
    const low = b.read(vector);
    this.pc = low | (b.read(vector + 1) << 8);
    this.interruptPending = false;
  }

  /** @internal ADC with NMOS decimal mode (N, V and Z as the NMOS chip sets them). */
  adc(value: number): void {
    const a = this.a;
    const carry = this.flagC;
    const binary = a + value + carry;
    if (this.flagD === 0) {
      this.flagV = ((~(a ^ value) & (a ^ binary)) >> 7) & 1;
      this.flagC = binary >> 8;
      this.a = this.flagN = this.flagZ = binary & 0xff;
      return;
    }
    // NMOS BCD: Z comes from the binary sum; N and V from the sum after the low-nibble fix only.
    let low = (a & 0x0f) + (value & 0x0f) + carry;
    if (low > 0x09) low += 0x06;
    let sum = (a & 0xf0) + (value & 0xf0) + (low > 0x0f ? 0x10 : 0) + (low & 0x0f);
    this.flagZ = binary & 0xff;
    this.flagN = sum & 0x80;
    this.flagV = ((~(a ^ value) & (a ^ sum)) >> 7) & 1;
    if ((sum & 0x1f0) > 0x90) sum += 0x60;
    this.flagC = (sum & 0xff0) > 0xf0 ? 1 : 0;
    this.a = sum & 0xff;
  }

  /** @internal SBC with NMOS decimal mode (all flags from the binary difference). */
  sbc(value: number): void {
    const a = this.a;
    const borrow = 1 - this.flagC;
    const binary = a - value - borrow;
    this.flagV = (((a ^ value) & (a ^ binary)) >> 7) & 1;
    this.flagC = binary >= 0 ? 1 : 0;
    this.flagN = this.flagZ = binary & 0xff;
    if (this.flagD === 0) {
      this.a = binary & 0xff;
      return;
    }
    let low = (a & 0x0f) - (value & 0x0f) - borrow;
    let result: number;
    if (low & 0x10) {
      low = (low - 6) & 0x0f;
      result = low | ((a & 0xf0) - (value & 0xf0) - 0x10);
    } else {
      result = (low & 0x0f) | ((a & 0xf0) - (value & 0xf0));
    }
    if (result & 0x100) result -= 0x60;
    this.a = result & 0xff;
  }

  /** @internal ARR (AND then ROR A) with its odd V/C rules and NMOS decimal fix-ups. */
  arr(value: number): void {
    const and = this.a & value;
    let result = (and >> 1) | (this.flagC << 7);
    if (this.flagD === 0) {
      this.a = this.flagN = this.flagZ = result;
      this.flagC = (result >> 6) & 1;
      this.flagV = ((result >> 6) ^ (result >> 5)) & 1;
      return;
    }
    this.flagN = result;
    this.flagZ = result;
    this.flagV = ((result ^ and) >> 6) & 1;
    if ((and & 0x0f) + (and & 0x01) > 0x05) result = (result & 0xf0) | ((result + 0x06) & 0x0f);
    if ((and & 0xf0) + (and & 0x10) > 0x50) {
      result = (result + 0x60) & 0xff;
      this.flagC = 1;
    } else {
      this.flagC = 0;
    }
    this.a = result;
  }

  /**
   * Copies the registers, the flags (as stored) and the interrupt latches into
   * `into` (at least 4 entries), for
   * {@link Cpu6510.registersEqual}.
   */
  captureRegisters(into: Int32Array): void {
    into[0] = this.registersWord();
    into[1] = this.flagN;
    into[2] = this.flagZ;
    into[3] = this.flagsWord();
  }

  /** True when every register, flag and latch equals what {@link Cpu6510.captureRegisters} stored. */
  registersEqual(saved: Int32Array): boolean {
    return (
      saved[0] === this.registersWord() &&
      saved[1] === this.flagN &&
      saved[2] === this.flagZ &&
      saved[3] === this.flagsWord()
    );
  }

  /** Like {@link Cpu6510.registersEqual}, but the stack pointer may differ. */
  registersEqualButSp(saved: Int32Array): boolean {
    return (
      (saved[0] & 0xffffff) === (this.registersWord() & 0xffffff) &&
      saved[1] === this.flagN &&
      saved[2] === this.flagZ &&
      saved[3] === this.flagsWord()
    );
  }

  /** A, X, Y and SP in one int32 (SP in the top byte, so masking it off compares the rest). */
  private registersWord(): number {
    return this.a | (this.x << 8) | (this.y << 16) | (this.sp << 24);
  }

  /** C, V, D, I and the three interrupt/jam latches in one small int; N and Z are kept apart as stored. */
  private flagsWord(): number {
    return (
      this.flagC |
      (this.flagV << 1) |
      (this.flagD << 2) |
      (this.flagI << 3) |
      (this.interruptPending ? 16 : 0) |
      (this.nmiLatch ? 32 : 0) |
      (this.jammed ? 64 : 0)
    );
  }

  /** Writes every register, flag and interrupt latch, in a fixed order. */
  saveState(w: StateWriter): void {
    w.u8(STATE_VERSION);
    w.u8(this.a);
    w.u8(this.x);
    w.u8(this.y);
    w.u8(this.sp);
    w.u16(this.pc);
    w.u8(this.flagC);
    w.u8(this.flagV);
    w.u8(this.flagD);
    w.u8(this.flagI);
    w.u8(this.flagN & 0xff);
    w.u8(this.flagZ & 0xff);
    w.bool(this.jammed);
    w.bool(this.irqLine);
    w.bool(this.nmiLine);
    w.bool(this.nmiLatch);
    w.bool(this.interruptPending);
  }

  /** Restores what {@link Cpu6510.saveState} wrote. */
  loadState(r: StateReader): void {
    const version = r.u8();
    if (version !== STATE_VERSION) throw new CpuStateVersionError(version);
    this.a = r.u8();
    this.x = r.u8();
    this.y = r.u8();
    this.sp = r.u8();
    this.pc = r.u16();
    this.flagC = r.u8();
    this.flagV = r.u8();
    this.flagD = r.u8();
    this.flagI = r.u8();
    this.flagN = r.u8();
    this.flagZ = r.u8();
    this.jammed = r.bool();
    this.irqLine = r.bool();
    this.nmiLine = r.bool();
    this.nmiLatch = r.bool();
    this.interruptPending = r.bool();
  }
}

import type { StateReader } from '../../state/state-reader.js';
import type { StateWriter } from '../../state/state-writer.js';

// State bits of the timer pipeline (the VICE ciatimer scheme libsidplayfp uses).
// Control-register bits sit at their CR positions; each pipeline stage is the
// previous one shifted left by 8, so one shift per cycle advances all of them.
const CR_START = 0x01;
const STEP = 0x04;
const CR_ONESHOT = 0x08;
const CR_FLOAD = 0x10;
const PHI2IN = 0x20;
const CR_MASK = CR_START | CR_ONESHOT | CR_FLOAD | PHI2IN;
const COUNT2 = 0x100;
const COUNT3 = 0x200;
const ONESHOT0 = CR_ONESHOT << 8;
const ONESHOT = CR_ONESHOT << 16;
const LOAD1 = CR_FLOAD << 8;
const LOAD = CR_FLOAD << 16;
const OUT = 0x1000000;
/** "No event in sight" for {@link CiaTimer.quietTicks}. */
const FOREVER = 1 << 30;
/** Bits whose presence means the next clock can change something. */
const BUSY = CR_START | STEP | CR_FLOAD | COUNT2 | COUNT3 | LOAD1 | LOAD | OUT;

/**
 * One 16-bit interval timer of a 6526: latch, counter and the start/load/
 * one-shot pipeline whose delays make a started timer count two cycles after
 * the write and reload on the cycle of an underflow.
 */
export class CiaTimer {
  /** Pipeline state (bit layout private to this file). */
  state = 0;
  /** Current counter value. */
  counter = 0xffff;
  /** Reload value. */
  latch = 0xffff;
  /** PB6/PB7 toggle flip-flop. */
  pbToggle = false;
  /** Last control register value written. */
  control = 0;

  /** Power-on state: counter and latch $FFFF, stopped. */
  reset(): void {
    this.state = 0;
    this.counter = 0xffff;
    this.latch = 0xffff;
    this.pbToggle = false;
    this.control = 0;
  }

  /**
   * One φ1 clock of the timer.
   * @returns true when the counter underflowed this cycle
   */
  clock(): boolean {
    let state = this.state;
    if ((state & BUSY) === 0) {
      // Idle unless the one-shot bit still has to ripple through its stages.
      const one = state & CR_ONESHOT;
      if (((state >> 8) & CR_ONESHOT) === one && ((state >> 16) & CR_ONESHOT) === one) return false;
    }
    if ((state & COUNT3) !== 0) this.counter = (this.counter - 1) & 0xffff;
    let next = state & (CR_START | CR_ONESHOT | PHI2IN);
    if ((state & (CR_START | PHI2IN)) === (CR_START | PHI2IN)) next |= COUNT2;
    if ((state & COUNT2) !== 0 || (state & (STEP | CR_START)) === (STEP | CR_START)) next |= COUNT3;
    next |= (state & (CR_FLOAD | CR_ONESHOT | LOAD1 | ONESHOT0)) << 8;
    state = next;
    let underflow = false;
    if (this.counter === 0 && (state & COUNT3) !== 0) {
      state |= LOAD | OUT;
      if ((state & (ONESHOT | ONESHOT0)) !== 0) state &= ~(CR_START | COUNT2);
      // CRx bits 1+2 set: PB6/PB7 toggles on every underflow.
      this.pbToggle = (this.control & 0x06) === 6 && !this.pbToggle;
      underflow = true;
    }
    if ((state & LOAD) !== 0) {
      this.counter = this.latch;
      state &= ~COUNT3;
    }
    this.state = state;
    return underflow;
  }

  /**
   * Applies a control register write. `value` bit 5 set means "not counting φ2"
   * (CNT or, for timer B, timer A underflows).
   */
  setControl(value: number): void {
    this.state = (this.state & ~CR_MASK) | ((value & CR_MASK) ^ PHI2IN);
    this.control = value;
  }

  /** A timer A underflow seen by timer B in cascade mode: one count step next cycle. */
  step(): void {
    this.state |= STEP;
  }

  /** Latch low byte write. */
  writeLatchLow(value: number): void {
    this.latch = (this.latch & 0xff00) | value;
    if ((this.state & LOAD) !== 0) this.counter = this.latch;
  }

  /** Latch high byte write; a stopped timer loads the latch one cycle later. */
  writeLatchHigh(value: number): void {
    this.latch = (this.latch & 0x00ff) | (value << 8);
    if ((this.state & LOAD) !== 0) this.counter = this.latch;
    else if ((this.state & CR_START) === 0) this.state |= LOAD1;
  }

  /**
   * Ticks that can pass with nothing happening but the counter decrementing
   * (no underflow, no pipeline change): counter − 1 while counting φ2 steadily,
   * 2^30 while idle, else 0.
   */
  quietTicks(): number {
    const state = this.state;
    const one = state & CR_ONESHOT;
    const settled = ((state >> 8) & CR_ONESHOT) === one && ((state >> 16) & CR_ONESHOT) === one;
    if (!settled) return 0;
    const busy = state & BUSY;
    if (busy === 0) return FOREVER;
    // Started but counting CNT / timer A underflows, with no step pending.
    if (busy === CR_START && (state & PHI2IN) === 0) return FOREVER;
    if (busy === (CR_START | COUNT2 | COUNT3) && (state & PHI2IN) !== 0) {
      return this.counter > 1 ? this.counter - 1 : 0;
    }
    return 0;
  }

  /** Advances `ticks` quiet ticks at once (see {@link CiaTimer.quietTicks}). */
  skip(ticks: number): void {
    if ((this.state & COUNT3) !== 0) this.counter -= ticks;
  }

  /** True while the start bit is set (it clears itself after a one-shot underflow). */
  get started(): boolean {
    return (this.state & CR_START) !== 0;
  }

  /** Level this timer drives on PB6/PB7: toggle flip-flop or a one-cycle underflow pulse. */
  portBit(control: number): boolean {
    return (control & 0x04) !== 0 ? this.pbToggle : (this.state & OUT) !== 0;
  }

  /** Writes the fields in a fixed order. */
  saveState(w: StateWriter): void {
    w.i32(this.state);
    w.u16(this.counter);
    w.u16(this.latch);
    w.bool(this.pbToggle);
    w.u8(this.control);
  }

  /** Reads the fields written by {@link CiaTimer.saveState}. */
  loadState(r: StateReader): void {
    this.state = r.i32();
    this.counter = r.u16();
    this.latch = r.u16();
    this.pbToggle = r.bool();
    this.control = r.u8();
  }
}

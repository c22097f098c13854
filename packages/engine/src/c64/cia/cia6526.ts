import { SidflowError } from '@sidflow/core';
import type { StateReader } from '../../state/state-reader.js';
import type { StateWriter } from '../../state/state-writer.js';
import { CiaTimer } from './cia-timer.js';

/** CIA chip revision: the old 6526 delays its interrupt output by one cycle, the 6526A (8521) does not. */
export type CiaModel = '6526' | '6526A';

/** Options of {@link Cia6526}. */
export interface Cia6526Options {
  /** Chip revision; default `'6526'` (libsidplayfp's default). */
  model?: CiaModel;
  /**
   * CPU cycles between two pulses of the 50/60 Hz time-of-day input, counted
   * by the chip itself. libsidplayfp uses `trunc(cpuHz / mainsHz)`: 19,704 for
   * PAL (50 Hz), 17,045 for NTSC (60 Hz). Default 19,704. Pass 0 to drive the
   * input yourself with {@link Cia6526.todTick}.
   */
  todPeriodCycles?: number;
}

// Register numbers.
const PRA = 0;
const PRB = 1;
const DDRA = 2;
const DDRB = 3;
const TAL = 4;
const TAH = 5;
const TBL = 6;
const TBH = 7;
const TOD_TENTHS = 8;
const SDR = 12;
const ICR = 13;
const CRA = 14;
const CRB = 15;

// Interrupt data register bits.
const INT_TA = 0x01;
const INT_TB = 0x02;
const INT_ALARM = 0x04;
const INT_SP = 0x08;
const INT_REQUEST = 0x80;

/** "Never" for the pending-event cycle fields. */
const NONE = -1;

/**
 * MOS 6526 / 6526A Complex Interface Adapter, cycle by cycle.
 *
 * Timing follows libsidplayfp 2.4: `tick()` is the φ1 half of a cycle (timers,
 * interrupt pipeline, TOD), `read`/`write` are the CPU's φ2 access in that same
 * cycle, so the bus must call `tick()` before the access of each cycle.
 * A timer started by a write to CRx decrements for the first time on the third
 * tick after the write; a timer underflows when it reaches zero and reloads in
 * the same cycle (period = latch + 1). An enabled interrupt source raises
 * {@link Cia6526.irq} on the tick after the flag (6526) or on the same tick
 * (6526A). Reading ICR drops the output on the next tick and clears the flags
 * (the 6526A keeps showing them until two ticks later); an interrupt that would
 * assert on the tick right after an ICR read is swallowed, and on the 6526 a
 * timer B underflow in that tick leaves its flag clear, as on the real chips.
 * `clock(n)`/`cyclesUntilEvent()` offer an event-driven fast path identical to
 * `n` ticks. Ports read back output latch OR
 * inputs, where every input is high (no keyboard or joystick); the serial port
 * only shifts out (16 timer A underflows per byte, then the SP interrupt).
 */
export class Cia6526 {
  /** Interrupt output asserted (CIA 1 drives the CPU's IRQ, CIA 2 its NMI). */
  irq = false;

  private readonly model6526A: boolean;
  private readonly todPeriod: number;
  private readonly regs = new Uint8Array(16);
  private readonly timerA = new CiaTimer();
  private readonly timerB = new CiaTimer();
  /** Cycle number of the current tick. */
  private now = 0;
  private icr = 0;
  private idr = 0;
  private idrPending = 0;
  private interruptAt = NONE;
  private clearIrqAt = NONE;
  private updateIdrAt = NONE;
  private lastClear = NONE - 1;
  private lastSet = NONE - 1;
  private cascadePending = false;
  private serialBitsLeft = 0;
  private serialQueued = false;
  private readonly todClock = new Uint8Array(4);
  private readonly todLatch = new Uint8Array(4);
  private readonly todAlarm = new Uint8Array(4);
  private todLatched = false;
  private todStopped = true;
  private todPulses = 0;
  private todCountdown = 0;

  /** @param options - chip revision and time-of-day input rate */
  constructor(options: Cia6526Options = {}) {
    const model = options.model ?? '6526';
    if (model !== '6526' && model !== '6526A') {
      throw new SidflowError('CIA_BAD_MODEL', `unknown CIA model "${String(model)}"`);
    }
    const period = options.todPeriodCycles ?? 19_704;
    if (!Number.isFinite(period) || period < 0) {
      throw new SidflowError('CIA_BAD_TOD_PERIOD', `todPeriodCycles must be >= 0, got ${period}`);
    }
    this.model6526A = model === '6526A';
    this.todPeriod = Math.floor(period);
    this.reset();
  }

  /** Hardware reset: registers 0, timers $FFFF and stopped, TOD stopped at 1:00:00.0. */
  reset(): void {
    this.regs.fill(0);
    this.timerA.reset();
    this.timerB.reset();
    this.irq = false;
    this.now = 0;
    this.icr = 0;
    this.idr = 0;
    this.idrPending = 0;
    this.interruptAt = NONE;
    this.clearIrqAt = NONE;
    this.updateIdrAt = NONE;
    this.lastClear = NONE - 1;
    this.lastSet = NONE - 1;
    this.cascadePending = false;
    this.serialBitsLeft = 0;
    this.serialQueued = false;
    this.todClock.fill(0);
    this.todClock[3] = 1;
    this.todLatch.set(this.todClock);
    this.todAlarm.fill(0);
    this.todLatched = false;
    this.todStopped = true;
    this.todPulses = 0;
    this.todCountdown = this.todPeriod;
  }

  /** Advances one φ1 half-cycle: pending interrupt events, both timers, the TOD input. */
  tick(): void {
    const now = ++this.now;
    if (this.updateIdrAt === now) this.updateIdr();
    if (this.clearIrqAt === now) {
      this.clearIrqAt = NONE;
      this.irq = false;
    }
    if (this.interruptAt !== NONE && this.interruptAt <= now) this.raiseInterrupt();
    if (this.timerA.clock()) this.underflowA();
    if (this.timerB.clock()) this.trigger(INT_TB, now);
    if (this.cascadePending) {
      this.cascadePending = false;
      this.timerB.step();
    }
    if (this.todPeriod !== 0 && --this.todCountdown === 0) {
      this.todCountdown = this.todPeriod;
      this.todPulse(now);
    }
    // A 6526A raises the output in the same φ1 as the flag.
    if (this.interruptAt === now) this.raiseInterrupt();
  }

  /**
   * Ticks that can pass with no change but the timers counting down: no
   * underflow, interrupt event or TOD pulse happens before tick number
   * `cyclesUntilEvent()`. At least 1 (the next tick may be an event).
   */
  cyclesUntilEvent(): number {
    if (
      this.cascadePending ||
      this.interruptAt !== NONE ||
      this.clearIrqAt !== NONE ||
      this.updateIdrAt > this.now
    ) {
      return 1;
    }
    let quiet = Math.min(this.timerA.quietTicks(), this.timerB.quietTicks());
    if (this.todPeriod !== 0 && this.todCountdown - 1 < quiet) quiet = this.todCountdown - 1;
    return quiet + 1;
  }

  /**
   * Advances `cycles` ticks; identical to calling {@link Cia6526.tick} that many
   * times, but skips over stretches where the timers only count.
   */
  clock(cycles: number): void {
    while (cycles > 0) {
      const quiet = this.cyclesUntilEvent() - 1;
      if (quiet > 0) {
        const skip = Math.min(quiet, cycles);
        this.timerA.skip(skip);
        this.timerB.skip(skip);
        this.now += skip;
        if (this.todPeriod !== 0) this.todCountdown -= skip;
        cycles -= skip;
      } else {
        this.tick();
        cycles--;
      }
    }
  }

  /**
   * One pulse of the 50/60 Hz TOD input, for a machine that drives it itself
   * (`todPeriodCycles: 0`); it takes effect as if it arrived with the next tick.
   */
  todTick(): void {
    this.todPulse(this.now + 1);
  }

  private todPulse(dueBase: number): void {
    if (this.todStopped) return;
    // A 3-bit prescaler counts mains pulses: 5 per tenth with CRA bit 7 set (50 Hz), else 6.
    this.todPulses = (this.todPulses + 1) & 7;
    if (this.todPulses === ((this.regs[CRA] & 0x80) !== 0 ? 5 : 6)) {
      this.todPulses = 0;
      this.advanceTod();
      this.checkAlarm(dueBase);
    }
  }

  /** Reads register `reg` (0–15) in the φ2 half of the current cycle. */
  read(reg: number): number {
    const regs = this.regs;
    switch (reg & 15) {
      case PRA:
        return (regs[PRA] | ~regs[DDRA]) & 0xff;
      case PRB:
        return this.portB((regs[PRB] | ~regs[DDRB]) & 0xff);
      case TAL:
        return this.timerA.counter & 0xff;
      case TAH:
        return this.timerA.counter >> 8;
      case TBL:
        return this.timerB.counter & 0xff;
      case TBH:
        return this.timerB.counter >> 8;
      case 8:
      case 9:
      case 10:
      case 11:
        return this.readTod((reg & 15) - TOD_TENTHS);
      case ICR:
        return this.readIcr();
      case CRA:
        return (regs[CRA] & 0xee) | (this.timerA.started ? 1 : 0);
      case CRB:
        return (regs[CRB] & 0xee) | (this.timerB.started ? 1 : 0);
      default:
        return regs[reg & 15];
    }
  }

  /**
   * True when reading register `reg` now has no side effects and returns the
   * same value however many ticks the chip is behind: the data direction
   * registers, port A, and port B while no timer drives PB6/PB7. The bus may
   * then read without catching the chip up first.
   */
  readIsTimeless(reg: number): boolean {
    switch (reg & 15) {
      case PRA:
      case DDRA:
      case DDRB:
        return true;
      case PRB:
        return ((this.regs[CRA] | this.regs[CRB]) & 0x02) === 0;
      default:
        return false;
    }
  }

  /** Writes register `reg` (0–15) in the φ2 half of the current cycle. */
  write(reg: number, value: number): void {
    reg &= 15;
    value &= 0xff;
    const old = this.regs[reg];
    this.regs[reg] = value;
    switch (reg) {
      case TAL:
        this.timerA.writeLatchLow(value);
        break;
      case TAH:
        this.timerA.writeLatchHigh(value);
        break;
      case TBL:
        this.timerB.writeLatchLow(value);
        break;
      case TBH:
        this.timerB.writeLatchHigh(value);
        break;
      case 8:
      case 9:
      case 10:
      case 11:
        this.writeTod(reg - TOD_TENTHS, value);
        break;
      case SDR:
        if ((this.regs[CRA] & 0x40) !== 0) {
          if (this.serialBitsLeft === 0) this.serialBitsLeft = 16;
          else this.serialQueued = true;
        }
        break;
      case ICR:
        this.writeIcr(value);
        break;
      case CRA:
        // Starting the timer sets the PB6 toggle output high.
        if ((value & 1) !== 0 && (old & 1) === 0) this.timerA.pbToggle = true;
        this.timerA.setControl(value);
        break;
      case CRB:
        if ((value & 1) !== 0 && (old & 1) === 0) this.timerB.pbToggle = true;
        // Bit 6 (count timer A underflows) also stops φ2 counting, like bit 5.
        this.timerB.setControl(value | ((value & 0x40) >> 1));
        break;
      default:
        break;
    }
  }

  private portB(value: number): number {
    const regs = this.regs;
    if ((regs[CRA] & 0x02) !== 0) {
      value = (value & 0xbf) | (this.timerA.portBit(regs[CRA]) ? 0x40 : 0);
    }
    if ((regs[CRB] & 0x02) !== 0) {
      value = (value & 0x7f) | (this.timerB.portBit(regs[CRB]) ? 0x80 : 0);
    }
    return value;
  }

  private underflowA(): void {
    const now = this.now;
    if ((this.regs[CRA] & 0x40) !== 0 && this.serialBitsLeft !== 0 && --this.serialBitsLeft === 0) {
      this.trigger(INT_SP, now);
      if (this.serialQueued) {
        this.serialQueued = false;
        this.serialBitsLeft = 16;
      }
    }
    this.trigger(INT_TA, now);
    if ((this.regs[CRB] & 0x41) === 0x41 && this.timerB.started) this.cascadePending = true;
  }

  /**
   * Sets interrupt flags. `dueBase` is the cycle whose φ1 a zero-delay event
   * would run in: the current cycle from φ1 code, the next one from φ2 code.
   */
  private trigger(flags: number, dueBase: number): void {
    this.idr |= flags;
    this.idrPending |= flags;
    if (((flags !== 0 ? flags : this.idr) & this.icr) !== 0) {
      if (this.interruptAt === NONE) this.interruptAt = dueBase + (this.model6526A ? 0 : 1);
    } else if (flags === 0 && this.now === this.lastSet + 1) {
      // Two ICR writes in a row: the second cancels what the first scheduled.
      this.interruptAt = NONE;
    }
    // Old 6526: timer B underflowing in the cycle after an ICR read raises the
    // interrupt but leaves its flag clear.
    if (!this.model6526A && flags === INT_TB && this.now === this.lastClear + 1) {
      this.idr &= ~INT_TB;
      this.idrPending &= ~INT_TB;
    }
  }

  private raiseInterrupt(): void {
    this.interruptAt = NONE;
    if ((this.idr & INT_REQUEST) === 0) {
      this.idr |= INT_REQUEST;
      if (this.now !== this.lastClear + 1) this.irq = true;
    }
  }

  private updateIdr(): void {
    this.idr = this.idrPending;
    if (this.now === this.lastClear + 1) {
      this.updateIdrAt = this.now + 1;
      this.idrPending = 0;
    } else {
      this.updateIdrAt = NONE;
    }
  }

  private readIcr(): number {
    const now = this.now;
    this.lastClear = now;
    this.clearIrqAt = now + 1;
    if (this.updateIdrAt <= now) {
      this.updateIdrAt = now + 2;
      this.idrPending = 0;
    }
    const value = this.idr;
    if (!this.model6526A) this.idr &= INT_REQUEST;
    return value;
  }

  private writeIcr(value: number): void {
    if ((value & 0x80) !== 0) this.icr |= value & 0x1f;
    else this.icr &= ~value & 0x1f;
    if (this.now !== this.lastClear + 1) this.trigger(0, this.now + 1);
    this.lastSet = this.now;
  }

  private readTod(index: number): number {
    // Reading hours freezes the visible time until tenths are read; the clock keeps running.
    if (!this.todLatched) this.todLatch.set(this.todClock);
    if (index === 0) this.todLatched = false;
    else if (index === 3) this.todLatched = true;
    return this.todLatch[index];
  }

  private writeTod(index: number, value: number): void {
    const alarm = (this.regs[CRB] & 0x80) !== 0;
    if (index === 0) value &= 0x0f;
    else if (index < 3) value &= 0x7f;
    else {
      value &= 0x9f;
      // Writing 12 to the clock (not the alarm) flips AM/PM, as the chip does.
      if ((value & 0x1f) === 0x12 && !alarm) value ^= 0x80;
    }
    let changed = false;
    if (alarm) {
      changed = this.todAlarm[index] !== value;
      this.todAlarm[index] = value;
    } else {
      // Writing hours stops the clock, writing tenths restarts it.
      if (index === 0) {
        if (this.todStopped) {
          this.todPulses = 0;
          this.todStopped = false;
        }
      } else if (index === 3) {
        this.todStopped = true;
      }
      changed = this.todClock[index] !== value;
      this.todClock[index] = value;
    }
    if (changed) this.checkAlarm(this.now + 1);
  }

  private checkAlarm(dueBase: number): void {
    const c = this.todClock;
    const a = this.todAlarm;
    if (c[0] === a[0] && c[1] === a[1] && c[2] === a[2] && c[3] === a[3]) {
      this.trigger(INT_ALARM, dueBase);
    }
  }

  private advanceTod(): void {
    const c = this.todClock;
    let tenths = c[0] & 0x0f;
    let secLo = c[1] & 0x0f;
    let secHi = (c[1] >> 4) & 0x07;
    let minLo = c[2] & 0x0f;
    let minHi = (c[2] >> 4) & 0x07;
    let hourLo = c[3] & 0x0f;
    let hourHi = (c[3] >> 4) & 0x01;
    let pm = c[3] & 0x80;
    // Each BCD digit is a 4-bit (or 3-bit) counter that only carries at its decimal limit.
    tenths = (tenths + 1) & 0x0f;
    if (tenths === 10) {
      tenths = 0;
      secLo = (secLo + 1) & 0x0f;
      if (secLo === 10) {
        secLo = 0;
        secHi = (secHi + 1) & 0x07;
        if (secHi === 6) {
          secHi = 0;
          minLo = (minLo + 1) & 0x0f;
          if (minLo === 10) {
            minLo = 0;
            minHi = (minHi + 1) & 0x07;
            if (minHi === 6) {
              minHi = 0;
              // 09 -> 10 and 12 -> 01; 11 -> 12 flips AM/PM.
              if ((hourLo === 2 && hourHi === 1) || (hourLo === 9 && hourHi === 0)) {
                hourLo = hourHi;
                hourHi ^= 1;
              } else {
                hourLo = (hourLo + 1) & 0x0f;
                if (hourLo === 2 && hourHi === 1) pm ^= 0x80;
              }
            }
          }
        }
      }
    }
    c[0] = tenths;
    c[1] = secLo | (secHi << 4);
    c[2] = minLo | (minHi << 4);
    c[3] = hourLo | (hourHi << 4) | pm;
  }

  /** Writes every field in a fixed order. */
  saveState(w: StateWriter): void {
    w.bytes(this.regs);
    this.timerA.saveState(w);
    this.timerB.saveState(w);
    w.bool(this.irq);
    w.f64(this.now);
    w.u8(this.icr);
    w.u8(this.idr);
    w.u8(this.idrPending);
    w.f64(this.interruptAt);
    w.f64(this.clearIrqAt);
    w.f64(this.updateIdrAt);
    w.f64(this.lastClear);
    w.f64(this.lastSet);
    w.bool(this.cascadePending);
    w.u8(this.serialBitsLeft);
    w.bool(this.serialQueued);
    w.bytes(this.todClock);
    w.bytes(this.todLatch);
    w.bytes(this.todAlarm);
    w.bool(this.todLatched);
    w.bool(this.todStopped);
    w.u8(this.todPulses);
    w.u32(this.todCountdown);
  }

  /** Restores the fields written by {@link Cia6526.saveState}. */
  loadState(r: StateReader): void {
    r.bytes(this.regs);
    this.timerA.loadState(r);
    this.timerB.loadState(r);
    this.irq = r.bool();
    this.now = r.f64();
    this.icr = r.u8();
    this.idr = r.u8();
    this.idrPending = r.u8();
    this.interruptAt = r.f64();
    this.clearIrqAt = r.f64();
    this.updateIdrAt = r.f64();
    this.lastClear = r.f64();
    this.lastSet = r.f64();
    this.cascadePending = r.bool();
    this.serialBitsLeft = r.u8();
    this.serialQueued = r.bool();
    r.bytes(this.todClock);
    r.bytes(this.todLatch);
    r.bytes(this.todAlarm);
    this.todLatched = r.bool();
    this.todStopped = r.bool();
    this.todPulses = r.u8();
    this.todCountdown = r.u32();
  }
}

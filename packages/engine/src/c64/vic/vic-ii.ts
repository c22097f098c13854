import { SidflowError } from '@sidflow/core';
import type { StateReader } from '../../state/state-reader.js';
import type { StateWriter } from '../../state/state-writer.js';
import type { ClockTiming } from '../clock.js';

/** First raster line on which a bad line can occur. */
const FIRST_DMA_LINE = 0x30;
/** Last raster line on which a bad line can occur. */
const LAST_DMA_LINE = 0xf7;
/** Line cycle at which BA drops on a bad line (3 cycles before the 40 stolen cycles). */
const BADLINE_BA_CYCLE = 11;
/** Line cycle at which BA rises again (no sprite DMA follows). */
const BA_RELEASE_CYCLE = 54;
/** Last line cycle at which a $D011 write can still start a bad line. */
const LAST_BADLINE_START_CYCLE = BADLINE_BA_CYCLE + 40 + 6;

const IRQ_RASTER = 0x01;

// Events a φ2 register write schedules for the next φ1.
const PENDING_RASTER_COMPARE = 1;
const PENDING_BA_UPDATE = 2;

/**
 * MOS 6569 (PAL) / 6567R8 (NTSC) VIC-II, reduced to what a SID player needs:
 * raster counter, raster interrupt, and bus stealing by bad lines and sprites.
 *
 * Timing follows libsidplayfp 2.4. `tick()` is the φ1 half of a cycle and
 * `read`/`write` the CPU's φ2 access in the same cycle. Line cycles count from
 * 0; the raster counter advances at cycle 0 of each line except line 0, whose
 * counter value appears at cycle 1, so a raster interrupt fires at cycle 0 of
 * its line (cycle 1 for line 0). Comparison is edge-triggered: writing the
 * current line to $D012/$D011 fires on the next cycle. On a bad line BA drops
 * at cycle 11 and rises at cycle 54: 3 cycles of warning (the CPU may still
 * write) plus the 40 stolen cycles. Enabled sprites whose Y matches take BA
 * low in their DMA slots around the end of the line (libsidplayfp's slot
 * table). After `reset()` the chip is at cycle 0 of the last line, so line 0
 * starts one line later. Light pen and graphics are not emulated.
 */
export class VicII {
  /** Interrupt output asserted (wired to the CPU's IRQ). */
  irq = false;
  /** BA output low: the VIC wants the bus (this cycle or within 3 cycles). */
  baLow = false;

  private readonly cyclesPerLine: number;
  private readonly linesPerFrame: number;
  private readonly regs = new Uint8Array(64);
  private cycle = 0;
  private raster = 0;
  private vblanking = false;
  private badLinesEnabled = false;
  private badLine = false;
  private rasterCompareMatched = false;
  private irqFlags = 0;
  private irqMask = 0;
  private yscroll = 0;
  private pending = 0;
  /** Line cycle at which the first sprite slot ends and BA rises with no sprites (PAL 0, NTSC 1). */
  private readonly releaseCycle: number;
  private spriteDma = 0;
  private expandFlop = 0xff;
  private readonly spriteBase = new Uint8Array(8);
  private readonly spriteCounter = new Uint8Array(8);

  /** @param timing - PAL (63 × 312) or NTSC (65 × 263) geometry */
  constructor(timing: ClockTiming) {
    const { cyclesPerLine, linesPerFrame } = timing;
    if (
      !(cyclesPerLine >= 63 && cyclesPerLine <= 65 && linesPerFrame >= 262 && linesPerFrame <= 312)
    ) {
      throw new SidflowError(
        'VIC_BAD_TIMING',
        `unsupported VIC-II geometry ${cyclesPerLine} cycles x ${linesPerFrame} lines`,
      );
    }
    this.cyclesPerLine = cyclesPerLine;
    this.linesPerFrame = linesPerFrame;
    this.releaseCycle = cyclesPerLine === 63 ? 0 : 1;
    this.reset();
  }

  /** The bus must hold the CPU's read cycles while this is true. */
  get stallsRead(): boolean {
    return this.baLow;
  }

  /**
   * The bus must hold write cycles while this is true. Always false: a 6510
   * never writes more than 3 cycles in a row, so stalling reads on BA is
   * enough (libsidplayfp's model).
   */
  get stallsWrite(): boolean {
    return false;
  }

  /** Current raster line (0 … lines − 1). */
  get rasterLine(): number {
    return this.raster;
  }

  /** Current cycle within the raster line (0 … cycles per line − 1). */
  get lineCycle(): number {
    return this.cycle;
  }

  /** True while the current line is a bad line. */
  get isBadLine(): boolean {
    return this.badLine;
  }

  /** Hardware reset: registers 0, at cycle 0 of the last raster line, no interrupt, BA high. */
  reset(): void {
    this.regs.fill(0);
    this.cycle = 0;
    this.raster = this.linesPerFrame - 1;
    this.vblanking = false;
    this.badLinesEnabled = false;
    this.badLine = false;
    this.rasterCompareMatched = false;
    this.irqFlags = 0;
    this.irqMask = 0;
    this.yscroll = 0;
    this.pending = 0;
    this.irq = false;
    this.baLow = false;
    this.spriteDma = 0;
    this.expandFlop = 0xff;
    this.spriteBase.fill(0);
    this.spriteCounter.fill(0);
  }

  /** Advances one cycle (its φ1 half). */
  tick(): void {
    let cycle = this.cycle + 1;
    if (cycle === this.cyclesPerLine) cycle = 0;
    this.cycle = cycle;
    if (cycle === 0) {
      this.startLine();
    } else if (cycle === 1) {
      if (this.vblanking) {
        this.vblanking = false;
        this.raster = 0;
        this.compareRaster();
      }
    } else if (cycle === BADLINE_BA_CYCLE) {
      if (this.badLine) this.baLow = true;
    }
    if ((this.spriteDma | this.regs[0x15]) !== 0) {
      if (this.cyclesPerLine === 63) this.spriteCyclePal(cycle);
      else this.spriteCycleNtsc(cycle);
    } else if (cycle === BA_RELEASE_CYCLE || cycle === this.releaseCycle) {
      // No sprite DMA: the bus comes back at cycle 54 and at the first sprite-slot end of the line.
      this.baLow = false;
    }
    if (this.pending !== 0) {
      const pending = this.pending;
      this.pending = 0;
      if ((pending & PENDING_RASTER_COMPARE) !== 0) this.compareRaster();
      if ((pending & PENDING_BA_UPDATE) !== 0) this.baLow = this.badLine;
    }
  }

  /**
   * Ticks until the next one that can change an output (IRQ, BA) or anything
   * a register read shows besides the raster position: a line start that
   * matches the raster compare, the vertical-blank raster reset, the lines
   * where bad lines are enabled or disabled, a bad line (its start, so its BA
   * drop follows) and BA's release. Line starts in between only move the
   * raster counter, so a quiet stretch may span many lines. At least 1;
   * always 1 while sprites are enabled or fetching, or a register write
   * awaits its φ1.
   */
  cyclesUntilEvent(): number {
    if (this.pending !== 0 || (this.spriteDma | this.regs[0x15]) !== 0) return 1;
    const cycle = this.cycle;
    const toLineStart = this.cyclesPerLine - cycle;
    if (this.vblanking && cycle < 1) return 1 - cycle;
    let next = toLineStart;
    if (this.badLine && cycle < BADLINE_BA_CYCLE && BADLINE_BA_CYCLE - cycle < next) {
      next = BADLINE_BA_CYCLE - cycle;
    }
    if (this.baLow) {
      if (this.releaseCycle > cycle && this.releaseCycle - cycle < next) {
        next = this.releaseCycle - cycle;
      }
      if (cycle < BA_RELEASE_CYCLE && BA_RELEASE_CYCLE - cycle < next) {
        next = BA_RELEASE_CYCLE - cycle;
      }
    }
    if (next < toLineStart || this.baLow) return next;
    return toLineStart + this.quietLineCycles();
  }

  /**
   * Cycles from the next line start to the first tick after it that matters:
   * whole lines whose start changes nothing but the raster counter (and the
   * compare match ending, which no output or read shows), then either a line
   * start that does (raster compare match, vertical blank, the lines around
   * $30 and $F7 where bad lines are switched) or a bad line's BA drop.
   */
  private quietLineCycles(): number {
    const raster = this.raster;
    // The start with old raster r makes the new raster r + 1.
    let quiet = this.linesPerFrame - 1 - raster;
    const compare = this.regs[0x12] | ((this.regs[0x11] & 0x80) << 1);
    if (compare > raster && compare - raster - 1 < quiet) quiet = compare - raster - 1;
    if (raster < FIRST_DMA_LINE && FIRST_DMA_LINE - 1 - raster < quiet) {
      quiet = FIRST_DMA_LINE - 1 - raster;
    } else if (raster === FIRST_DMA_LINE) {
      quiet = 0;
    }
    if (raster <= LAST_DMA_LINE && LAST_DMA_LINE - raster < quiet) quiet = LAST_DMA_LINE - raster;
    if (quiet < 0) quiet = 0;
    if (this.badLinesEnabled) {
      const first = Math.max(raster + 1, FIRST_DMA_LINE);
      const bad = first + ((this.yscroll - first) & 7);
      // A bad line's start only marks it bad: its first output change is the BA drop.
      if (bad <= LAST_DMA_LINE && bad - raster - 1 < quiet) {
        return (bad - raster - 1) * this.cyclesPerLine + BADLINE_BA_CYCLE;
      }
    }
    return quiet * this.cyclesPerLine;
  }

  /**
   * Advances `cycles` cycles; identical to calling {@link VicII.tick} that many
   * times, but steps over stretches where only the raster position moves in
   * one go: the line starts inside such a stretch only count the raster up
   * (none matches the compare line), end a compare match and, for the last,
   * mark a bad line (its BA drop ends the stretch).
   */
  clock(cycles: number): void {
    const perLine = this.cyclesPerLine;
    while (cycles > 0) {
      const quiet = this.cyclesUntilEvent() - 1;
      if (quiet > 0) {
        const skip = Math.min(quiet, cycles);
        cycles -= skip;
        const at = this.cycle + skip;
        if (at >= perLine) {
          // `| 0` keeps the raster fields small integers (see the loop skips in c64.ts).
          const lines = (at / perLine) | 0;
          this.raster += lines;
          this.rasterCompareMatched = false;
          this.badLine = this.evaluateBadLine();
          this.cycle = at - lines * perLine;
        } else {
          this.cycle = at;
        }
      } else {
        this.tick();
        cycles--;
      }
    }
  }

  /** BA low for sprite `n`'s DMA slot. */
  private startSpriteDma(n: number): void {
    if ((this.spriteDma & (1 << n)) !== 0) this.baLow = true;
  }

  /** End of sprite `n`'s slot: BA rises unless the next two sprites fetch. */
  private endSpriteDma(n: number): void {
    if ((this.spriteDma & (0x06 << n)) === 0) this.baLow = false;
  }

  /** Sprite DMA actions of a 6569 line (libsidplayfp's slot table). */
  private spriteCyclePal(cycle: number): void {
    switch (cycle) {
      case 0:
        this.endSpriteDma(2);
        break;
      case 1:
        this.startSpriteDma(5);
        break;
      case 2:
        this.endSpriteDma(3);
        break;
      case 3:
        this.startSpriteDma(6);
        break;
      case 4:
        this.endSpriteDma(4);
        break;
      case 5:
        this.startSpriteDma(7);
        break;
      case 6:
        this.endSpriteDma(5);
        break;
      case 8:
        this.endSpriteDma(6);
        break;
      case 10:
        this.baLow = false;
        break;
      case 14:
        this.updateSpriteCounters();
        break;
      case 15:
        this.updateSpriteBases();
        break;
      case 54:
        this.checkSpriteDma();
        this.baLow = (this.spriteDma & 1) !== 0;
        break;
      case 55:
        this.checkSpriteDma();
        this.expandFlop ^= this.spriteDma & this.regs[0x17];
        this.baLow = (this.spriteDma & 1) !== 0;
        break;
      case 56:
        this.startSpriteDma(1);
        break;
      case 57:
        this.spriteCounter.set(this.spriteBase);
        break;
      case 58:
        this.startSpriteDma(2);
        break;
      case 59:
        this.endSpriteDma(0);
        break;
      case 60:
        this.startSpriteDma(3);
        break;
      case 61:
        this.endSpriteDma(1);
        break;
      case 62:
        this.startSpriteDma(4);
        break;
      default:
        break;
    }
  }

  /** Sprite DMA actions of a 6567R8 line (libsidplayfp's slot table). */
  private spriteCycleNtsc(cycle: number): void {
    switch (cycle) {
      case 0:
        this.startSpriteDma(5);
        break;
      case 1:
        this.endSpriteDma(3);
        break;
      case 2:
        this.startSpriteDma(6);
        break;
      case 3:
        this.endSpriteDma(4);
        break;
      case 4:
        this.startSpriteDma(7);
        break;
      case 5:
        this.endSpriteDma(5);
        break;
      case 7:
        this.endSpriteDma(6);
        break;
      case 9:
        this.baLow = false;
        break;
      case 14:
        this.updateSpriteCounters();
        break;
      case 15:
        this.updateSpriteBases();
        break;
      case 54:
        this.baLow = false;
        break;
      case 55:
        this.checkSpriteDma();
        this.expandFlop ^= this.spriteDma & this.regs[0x17];
        this.baLow = (this.spriteDma & 1) !== 0;
        break;
      case 56:
        this.checkSpriteDma();
        this.baLow = (this.spriteDma & 1) !== 0;
        break;
      case 57:
        this.startSpriteDma(1);
        break;
      case 58:
        this.spriteCounter.set(this.spriteBase);
        break;
      case 59:
        this.startSpriteDma(2);
        break;
      case 60:
        this.endSpriteDma(0);
        break;
      case 61:
        this.startSpriteDma(3);
        break;
      case 62:
        this.endSpriteDma(1);
        break;
      case 63:
        this.startSpriteDma(4);
        break;
      case 64:
        this.endSpriteDma(2);
        break;
      default:
        break;
    }
  }

  /** Starts DMA for enabled sprites whose Y matches the raster line. */
  private checkSpriteDma(): void {
    const enabled = this.regs[0x15];
    if (enabled === 0) return;
    const y = this.raster & 0xff;
    for (let i = 0, mask = 1; i < 8; i++, mask <<= 1) {
      if ((enabled & mask) !== 0 && (this.spriteDma & mask) === 0 && this.regs[2 * i + 1] === y) {
        this.spriteDma |= mask;
        this.spriteBase[i] = 0;
        this.expandFlop |= mask;
      }
    }
  }

  /** Each fetching sprite read 3 bytes this line. */
  private updateSpriteCounters(): void {
    for (let i = 0, mask = 1; i < 8; i++, mask <<= 1) {
      if ((this.spriteDma & mask) !== 0) this.spriteCounter[i] = (this.spriteCounter[i] + 3) & 0x3f;
    }
  }

  /** A sprite's DMA ends once all 63 bytes have been read. */
  private updateSpriteBases(): void {
    for (let i = 0, mask = 1; i < 8; i++, mask <<= 1) {
      if ((this.expandFlop & mask) !== 0) {
        this.spriteBase[i] = this.spriteCounter[i];
        if (this.spriteBase[i] === 0x3f) this.spriteDma &= ~mask;
      }
    }
  }

  /** $D017 write: clearing Y expansion mid-sprite ("sprite crunch"). */
  private writeSpriteExpansion(value: number): void {
    for (let i = 0, mask = 1; i < 8; i++, mask <<= 1) {
      if ((value & mask) === 0 && (this.expandFlop & mask) === 0) {
        if (this.cycle === 14) {
          const counter = this.spriteCounter[i];
          const base = this.spriteBase[i];
          this.spriteCounter[i] = (0x2a & (base & counter)) | (0x15 & (base | counter));
        }
        this.expandFlop |= mask;
      }
    }
  }

  private startLine(): void {
    const raster = this.raster;
    if (raster === this.linesPerFrame - 1) this.vblanking = true;
    // DEN set during any cycle of line $30 enables bad lines for the frame.
    if (raster === FIRST_DMA_LINE && !this.badLinesEnabled && this.den())
      this.badLinesEnabled = true;
    if (raster === LAST_DMA_LINE) this.badLinesEnabled = false;
    this.badLine = false;
    if (!this.vblanking) {
      this.raster = raster + 1;
      this.compareRaster();
      if (this.raster === FIRST_DMA_LINE && !this.badLinesEnabled)
        this.badLinesEnabled = this.den();
    }
    if (this.evaluateBadLine()) this.badLine = true;
  }

  private den(): boolean {
    return (this.regs[0x11] & 0x10) !== 0;
  }

  private evaluateBadLine(): boolean {
    const raster = this.raster;
    return (
      this.badLinesEnabled &&
      raster >= FIRST_DMA_LINE &&
      raster <= LAST_DMA_LINE &&
      (raster & 7) === this.yscroll
    );
  }

  private compareRaster(): void {
    const was = this.rasterCompareMatched;
    const line = this.regs[0x12] | ((this.regs[0x11] & 0x80) << 1);
    this.rasterCompareMatched = this.raster === line;
    if (!was && this.rasterCompareMatched) {
      this.irqFlags |= IRQ_RASTER;
      this.updateIrq();
    }
  }

  private updateIrq(): void {
    if ((this.irqFlags & this.irqMask & 0x0f) !== 0) {
      if ((this.irqFlags & 0x80) === 0) {
        this.irqFlags |= 0x80;
        this.irq = true;
      }
    } else if ((this.irqFlags & 0x80) !== 0) {
      this.irqFlags &= 0x7f;
      this.irq = false;
    }
  }

  /** Reads register `reg` (masked to $00–$3F, the chip repeats every 64 bytes). */
  read(reg: number): number {
    reg &= 0x3f;
    switch (reg) {
      case 0x11:
        return (this.regs[0x11] & 0x7f) | ((this.raster & 0x100) >> 1);
      case 0x12:
        return this.raster & 0xff;
      case 0x13:
      case 0x14:
        // Light pen latch: never triggered.
        return 0;
      case 0x19:
        return this.irqFlags | 0x70;
      case 0x1a:
        return this.irqMask | 0xf0;
      default:
        if (reg < 0x20) return this.regs[reg];
        // Colour registers are 4 bits wide; $2F-$3F do not exist.
        if (reg < 0x2f) return this.regs[reg] | 0xf0;
        return 0xff;
    }
  }

  /**
   * True when writing `value` to `reg` would leave the chip exactly as it is:
   * the register already holds it and, for $D019, no flag it acknowledges is
   * set. Raster compare ($D011/$D012) and $D017 writes always act. Between
   * events the flags do not change, so a chip whose clock lags answers the
   * same as one caught up.
   */
  writeChangesNothing(reg: number, value: number): boolean {
    reg &= 0x3f;
    value &= 0xff;
    if (this.regs[reg] !== value || reg === 0x11 || reg === 0x12 || reg === 0x17) return false;
    return reg !== 0x19 || (this.irqFlags & value & 0x0f) === 0;
  }

  /** Writes register `reg` (masked to $00–$3F). */
  write(reg: number, value: number): void {
    reg &= 0x3f;
    value &= 0xff;
    this.regs[reg] = value;
    switch (reg) {
      case 0x11:
        this.writeControl1(value);
        this.pending |= PENDING_RASTER_COMPARE;
        break;
      case 0x12:
        this.pending |= PENDING_RASTER_COMPARE;
        break;
      case 0x17:
        this.writeSpriteExpansion(value);
        break;
      case 0x19:
        // Writing 1 acknowledges a source.
        this.irqFlags &= (~value & 0x0f) | 0x80;
        this.updateIrq();
        break;
      case 0x1a:
        this.irqMask = value & 0x0f;
        this.updateIrq();
        break;
      default:
        break;
    }
  }

  private writeControl1(value: number): void {
    const oldYscroll = this.yscroll;
    this.yscroll = value & 7;
    const wasEnabled = this.badLinesEnabled;
    const raster = this.raster;
    if (raster === FIRST_DMA_LINE && this.cycle === 0) this.badLinesEnabled = this.den();
    const previousLine = (raster > 0 ? raster : this.linesPerFrame) - 1;
    if (previousLine === FIRST_DMA_LINE && this.den()) this.badLinesEnabled = true;
    if (
      (oldYscroll !== this.yscroll || wasEnabled !== this.badLinesEnabled) &&
      raster >= FIRST_DMA_LINE &&
      raster <= LAST_DMA_LINE
    ) {
      const wasBadLine = wasEnabled && oldYscroll === (raster & 7);
      const nowBadLine = this.badLinesEnabled && this.yscroll === (raster & 7);
      if (nowBadLine !== wasBadLine) {
        const before = this.badLine;
        if (wasBadLine) {
          // Once the matrix fetch has started the line stays bad.
          if (this.cycle < BADLINE_BA_CYCLE) this.badLine = false;
        } else if (this.cycle <= LAST_BADLINE_START_CYCLE) {
          this.badLine = true;
        }
        if (this.badLine !== before) this.pending |= PENDING_BA_UPDATE;
      }
    }
  }

  /** Writes every field in a fixed order. */
  saveState(w: StateWriter): void {
    w.bytes(this.regs);
    w.bool(this.irq);
    w.bool(this.baLow);
    w.u8(this.cycle);
    w.u16(this.raster);
    w.bool(this.vblanking);
    w.bool(this.badLinesEnabled);
    w.bool(this.badLine);
    w.bool(this.rasterCompareMatched);
    w.u8(this.irqFlags);
    w.u8(this.irqMask);
    w.u8(this.yscroll);
    w.u8(this.pending);
    w.u8(this.spriteDma);
    w.u8(this.expandFlop);
    w.bytes(this.spriteBase);
    w.bytes(this.spriteCounter);
  }

  /** Restores the fields written by {@link VicII.saveState}. */
  loadState(r: StateReader): void {
    r.bytes(this.regs);
    this.irq = r.bool();
    this.baLow = r.bool();
    this.cycle = r.u8();
    this.raster = r.u16();
    this.vblanking = r.bool();
    this.badLinesEnabled = r.bool();
    this.badLine = r.bool();
    this.rasterCompareMatched = r.bool();
    this.irqFlags = r.u8();
    this.irqMask = r.u8();
    this.yscroll = r.u8();
    this.pending = r.u8();
    this.spriteDma = r.u8();
    this.expandFlop = r.u8();
    r.bytes(this.spriteBase);
    r.bytes(this.spriteCounter);
  }
}

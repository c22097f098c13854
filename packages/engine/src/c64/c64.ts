import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import type { CpuBus } from './cpu-bus.js';
import type { MachineCia, MachineCpu, MachineSid, MachineVic } from './machine-chips.js';
import {
  type C64Memory,
  PAGE_BASIC,
  PAGE_CHARGEN,
  PAGE_IO,
  PAGE_KERNAL,
  PAGE_RAM,
} from './memory.js';

/**
 * Called for every SID register write: `cycle` counts CPU cycles from the
 * reset that started the song (cycle 0), `sid` is the chip index (0 = the
 * $D400 chip, then the tune's extra SIDs in header order).
 */
export type SidWriteObserver = (
  cycle: number,
  sid: number,
  register: number,
  value: number,
) => void;

/** The chips a machine is built from (the caller constructs them, so tests can substitute). */
export interface C64Parts {
  /** RAM, ROMs and banking. */
  memory: C64Memory;
  /** Creates the CPU on the machine's bus. */
  createCpu: (bus: CpuBus) => MachineCpu;
  /** The VIC-II. */
  vic: MachineVic;
  /** CIA 1 ($DC00; its interrupt output drives IRQ). */
  cia1: MachineCia;
  /** CIA 2 ($DD00; its interrupt output drives NMI). */
  cia2: MachineCia;
  /** The SIDs: index 0 at $D400, then the extra chips. */
  sids: MachineSid[];
  /** Base address of each extra SID (sids[1..]), e.g. 0xD420 or 0xDE00. */
  extraSidAddresses: number[];
  /** CPU cycles per CIA time-of-day tick (the mains frequency); 0 = none. */
  todDividerCycles?: number;
  /** Called at the mains frequency when the CIAs count time of day themselves from this call. */
  todTick?: () => void;
}

// Page kinds copied into module constants: read through an import binding
// they cost a getter call per access under CommonJS-style transforms.
const KIND_RAM = PAGE_RAM;
const KIND_BASIC = PAGE_BASIC;
const KIND_KERNAL = PAGE_KERNAL;
const KIND_CHARGEN = PAGE_CHARGEN;
const KIND_IO = PAGE_IO;

/**
 * Reads of the CPU's 7-cycle reset sequence that happen before the song's
 * cycle 0: libsidplayfp starts its clock when the reset vector is fetched, so
 * the first six reads (dummy reads and suppressed pushes) take no time here.
 */
const UNCOUNTED_RESET_READS = 6;

/**
 * Cycles the VIC-II starts behind the CPU clock at the song's reset. With this
 * lag its raster interrupts and bad lines fall on the same cycles as under
 * libsidplayfp (checked write for write against sidtrace).
 */
const VIC_LAG_CYCLES = 2;

/** The CIA's interrupt control register: reading it acknowledges the interrupt. */
const CIA_ICR = 0x0d;

/** Slack after a chunk's nominal end: an instruction (plus VIC stalls) may overrun it. */
const CHUNK_SLACK = 1024;

/** Longest backward jump (bytes) still taken for a loop whose passes may repeat unchanged. */
const LOOP_SPAN = 0xffff;

/** Most stack writes of one loop pass that can be replayed for a drifting stack (a power of 2). */
const STACK_LOG = 64;

/** Loop heads remembered at once (a power of 2): a pass may jump back more than once. */
const LOOP_SLOTS = 8;

/**
 * The C64 and its bus. Each {@link C64.read}/{@link C64.write} is one CPU
 * cycle: its φ1 half advances the VIC-II and both CIAs and updates the
 * interrupt lines (IRQ = CIA 1 or VIC, NMI = CIA 2), then the φ2 half does the
 * access. Reads wait while the VIC-II holds BA low on bad lines.
 *
 * The chips run lazily, event to event: they report how many cycles pass
 * before their outputs (IRQ, BA) can next change, and until then a bus cycle
 * only counts. At that event, or when the CPU touches one of their registers,
 * they catch up over the skipped cycles exactly (`clock(n)` equals `n` ticks),
 * so every line changes on the same cycle as with per-cycle ticking. A
 * `JMP *` idle loop with no interrupt due is skipped up to the next event, and
 * so are the passes of any loop that provably repeat unchanged (a polling
 * loop), count a register in closed form (a delay loop) or only push onto a
 * drifting stack (a BRK loop): see {@link C64.runCycles}. This is exact, so
 * it runs in playback as well as in seeks.
 * SIDs are synthesised lazily into per-chip, per-cycle Float32 buffers: a SID
 * access first clocks the chip up to the current cycle.
 */
export class C64 implements CpuBus {
  /** The CPU. */
  readonly cpu: MachineCpu;
  /** RAM, ROMs and banking. */
  readonly memory: C64Memory;
  /** The VIC-II. */
  readonly vic: MachineVic;
  /** CIA 1. */
  readonly cia1: MachineCia;
  /** CIA 2. */
  readonly cia2: MachineCia;
  /** The SIDs. */
  readonly sids: MachineSid[];
  /** Per SID, one float sample per cycle of the current chunk. */
  readonly sidBuffers: Float32Array[];
  /** The last value written to each SID register, 32 per chip (libsidplayfp's `getSidStatus`). */
  readonly lastWritten: Uint8Array;
  /** CPU cycles since the reset that started the song. */
  cycle = 0;
  /** Cycle at which the opcode at {@link C64.watchAddress} was first fetched, or -1. */
  watchHitCycle = -1;
  /** An address whose first read is recorded in {@link C64.watchHitCycle} (-1 = none). */
  watchAddress = -1;
  /**
   * False while seeking: the SIDs then only advance their digital state
   * ({@link MachineSid.advance}) and {@link C64.sidBuffers} are not written.
   */
  synthesis = true;

  private readonly ram: Uint8Array;
  private readonly readPage: Uint8Array;
  private readonly sidPosition: Int32Array;
  private readonly sidSlot: Int8Array;
  private readonly sidCount: number;
  private readonly observers: SidWriteObserver[] = [];
  private observing = false;
  private chunkStart = 0;
  private irqLine = false;
  private nmiLine = false;
  private readonly todDivider: number;
  private todCounter = 0;
  private readonly todTick: (() => void) | null;
  private readonly chunkCapacity: number;
  private uncountedReads = 0;
  /** The cycle whose φ1 CIA 1 last ran (each chip catches up lazily, on its own). */
  private cia1Synced = -1;
  /** The cycle whose φ1 CIA 2 last ran. */
  private cia2Synced = -1;
  /** The cycle whose φ1 the VIC-II last ran (ahead of the clock while it starts behind). */
  private vicSynced = -1;
  /** First cycle at which CIA 1 may change its outputs: it catches up there (or when accessed). */
  private cia1Event = 0;
  /** First cycle at which CIA 2 may change its outputs. */
  private cia2Event = 0;
  /** First cycle at which the VIC-II may change its outputs or BA. */
  private vicEvent = 0;
  /** The earliest of the chips' events (or the next cycle, when a line must follow an output): the bus catches up there. */
  private eventCycle = 0;
  /** The VIC-II's BA as of its last catch-up: reads must wait while it is low. */
  private stalled = false;
  /**
   * Counts every bus cycle whose outcome could differ on a later pass of a loop:
   * a catch-up that changes an interrupt line, a RAM or port write that changes a
   * byte, a chip register write that acts, a read whose value runs with time
   * (raster, timers, SID, the port's fading bits) and the watch hit. A loop
   * pass during which it stays put, and which ends in the CPU state it began
   * with, repeats exactly until the next chip event.
   */
  private unrepeatable = 0;
  /**
   * Per loop-head slot (head address & 7), the last arrival there by a backward
   * jump: its address (-1 = none), {@link C64.unrepeatable}, cycle, stack
   * counters and the CPU's registers then.
   */
  private readonly loopHeads = new Int32Array(LOOP_SLOTS).fill(-1);
  private readonly loopMarks = new Float64Array(LOOP_SLOTS);
  private readonly loopCycles = new Float64Array(LOOP_SLOTS);
  private readonly loopStackChanges = new Float64Array(LOOP_SLOTS);
  private readonly loopStackReads = new Float64Array(LOOP_SLOTS);
  private readonly loopStackWrites = new Float64Array(LOOP_SLOTS);
  private readonly loopRegisters: Int32Array[] = Array.from(
    { length: LOOP_SLOTS },
    () => new Int32Array(4),
  );
  /**
   * Changes of BA as the CPU sees it. A stall only delays a pass, so a pass
   * that saw one still proves the next repeats; it just does not show how long
   * a pass takes without one.
   */
  private stallChanges = 0;
  /** Per slot, {@link C64.stallChanges} at the last arrival. */
  private readonly loopStalls = new Float64Array(LOOP_SLOTS);
  /** Per slot, the cycles of the last unstalled pass that repeated unchanged (0 = none yet). */
  private readonly loopPeriods = new Int32Array(LOOP_SLOTS);
  /** Stack-page bytes changed by writes (also counted in {@link C64.unrepeatable}). */
  private stackChanges = 0;
  /** Stack-page reads (the stack's contents then matter to a pass). */
  private stackReads = 0;
  /** Stack-page writes so far; the last {@link STACK_LOG} are in {@link C64.stackLog}. */
  private stackWrites = 0;
  /** A ring of the last stack writes: low address byte | value << 8. */
  private readonly stackLog = new Int32Array(STACK_LOG);
  /** Loop head of the last pass that moved only the stack pointer (-1 = none). */
  private driftHead = -1;
  /** That pass's stack writes, as offset from its starting SP | value << 8. */
  private readonly driftLog = new Int32Array(STACK_LOG);
  /** Writes in {@link C64.driftLog}. */
  private driftWrites = 0;
  /** SP change of that pass. */
  private driftStep = 0;
  /** Cycles of that pass. */
  private driftPeriod = 0;

  /**
   * @param parts - the chips and memory to wire
   * @param chunkCycles - the most cycles {@link C64.runCycles} may be asked for at once
   */
  constructor(parts: C64Parts, chunkCycles = 4096) {
    this.memory = parts.memory;
    this.ram = parts.memory.ram;
    this.readPage = parts.memory.readPage;
    this.vic = parts.vic;
    this.cia1 = parts.cia1;
    this.cia2 = parts.cia2;
    this.sids = parts.sids;
    this.sidCount = parts.sids.length;
    this.chunkCapacity = chunkCycles;
    this.sidBuffers = parts.sids.map(() => new Float32Array(chunkCycles + CHUNK_SLACK));
    this.sidPosition = new Int32Array(parts.sids.length);
    this.lastWritten = new Uint8Array(32 * parts.sids.length);
    this.sidSlot = new Int8Array(128).fill(-1);
    // The $D400 chip decodes only A0–A4, so it shows through $D400–$D7FF ...
    for (let slot = 0x20; slot < 0x40; slot++) this.sidSlot[slot] = 0;
    // ... except where an extra chip sits (it takes a 32-byte slot).
    parts.extraSidAddresses.forEach((address, i) => {
      this.sidSlot[((address - 0xd000) >> 5) & 0x7f] = i + 1;
    });
    this.todDivider = parts.todDividerCycles ?? 0;
    this.todTick = parts.todTick ?? null;
    this.cpu = parts.createCpu(this);
  }

  /** Resets the port and the CPU, whose 7-cycle reset sequence runs now; its last read is the song's cycle 0. */
  resetCpu(): void {
    if (this.cycle > 0) {
      // The chips keep running through a CPU reset: bring them up to the last cycle first.
      this.cycle--;
      this.syncCia1(this.cycle);
      this.syncCia2(this.cycle);
      this.syncVic(this.cycle);
      this.catchUp();
    }
    this.cycle = 0;
    this.chunkStart = 0;
    this.sidPosition.fill(0);
    // The 6510 reset leaves its port at the usual defaults (as libsidplayfp's CPU reset does).
    this.memory.writePort(0, 0x2f, 0);
    this.memory.writePort(1, 0x37, 0);
    this.uncountedReads = UNCOUNTED_RESET_READS;
    this.cia1Synced = -1;
    this.cia2Synced = -1;
    this.vicSynced = VIC_LAG_CYCLES - 1;
    this.cia1Event = 0;
    this.cia2Event = 0;
    this.vicEvent = 0;
    this.eventCycle = 0;
    this.stalled = false;
    this.cpu.reset();
    // libsidplayfp's reset leaves SP at $FF (a 6510 leaves $FD): the driver's JSR to the
    // tune's init then pushes to $01FF/$01FE, which tunes that inspect the stack can see.
    this.cpu.sp = 0xff;
  }

  /** Registers a SID write observer; returns its removal function. */
  addObserver(observer: SidWriteObserver): () => void {
    this.observers.push(observer);
    this.observing = true;
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
      this.observing = this.observers.length > 0;
    };
  }

  /**
   * Runs whole instructions until at least `cycles` cycles have passed, then
   * clocks every SID to the end. After each backward jump the loop it closes
   * may be run ahead in blocks of whole passes (never past the next chip event
   * or the chunk's end): the state after is exactly what running them leaves,
   * and the SIDs, which such passes never touch, are clocked lazily as always. The SIDs' samples for the chunk are in
   * {@link C64.sidBuffers}[i][0 .. returned count).
   *
   * @returns the cycles actually run (≥ `cycles`; instructions are not split)
   */
  runCycles(cycles: number): number {
    if (cycles > this.chunkCapacity) cycles = this.chunkCapacity;
    const start = this.cycle;
    this.chunkStart = start;
    this.sidPosition.fill(0);
    const end = start + cycles;
    const cpu = this.cpu;
    this.loopHeads.fill(-1);
    this.driftHead = -1;
    while (this.cycle < end) {
      const pc = cpu.pc;
      cpu.step();
      const next = cpu.pc;
      if (next <= pc) {
        if (next === pc) this.skipIdleLoop(pc, end);
        else if (pc - next <= LOOP_SPAN) this.arriveAtLoopHead(next, end);
      }
    }
    const ran = this.cycle - start;
    for (let i = 0; i < this.sidCount; i++) this.syncSid(i, ran);
    return ran;
  }

  /**
   * A `JMP *` idle loop (the driver's, or a tune's own) only re-reads its three
   * RAM bytes: with no interrupt due and no chip event before `end`, the loops
   * that fit before the next event pass as a block of cycles. The state after
   * is exactly what running them would leave.
   */
  private skipIdleLoop(pc: number, end: number): void {
    const cpu = this.cpu;
    if (cpu.interruptPending || cpu.jammed || this.stalled || pc < 2 || pc > 0xfffd) return;
    // The next poll (in the next JMP) must find nothing either; the lines only change at events.
    if (cpu.nmiLatch || (cpu.irqLine && cpu.flagI === 0)) return;
    const readPage = this.readPage;
    if (readPage[pc >>> 12] !== KIND_RAM || readPage[(pc + 2) >>> 12] !== KIND_RAM) return;
    const ram = this.ram;
    if (ram[pc] !== 0x4c || ram[pc + 1] !== (pc & 0xff) || ram[pc + 2] !== pc >> 8) return;
    const watch = this.watchAddress;
    if (watch >= pc && watch <= pc + 2) return;
    const limit = Math.min(this.eventCycle, end);
    // `| 0`, not Math.floor, in every skip below: before V8 compiles these, Math.floor hands back a
    // boxed double, and one stored into `cycle` makes every cycle field of every later C64 a boxed
    // double (a new object shape, deoptimised hot paths, renders ~10 % slower). The quotient is a
    // small non-negative count (less than a chunk), so truncation is the floor.
    const loops = ((limit - this.cycle) / 3) | 0;
    if (loops > 0) this.cycle += 3 * loops;
  }

  /**
   * The CPU jumped back to `head`. When it came here before and the pass in
   * between repeated nothing that could differ next time ({@link C64.unrepeatable}
   * unchanged: no catch-up, no byte changed, no time-dependent read) and left
   * every register, flag and interrupt latch as it found them, each further
   * pass would do exactly the same: the passes that end before the next chip
   * event (and the chunk's end) pass as a block of cycles. Interrupt lines and
   * BA only change at events, so every poll in them finds what it found in
   * the observed pass.
   */
  private arriveAtLoopHead(head: number, end: number): void {
    const cpu = this.cpu;
    const slot = head & (LOOP_SLOTS - 1);
    const registers = this.loopRegisters[slot];
    if (this.loopHeads[slot] === head) {
      // A pass is short; a gap that does not fit 32 bits is no pass (0: no skip). `| 0` keeps
      // it a small integer before V8 compiles this (see the skips' note above).
      const elapsed = this.cycle - this.loopCycles[slot];
      let period = elapsed | 0;
      if (period !== elapsed) period = 0;
      if (this.unrepeatable === this.loopMarks[slot]) {
        if (cpu.registersEqual(registers)) {
          // A stalled pass repeats too, but takes as long as the last unstalled one.
          if (this.stallChanges === this.loopStalls[slot]) this.loopPeriods[slot] = period;
          else period = this.loopPeriods[slot];
          if (period > 0 && !this.stalled) {
            const limit = Math.min(this.eventCycle, end);
            const passes = ((limit - this.cycle) / period) | 0;
            if (passes > 0) this.cycle += passes * period;
          }
        } else {
          this.loopPeriods[slot] = 0;
          this.countDown(head, end);
        }
      } else if (
        this.unrepeatable - this.stackChanges ===
          this.loopMarks[slot] - this.loopStackChanges[slot] &&
        this.stackReads === this.loopStackReads[slot] &&
        cpu.registersEqualButSp(registers)
      ) {
        this.driftStack(head, slot, end, period, this.stallChanges === this.loopStalls[slot]);
      } else {
        if (this.driftHead === head) this.driftHead = -1;
        this.countDown(head, end);
      }
      if (this.unrepeatable !== this.loopMarks[slot]) this.loopPeriods[slot] = 0;
    } else {
      this.loopPeriods[slot] = 0;
      this.countDown(head, end);
    }
    this.loopStalls[slot] = this.stallChanges;
    this.loopHeads[slot] = head;
    this.loopMarks[slot] = this.unrepeatable;
    this.loopCycles[slot] = this.cycle;
    this.loopStackChanges[slot] = this.stackChanges;
    this.loopStackReads[slot] = this.stackReads;
    this.loopStackWrites[slot] = this.stackWrites;
    cpu.captureRegisters(registers);
  }

  /**
   * A loop pass that only pushed (an interrupt or BRK that never returns, so
   * each pass leaves SP lower): it read nothing from the stack, changed no
   * other byte and left every other register as it found it. When the pass
   * before did exactly the same pushes relative to its own SP (so none of
   * them is a fixed address), each further pass would too: the passes before
   * the next chip event (and the chunk's end) are replayed as their pushes
   * alone, and SP and the clock move on.
   */
  private driftStack(
    head: number,
    slot: number,
    end: number,
    period: number,
    unstalled: boolean,
  ): void {
    const cpu = this.cpu;
    const start = this.loopRegisters[slot][0] >>> 24;
    const step = (cpu.sp - start) & 0xff;
    const first = this.loopStackWrites[slot];
    const span = this.stackWrites - first;
    if (step === 0 || span > STACK_LOG) {
      this.driftHead = -1;
      return;
    }
    const writes = span | 0;
    const log = this.stackLog;
    const drift = this.driftLog;
    let same = this.driftHead === head && writes === this.driftWrites && step === this.driftStep;
    for (let i = 0; i < writes; i++) {
      const logged = log[(first + i) & (STACK_LOG - 1)];
      const entry = (((logged & 0xff) - start) & 0xff) | (logged & 0xff00);
      if (drift[i] !== entry) same = false;
      drift[i] = entry;
    }
    this.driftHead = head;
    this.driftWrites = writes;
    this.driftStep = step;
    // A stalled pass pushes the same but takes longer: the last unstalled pass's length holds.
    if (unstalled) {
      if (period !== this.driftPeriod) same = false;
      this.driftPeriod = period;
    } else if (!same) {
      this.driftHead = -1;
    }
    if (!same || this.stalled) return;
    period = this.driftPeriod;
    const limit = Math.min(this.eventCycle, end);
    const passes = ((limit - this.cycle) / period) | 0;
    if (passes <= 0) return;
    const ram = this.ram;
    let sp = cpu.sp;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < writes; i++) {
        const entry = drift[i];
        ram[0x100 | ((sp + entry) & 0xff)] = entry >>> 8;
      }
      sp = (sp + step) & 0xff;
    }
    cpu.sp = sp;
    this.cycle += passes * period;
  }

  /**
   * The CPU just jumped back to the head of a delay loop that counts a
   * register down (or up) to zero and touches nothing else — `DEX/DEY/INX/INY;
   * BNE` or `[SEC;] SBC #1; BNE` in binary mode, its code in RAM: its further
   * passes, all but the last, before the next chip event (and the chunk's
   * end), are run in closed form. They read only their own code bytes, and with no
   * interrupt due (the lines only change at events) every poll finds nothing.
   */
  private countDown(head: number, end: number): void {
    const cpu = this.cpu;
    if (cpu.interruptPending || cpu.nmiLatch || (cpu.irqLine && cpu.flagI === 0)) return;
    if (this.stalled || head > 0xfffa || this.readPage[head >>> 12] !== KIND_RAM) return;
    const ram = this.ram;
    const op = ram[head];
    // Register: 0 = X, 1 = Y, 2 = A (SBC); step -1 or +1; code length.
    let register: number;
    let step = -1;
    let length = 3;
    let cycles = 2;
    if (op === 0xca || op === 0x88 || op === 0xe8 || op === 0xc8) {
      if (ram[head + 1] !== 0xd0 || ram[head + 2] !== 0xfd) return;
      register = op === 0xca || op === 0xe8 ? 0 : 1;
      if (op === 0xe8 || op === 0xc8) step = 1;
    } else if (op === 0x38) {
      if (ram[head + 1] !== 0xe9 || ram[head + 2] !== 0x01) return;
      if (ram[head + 3] !== 0xd0 || ram[head + 4] !== 0xfb) return;
      register = 2;
      length = 5;
      cycles = 4;
    } else if (op === 0xe9) {
      if (ram[head + 1] !== 0x01 || ram[head + 2] !== 0xd0 || ram[head + 3] !== 0xfc) return;
      if (cpu.flagC !== 1) return;
      register = 2;
      length = 4;
    } else {
      return;
    }
    if (register === 2 && cpu.flagD !== 0) return;
    if (head >>> 12 !== (head + length - 1) >>> 12) return;
    const watch = this.watchAddress;
    if (watch >= head && watch < head + length) return;
    const period = cycles + (((head ^ (head + length)) & 0xff00) !== 0 ? 4 : 3);
    const value = register === 0 ? cpu.x : register === 1 ? cpu.y : cpu.a;
    // Passes left, the last one (branch not taken) included.
    const left = step < 0 ? (value === 0 ? 256 : value) : 256 - value;
    if (register === 2 && value < 2) return;
    const limit = Math.min(this.eventCycle, end);
    let passes = ((limit - this.cycle) / period) | 0;
    if (passes > left - 1) passes = left - 1;
    if (passes <= 0) return;
    const result = (value + step * passes) & 0xff;
    if (register === 0) cpu.x = result;
    else if (register === 1) cpu.y = result;
    else {
      cpu.a = result;
      cpu.flagC = 1;
      // SBC sets V only when it turns $80 into $7F.
      cpu.flagV = result === 0x7f ? 1 : 0;
    }
    cpu.flagN = cpu.flagZ = result;
    this.cycle += passes * period;
  }

  private syncSid(index: number, upTo: number): void {
    const from = this.sidPosition[index];
    if (upTo > from) {
      if (this.synthesis) this.sids[index].clock(upTo - from, this.sidBuffers[index], from);
      else this.sids[index].advance(upTo - from);
      this.sidPosition[index] = upTo;
    }
  }

  /**
   * The φ1 half of the current cycle for the chips: they run lazily, each on
   * its own, so a chip whose event has come catches up over the cycles since
   * it last ran (exactly, with `clock(n)`) and notes its next event; then the
   * interrupt lines follow the outputs. A chip before its event changes no
   * output, so it may lag. Between two events the bus only counts cycles.
   * Calling this more often than needed changes nothing.
   */
  private catchUp(): void {
    const now = this.cycle;
    if (this.todDivider > 0) {
      // A machine-driven TOD input is ticked cycle by cycle: every chip runs every cycle.
      this.cia1Event = this.cia2Event = this.vicEvent = now;
      if (now > this.cia1Synced && ++this.todCounter >= this.todDivider) {
        this.todCounter = 0;
        this.todTick?.();
      }
    }
    if (now >= this.cia1Event) this.syncCia1(now);
    if (now >= this.cia2Event) this.syncCia2(now);
    if (now >= this.vicEvent) this.syncVic(now);
    // A catch-up shows the CPU nothing but its lines and BA: one that changes
    // none of them leaves a loop pass repeatable.
    const irq = this.cia1.irq || this.vic.irq;
    if (irq !== this.irqLine) {
      this.irqLine = irq;
      this.cpu.setIrq(irq);
      this.unrepeatable++;
    }
    const nmi = this.cia2.irq;
    if (nmi !== this.nmiLine) {
      this.nmiLine = nmi;
      this.cpu.setNmi(nmi);
      this.unrepeatable++;
    }
    if (this.vic.stallsRead !== this.stalled) {
      this.stalled = !this.stalled;
      this.stallChanges++;
    }
    this.noteNextEvent();
  }

  /** CIA 1 runs up to `now` (its φ1 included) and notes its next event. */
  private syncCia1(now: number): void {
    const behind = now - this.cia1Synced;
    if (behind > 0) {
      this.cia1.clock(behind);
      this.cia1Synced = now;
    }
    this.cia1Event = now + this.cia1.cyclesUntilEvent();
  }

  /** CIA 2 runs up to `now` (its φ1 included) and notes its next event. */
  private syncCia2(now: number): void {
    const behind = now - this.cia2Synced;
    if (behind > 0) {
      this.cia2.clock(behind);
      this.cia2Synced = now;
    }
    this.cia2Event = now + this.cia2.cyclesUntilEvent();
  }

  /** The VIC-II runs up to `now` (its φ1 included) and notes its next event. */
  private syncVic(now: number): void {
    const behind = now - this.vicSynced;
    if (behind > 0) {
      this.vic.clock(behind);
      this.vicSynced = now;
    }
    this.vicEvent = this.vicSynced + this.vic.cyclesUntilEvent();
  }

  private noteNextEvent(): void {
    if (this.todDivider > 0) {
      this.eventCycle = this.cycle + 1;
      return;
    }
    let next = this.cia1Event;
    if (this.cia2Event < next) next = this.cia2Event;
    if (this.vicEvent < next) next = this.vicEvent;
    this.eventCycle = next;
  }

  /** BA low: the CPU's read waits; whole cycles pass until the VIC-II releases the bus. */
  private waitForBus(): void {
    while (this.stalled) {
      // BA changes only at a chip event, so the cycles up to the next one pass as a block.
      this.cycle = this.eventCycle;
      this.catchUp();
    }
  }

  /** One CPU read cycle (waits while the VIC-II stalls the CPU). */
  read(address: number): number {
    // Most cycles read plain RAM between chip events: that path is kept small enough for V8 to
    // inline into every opcode handler (the whole read was not, and every cycle paid a call).
    if (
      this.cycle < this.eventCycle &&
      address >= 0x200 &&
      this.readPage[address >>> 12] === KIND_RAM &&
      !this.stalled &&
      address !== this.watchAddress
    ) {
      this.cycle++;
      return this.ram[address];
    }
    return this.readAny(address);
  }

  /** {@link C64.read} for every case: chip events, the stall, the watch, ports, stack, I/O and ROMs. */
  private readAny(address: number): number {
    if (this.cycle >= this.eventCycle) {
      if (this.uncountedReads > 0) {
        this.uncountedReads--;
        this.unrepeatable++;
        return this.memory.peekRomOrRam(address);
      }
      this.catchUp();
    }
    if (this.stalled) this.waitForBus();
    if (address === this.watchAddress) {
      this.watchHitCycle = this.cycle;
      this.watchAddress = -1;
      this.unrepeatable++;
    }
    let value: number;
    const kind = this.readPage[address >>> 12];
    if (kind === KIND_RAM) {
      if (address >= 0x200) {
        value = this.ram[address];
      } else if (address >= 2) {
        if (address >= 0x100) this.stackReads++;
        value = this.ram[address];
      } else {
        value = this.memory.readPort(address, this.cycle);
        this.unrepeatable++;
      }
    } else if (kind === KIND_IO) {
      value = this.readIo(address);
    } else if (kind === KIND_KERNAL) {
      value = this.memory.kernal[address & 0x1fff];
    } else if (kind === KIND_BASIC) {
      value = this.memory.basic[address & 0x1fff];
    } else {
      value = kind === KIND_CHARGEN ? this.memory.chargen[address & 0x0fff] : 0;
    }
    this.cycle++;
    return value;
  }

  /** One CPU write cycle. */
  write(address: number, value: number): void {
    // Plain RAM between chip events (see read).
    if (
      this.cycle < this.eventCycle &&
      address >= 0x200 &&
      (address < 0xd000 || address >= 0xe000)
    ) {
      if (this.ram[address] !== value) {
        this.ram[address] = value;
        this.unrepeatable++;
      }
      this.cycle++;
      return;
    }
    this.writeAny(address, value);
  }

  /** {@link C64.write} for every case: chip events, the port, the stack and I/O. */
  private writeAny(address: number, value: number): void {
    if (this.cycle >= this.eventCycle) this.catchUp();
    if (address >= 0xd000 && address < 0xe000 && this.memory.ioWritable) {
      this.writeIo(address, value);
    } else if (address < 2) {
      this.memory.writePort(address, value, this.cycle);
      this.unrepeatable++;
    } else {
      if (address >= 0x100 && address < 0x200) {
        this.stackLog[this.stackWrites++ & (STACK_LOG - 1)] = (address & 0xff) | (value << 8);
        if (this.ram[address] !== value) this.stackChanges++;
      }
      if (this.ram[address] !== value) {
        this.ram[address] = value;
        this.unrepeatable++;
      }
    }
    this.cycle++;
  }

  /**
   * After a VIC-II or CIA register access (the chip caught up to this cycle
   * before it, and noted its next event from its new state after it): a write
   * may have changed an output. An output that now differs from its line
   * changes the line at the next cycle's φ1, as with per-cycle ticking.
   */
  private afterAccess(): void {
    this.noteNextEvent();
    if (
      (this.cia1.irq || this.vic.irq) !== this.irqLine ||
      this.cia2.irq !== this.nmiLine ||
      this.vic.stallsRead !== this.stalled
    ) {
      this.eventCycle = this.cycle + 1;
    }
  }

  private readIo(address: number): number {
    const sid = this.sidSlot[(address >> 5) & 0x7f];
    if (sid >= 0) {
      this.unrepeatable++;
      this.syncSid(sid, this.cycle - this.chunkStart);
      return this.sids[sid].read(address & 0x1f);
    }
    switch ((address >> 8) & 0xf) {
      case 0x0:
      case 0x1:
      case 0x2:
      case 0x3:
        return this.readVic(address & 0x3f);
      case 0x8:
      case 0x9:
      case 0xa:
      case 0xb:
        return this.memory.colorRam[address & 0x3ff];
      case 0xc:
        return this.readCia(this.cia1, address & 0x0f);
      case 0xd:
        return this.readCia(this.cia2, address & 0x0f);
      default:
        // $DE00–$DFFF with nothing plugged in: libsidplayfp reads 0 there.
        return 0;
    }
  }

  /**
   * A VIC-II register read. Between its events the chip changes nothing a read
   * shows but its raster position, and no read has side effects: only the
   * raster registers need it caught up (which moves no output before its event).
   */
  private readVic(register: number): number {
    if (register === 0x11 || register === 0x12) {
      this.syncVic(this.cycle);
      this.unrepeatable++;
    }
    return this.vic.read(register);
  }

  /**
   * A CIA register read. A port read whose value no timer drives (a player
   * polling the keyboard or joystick) needs no catch-up; other reads run the
   * chips up to this cycle. Only an ICR read changes what happens next (it
   * clears the flags and, a cycle later, the interrupt output): only then must
   * the next cycle re-evaluate the lines and events.
   */
  private readCia(cia: MachineCia, register: number): number {
    if (cia.readIsTimeless(register)) return cia.read(register);
    this.unrepeatable++;
    const now = this.cycle;
    let value: number;
    if (cia === this.cia1) {
      this.syncCia1(now);
      value = cia.read(register);
      if (register === CIA_ICR) this.cia1Event = now + 1;
    } else {
      this.syncCia2(now);
      value = cia.read(register);
      if (register === CIA_ICR) this.cia2Event = now + 1;
    }
    if (register === CIA_ICR) this.afterAccess();
    return value;
  }

  private writeIo(address: number, value: number): void {
    const sid = this.sidSlot[(address >> 5) & 0x7f];
    if (sid >= 0) {
      this.unrepeatable++;
      this.writeSid(sid, address & 0x1f, value);
      return;
    }
    switch ((address >> 8) & 0xf) {
      case 0x0:
      case 0x1:
      case 0x2:
      case 0x3:
        // A write that acts on nothing (an acknowledge of a clear flag) needs no catch-up.
        if (this.vic.writeChangesNothing(address & 0x3f, value)) return;
        this.unrepeatable++;
        this.syncVic(this.cycle);
        this.vic.write(address & 0x3f, value);
        this.vicEvent = this.vicSynced + this.vic.cyclesUntilEvent();
        this.afterAccess();
        return;
      case 0x8:
      case 0x9:
      case 0xa:
      case 0xb:
        if (this.memory.colorRam[address & 0x3ff] !== (value & 0x0f)) {
          this.memory.colorRam[address & 0x3ff] = value & 0x0f;
          this.unrepeatable++;
        }
        return;
      case 0xc:
        this.unrepeatable++;
        this.syncCia1(this.cycle);
        this.cia1.write(address & 0x0f, value);
        this.cia1Event = this.cycle + this.cia1.cyclesUntilEvent();
        this.afterAccess();
        return;
      case 0xd:
        this.unrepeatable++;
        this.syncCia2(this.cycle);
        this.cia2.write(address & 0x0f, value);
        this.cia2Event = this.cycle + this.cia2.cyclesUntilEvent();
        this.afterAccess();
        return;
      default:
        return;
    }
  }

  private writeSid(sid: number, register: number, value: number): void {
    this.syncSid(sid, this.cycle - this.chunkStart);
    this.sids[sid].write(register, value);
    this.lastWritten[sid * 32 + register] = value;
    if (this.observing) {
      const observers = this.observers;
      for (let i = 0; i < observers.length; i++) observers[i](this.cycle, sid, register, value);
    }
  }

  /** Appends the whole machine's state (CPU, chips, memory, SIDs, counters). */
  saveState(w: StateWriter): void {
    w.f64(this.cycle);
    w.bool(this.irqLine);
    w.bool(this.nmiLine);
    w.u32(this.todCounter);
    w.u8(this.uncountedReads);
    w.f64(this.cia1Synced);
    w.f64(this.cia2Synced);
    w.f64(this.vicSynced);
    w.f64(this.cia1Event);
    w.f64(this.cia2Event);
    w.f64(this.vicEvent);
    w.f64(this.eventCycle);
    w.bool(this.stalled);
    w.f64(this.watchHitCycle);
    w.i32(this.watchAddress);
    w.bytes(this.lastWritten);
    this.memory.saveState(w);
    this.cpu.saveState(w);
    this.vic.saveState(w);
    this.cia1.saveState(w);
    this.cia2.saveState(w);
    for (const sid of this.sids) sid.saveState(w);
  }

  /** Restores what {@link C64.saveState} wrote (into a machine built for the same tune and options). */
  loadState(r: StateReader): void {
    this.cycle = r.f64();
    this.irqLine = r.bool();
    this.nmiLine = r.bool();
    this.todCounter = r.u32();
    this.uncountedReads = r.u8();
    this.cia1Synced = r.f64();
    this.cia2Synced = r.f64();
    this.vicSynced = r.f64();
    this.cia1Event = r.f64();
    this.cia2Event = r.f64();
    this.vicEvent = r.f64();
    this.eventCycle = r.f64();
    this.stalled = r.bool();
    this.watchHitCycle = r.f64();
    this.watchAddress = r.i32();
    r.bytes(this.lastWritten);
    this.memory.loadState(r);
    this.cpu.loadState(r);
    this.vic.loadState(r);
    this.cia1.loadState(r);
    this.cia2.loadState(r);
    for (const sid of this.sids) sid.loadState(r);
    this.chunkStart = this.cycle;
    this.sidPosition.fill(0);
  }
}

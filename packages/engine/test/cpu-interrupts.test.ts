import { describe, expect, it } from 'vitest';
import {
  type CpuHarness,
  cpuWithProgram,
  IRQ_HANDLER,
  NMI_HANDLER,
  stepCycles,
} from './support/cpu-harness.js';

/** Calls `action` during the `k`-th bus cycle of the next step (1 = its opcode fetch). */
function during(h: CpuHarness, k: number, action: () => void): void {
  const target = h.bus.cycles + k;
  h.bus.onCycle = (cycle) => {
    if (cycle === target) action();
  };
}

/** Runs steps and returns the PC after each one. */
function pcsAfter(h: CpuHarness, steps: number): number[] {
  const pcs: number[] = [];
  for (let i = 0; i < steps; i++) {
    h.cpu.step();
    pcs.push(h.cpu.pc);
  }
  return pcs;
}

/** Return address and P pushed by the last interrupt entry (SP now points below them). */
function pushed(h: CpuHarness): { pc: number; p: number } {
  const sp = h.cpu.sp;
  const ram = h.bus.ram;
  return {
    p: ram[0x100 | ((sp + 1) & 0xff)],
    pc: ram[0x100 | ((sp + 2) & 0xff)] | (ram[0x100 | ((sp + 3) & 0xff)] << 8),
  };
}

// LDA $1234 (4 cycles), NOP, NOP
const LDA_ABS_THEN_NOPS = [0xad, 0x34, 0x12, 0xea, 0xea];

describe('Cpu6510 IRQ timing', () => {
  it.each([1, 2, 3])(
    'an IRQ asserted during cycle %i of a 4-cycle instruction is taken right after it',
    (k) => {
      const h = cpuWithProgram(LDA_ABS_THEN_NOPS);
      h.bus.poke(0x1234, [0x01]);
      h.cpu.status = 0x20;
      during(h, k, () => h.cpu.setIrq(true));
      h.cpu.step();
      expect(stepCycles(h)).toBe(7);
      expect(h.cpu.pc).toBe(IRQ_HANDLER);
      expect(pushed(h)).toEqual({ pc: 0x0203, p: 0x20 });
    },
  );

  it('an IRQ asserted during the last cycle is taken after the next instruction', () => {
    const h = cpuWithProgram(LDA_ABS_THEN_NOPS);
    h.cpu.status = 0x20;
    during(h, 4, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 3)).toEqual([0x0203, 0x0204, IRQ_HANDLER]);
    expect(pushed(h).pc).toBe(0x0204);
  });

  it('an IRQ is ignored while I is set and the line level is what counts (no latch)', () => {
    const h = cpuWithProgram([0xea, 0xea, 0x58, 0xea, 0xea]);
    h.cpu.setIrq(true);
    h.cpu.step();
    h.cpu.setIrq(false);
    // The pulse happened with I set; after CLI nothing is pending any more.
    expect(pcsAfter(h, 4)).toEqual([0x0202, 0x0203, 0x0204, 0x0205]);
  });

  it('the handler first instruction always runs before the next interrupt', () => {
    const h = cpuWithProgram([0xea, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    h.cpu.step();
    h.cpu.step();
    expect(h.cpu.pc).toBe(IRQ_HANDLER);
    h.cpu.setNmi(true);
    expect(pcsAfter(h, 2)).toEqual([IRQ_HANDLER + 1, NMI_HANDLER]);
  });
});

describe('Cpu6510 I flag latency', () => {
  it('CLI: a held IRQ is taken only after the instruction following CLI', () => {
    const h = cpuWithProgram([0x58, 0xea, 0xea]);
    h.cpu.setIrq(true);
    expect(pcsAfter(h, 3)).toEqual([0x0201, 0x0202, IRQ_HANDLER]);
    expect(pushed(h).pc).toBe(0x0202);
  });

  it('SEI: an IRQ polled during SEI is still taken, with I set in the pushed P', () => {
    const h = cpuWithProgram([0x78, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    expect(pcsAfter(h, 2)).toEqual([0x0201, IRQ_HANDLER]);
    expect(pushed(h)).toEqual({ pc: 0x0201, p: 0x24 });
  });

  it('PLP clearing I delays a held IRQ by one instruction', () => {
    const h = cpuWithProgram([0x28, 0xea, 0xea]);
    h.cpu.sp = 0xfe;
    h.bus.poke(0x1ff, [0x20]);
    h.cpu.setIrq(true);
    expect(pcsAfter(h, 3)).toEqual([0x0201, 0x0202, IRQ_HANDLER]);
  });

  it('PLP setting I still lets an IRQ polled during it through', () => {
    const h = cpuWithProgram([0x28, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.sp = 0xfe;
    h.bus.poke(0x1ff, [0x24]);
    h.cpu.setIrq(true);
    expect(pcsAfter(h, 2)).toEqual([0x0201, IRQ_HANDLER]);
  });

  it('RTI clearing I takes effect at once: a held IRQ comes before the returned-to instruction', () => {
    const h = cpuWithProgram([0x40]);
    h.cpu.sp = 0xfc;
    h.bus.poke(0x1fd, [0x20, 0x00, 0x05]);
    h.bus.poke(0x0500, [0xea]);
    h.cpu.setIrq(true);
    expect(pcsAfter(h, 2)).toEqual([0x0500, IRQ_HANDLER]);
    expect(pushed(h).pc).toBe(0x0500);
  });
});

describe('Cpu6510 branch interrupt quirk', () => {
  it('a taken branch without page cross does not poll on its extra cycle', () => {
    // BNE +2 (taken, same page) → NOP at $0204
    const h = cpuWithProgram([0xd0, 0x02, 0xea, 0xea, 0xea, 0xea]);
    h.cpu.status = 0x20;
    during(h, 2, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 3)).toEqual([0x0204, 0x0205, IRQ_HANDLER]);
  });

  it('the same IRQ timing on a 3-cycle LDA zp is taken right after it', () => {
    const h = cpuWithProgram([0xa5, 0x80, 0xea]);
    h.cpu.status = 0x20;
    during(h, 2, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 2)).toEqual([0x0202, IRQ_HANDLER]);
  });

  it('an IRQ before the operand fetch of a taken branch is taken after the branch', () => {
    const h = cpuWithProgram([0xd0, 0x02, 0xea, 0xea, 0xea]);
    h.cpu.status = 0x20;
    during(h, 1, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 2)).toEqual([0x0204, IRQ_HANDLER]);
  });

  it('a taken branch across a page polls again before its last cycle', () => {
    const h = cpuWithProgram([0xd0, 0x10], 0x02f0);
    h.bus.poke(0x0302, [0xea]);
    h.cpu.status = 0x20;
    during(h, 3, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 2)).toEqual([0x0302, IRQ_HANDLER]);
  });

  it('a branch not taken polls before its last cycle like any 2-cycle instruction', () => {
    const h = cpuWithProgram([0xf0, 0x02, 0xea]);
    h.cpu.status = 0x20;
    during(h, 1, () => h.cpu.setIrq(true));
    expect(pcsAfter(h, 2)).toEqual([0x0202, IRQ_HANDLER]);
  });
});

describe('Cpu6510 NMI', () => {
  it('is edge-triggered: one NMI per false→true edge, even with I set', () => {
    const h = cpuWithProgram(new Array(16).fill(0xea));
    h.cpu.setNmi(true);
    expect(pcsAfter(h, 2)).toEqual([0x0201, NMI_HANDLER]);
    expect(pushed(h).p & 0x10).toBe(0);
    // Holding the line does not retrigger.
    expect(pcsAfter(h, 3)).toEqual([NMI_HANDLER + 1, NMI_HANDLER + 2, NMI_HANDLER + 3]);
    h.cpu.setNmi(false);
    h.cpu.setNmi(true);
    expect(pcsAfter(h, 2)).toEqual([NMI_HANDLER + 4, NMI_HANDLER]);
  });

  it('wins over a simultaneous IRQ', () => {
    const h = cpuWithProgram([0xea, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    h.cpu.setNmi(true);
    expect(pcsAfter(h, 2)).toEqual([0x0201, NMI_HANDLER]);
  });
});

describe('Cpu6510 BRK', () => {
  it('pushes PC+2 with B set, sets I, runs the handler (then RTI returns past the padding byte)', () => {
    const h = cpuWithProgram([0x00, 0xff, 0xea]);
    h.bus.poke(IRQ_HANDLER, [0x40]);
    h.cpu.status = 0x21;
    expect(stepCycles(h)).toBe(7);
    expect(h.cpu.pc).toBe(IRQ_HANDLER);
    expect(pushed(h)).toEqual({ pc: 0x0202, p: 0x31 });
    expect(h.cpu.flagI).toBe(1);
    h.cpu.step();
    expect(h.cpu.pc).toBe(0x0202);
    expect(h.cpu.status).toBe(0x21);
  });

  it.each([1, 2, 3, 4])(
    'an NMI edge during BRK cycle %i hijacks its vector (B still pushed set)',
    (k) => {
      const h = cpuWithProgram([0x00, 0x00]);
      h.cpu.status = 0x20;
      during(h, k, () => h.cpu.setNmi(true));
      h.cpu.step();
      expect(h.cpu.pc).toBe(NMI_HANDLER);
      // P as it was before the entry (I clear), with B and bit 5 set because it is a BRK.
      expect(pushed(h).p).toBe(0x30);
      // The NMI was consumed by the hijack.
      expect(pcsAfter(h, 2)).toEqual([NMI_HANDLER + 1, NMI_HANDLER + 2]);
    },
  );

  it('an NMI edge during BRK cycle 5 is served after the first IRQ handler instruction', () => {
    const h = cpuWithProgram([0x00, 0x00]);
    during(h, 5, () => h.cpu.setNmi(true));
    h.cpu.step();
    expect(h.cpu.pc).toBe(IRQ_HANDLER);
    expect(pcsAfter(h, 2)).toEqual([IRQ_HANDLER + 1, NMI_HANDLER]);
  });

  it('an NMI edge early in an IRQ entry hijacks it (B clear)', () => {
    const h = cpuWithProgram([0xea, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    h.cpu.step();
    during(h, 3, () => h.cpu.setNmi(true));
    h.cpu.step();
    expect(h.cpu.pc).toBe(NMI_HANDLER);
    expect(pushed(h).p).toBe(0x20);
  });
});

describe('Cpu6510 interrupts while halted by RDY', () => {
  /** Holds the `access`-th access of the next step for 3 cycles; IRQ rises in the first one. */
  function holdWithIrq(h: CpuHarness, access: number, notifyCpu: boolean): void {
    h.bus.haltAtAccess = h.bus.accessCount + access;
    h.bus.haltLength = 3;
    h.bus.onHaltedCycle = (i) => {
      if (i === 1) h.cpu.setIrq(true);
      if (notifyCpu) h.cpu.haltedCycle();
    };
  }

  it('an IRQ arriving while the last read of an instruction is held is served right after it', () => {
    const h = cpuWithProgram(LDA_ABS_THEN_NOPS);
    h.cpu.status = 0x20;
    holdWithIrq(h, 4, true);
    expect(pcsAfter(h, 2)).toEqual([0x0203, IRQ_HANDLER]);
  });

  it('without haltedCycle() calls the same IRQ waits one more instruction', () => {
    const h = cpuWithProgram(LDA_ABS_THEN_NOPS);
    h.cpu.status = 0x20;
    holdWithIrq(h, 4, false);
    expect(pcsAfter(h, 3)).toEqual([0x0203, 0x0204, IRQ_HANDLER]);
  });

  it('a taken branch without page cross still ignores an IRQ arriving on its held last cycle', () => {
    const h = cpuWithProgram([0xd0, 0x02, 0xea, 0xea, 0xea, 0xea]);
    h.cpu.status = 0x20;
    holdWithIrq(h, 3, true);
    expect(pcsAfter(h, 3)).toEqual([0x0204, 0x0205, IRQ_HANDLER]);
  });

  it('the first handler instruction runs even if an NMI arrives while the vector fetch is held', () => {
    const h = cpuWithProgram([0xea, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    h.cpu.step();
    h.bus.haltAtAccess = h.bus.accessCount + 6;
    h.bus.haltLength = 2;
    h.bus.onHaltedCycle = () => {
      h.cpu.setNmi(true);
      h.cpu.haltedCycle();
    };
    expect(pcsAfter(h, 3)).toEqual([IRQ_HANDLER, IRQ_HANDLER + 1, NMI_HANDLER]);
  });

  it('a jammed CPU ignores interrupts sampled while halted', () => {
    const h = cpuWithProgram([0x02]);
    h.cpu.status = 0x20;
    h.cpu.step();
    h.cpu.setIrq(true);
    h.cpu.haltedCycle();
    h.cpu.step();
    expect([h.cpu.jammed, h.cpu.pc]).toEqual([true, 0x0201]);
  });
});

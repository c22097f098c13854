import { describe, expect, it } from 'vitest';
import { Cia6526 } from '../src/c64/cia/index.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';

/** Loads timer A with `latch` while stopped (the latch reaches the counter on the next tick). */
function loadTimerA(cia: Cia6526, latch: number): void {
  cia.write(4, latch & 0xff);
  cia.write(5, latch >> 8);
  cia.tick();
}

/** Ticks until irq is asserted; returns the number of ticks or -1. */
function ticksUntilIrq(cia: Cia6526, limit: number): number {
  for (let t = 1; t <= limit; t++) {
    cia.tick();
    if (cia.irq) return t;
  }
  return -1;
}

describe('Cia6526 timer A', () => {
  it('counts from the third tick after the start write and reloads (period latch + 1)', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 10);
    expect(cia.read(4)).toBe(10);
    cia.write(14, 0x01);
    const seen: number[] = [];
    for (let i = 0; i < 16; i++) {
      cia.tick();
      seen.push(cia.read(4));
    }
    // two ticks of start-up delay, then 10 → 0, where the underflow reloads 10 in the same
    // cycle and the reload costs one more cycle: period 11
    expect(seen).toEqual([10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 10, 10, 9, 8, 7]);
    expect(cia.read(13)).toBe(0x01);
    expect(cia.read(13)).toBe(0x00); // the read cleared the flags
  });

  it('asserts irq one tick after the underflow on a 6526 and on the same tick on a 6526A', () => {
    const latch = 100;
    const when = (model: '6526' | '6526A'): number[] => {
      const cia = new Cia6526({ model });
      loadTimerA(cia, latch);
      cia.write(13, 0x81);
      cia.write(14, 0x01);
      const times: number[] = [];
      let t = 0;
      for (let n = 0; n < 3; n++) {
        const d = ticksUntilIrq(cia, 1000);
        t += d;
        times.push(t);
        expect(cia.read(13)).toBe(0x81);
        cia.tick();
        t++;
        expect(cia.irq).toBe(false);
      }
      return times;
    };
    const old = when('6526');
    const next = when('6526A');
    // first underflow on tick 2 + latch after the start write
    expect(next[0]).toBe(2 + latch);
    expect(old[0]).toBe(3 + latch);
    expect(old[1] - old[0]).toBe(latch + 1);
    expect(next[2] - next[1]).toBe(latch + 1);
  });

  it('stops after one underflow in one-shot mode and reloads the counter', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 5);
    cia.write(14, 0x09);
    expect(cia.read(14) & 0x01).toBe(1);
    for (let i = 0; i < 20; i++) cia.tick();
    expect(cia.read(14) & 0x01).toBe(0);
    expect(cia.read(4)).toBe(5);
    expect(cia.read(13)).toBe(0x01);
    for (let i = 0; i < 20; i++) cia.tick();
    expect(cia.read(13)).toBe(0x00);
  });

  it('force-loads the latch while running', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 1000);
    cia.write(14, 0x01);
    for (let i = 0; i < 50; i++) cia.tick();
    expect(cia.read(5)).toBe((1000 - 48) >> 8);
    cia.write(4, 0x34);
    cia.write(5, 0x12);
    cia.write(14, 0x11);
    cia.tick();
    cia.tick();
    expect(cia.read(4) | (cia.read(5) << 8)).toBe(0x1234);
    expect(cia.read(14) & 0x10).toBe(0);
  });

  it('does not count while stopped', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 300);
    for (let i = 0; i < 1000; i++) cia.tick();
    expect(cia.read(4) | (cia.read(5) << 8)).toBe(300);
    expect(cia.read(13)).toBe(0);
  });
});

describe('Cia6526 timer B and interrupts', () => {
  it('counts timer A underflows in cascade mode', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 9);
    cia.write(6, 3);
    cia.write(7, 0);
    cia.tick();
    cia.write(13, 0x82);
    cia.write(15, 0x41);
    cia.write(14, 0x01);
    // timer B underflows after 4 timer A underflows (3, 2, 1, 0), 10 cycles each
    const t = ticksUntilIrq(cia, 200);
    expect(t).toBeGreaterThan(30);
    expect(t).toBeLessThanOrEqual(50);
    expect(cia.read(13)).toBe(0x83);
  });

  it('counts φ2 with timer B and raises its flag only when masked in', () => {
    const cia = new Cia6526();
    cia.write(6, 20);
    cia.write(7, 0);
    cia.tick();
    cia.write(15, 0x01);
    for (let i = 0; i < 30; i++) cia.tick();
    expect(cia.irq).toBe(false);
    expect(cia.read(13)).toBe(0x02);
  });

  it('asserts irq when the mask is enabled for an already pending flag, and clears masks', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 3);
    cia.write(14, 0x09);
    for (let i = 0; i < 10; i++) cia.tick();
    expect(cia.irq).toBe(false);
    cia.write(13, 0x81);
    cia.tick();
    cia.tick();
    expect(cia.irq).toBe(true);
    expect(cia.read(13)).toBe(0x81);
    cia.tick();
    expect(cia.irq).toBe(false);
    cia.write(13, 0x01); // clear the mask bit
    loadTimerA(cia, 3);
    cia.write(14, 0x09);
    for (let i = 0; i < 10; i++) cia.tick();
    expect(cia.irq).toBe(false);
    expect(cia.read(13)).toBe(0x01);
  });

  it('swallows the interrupt when ICR is read in the cycle before it would assert (6526)', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 20);
    cia.write(13, 0x81);
    cia.write(14, 0x09);
    // underflow on tick 22, irq on tick 23: read ICR in tick 22
    for (let i = 0; i < 22; i++) cia.tick();
    expect(cia.irq).toBe(false);
    expect(cia.read(13)).toBe(0x01);
    for (let i = 0; i < 10; i++) cia.tick();
    expect(cia.irq).toBe(false);
    expect(cia.read(13)).toBe(0x00);
  });
});

describe('Cia6526 ports, serial, TOD', () => {
  it('reads outputs where DDR bits are set and high inputs elsewhere', () => {
    const cia = new Cia6526();
    expect(cia.read(0)).toBe(0xff);
    expect(cia.read(1)).toBe(0xff);
    cia.write(2, 0x0f);
    cia.write(0, 0x05);
    expect(cia.read(0)).toBe(0xf5);
    expect(cia.read(2)).toBe(0x0f);
  });

  it('shows timer A underflows on PB6 in toggle mode', () => {
    const cia = new Cia6526();
    cia.write(3, 0x00);
    loadTimerA(cia, 4);
    cia.write(14, 0x07); // start, PB6 on, toggle
    const levels: number[] = [];
    for (let i = 0; i < 20; i++) {
      cia.tick();
      levels.push((cia.read(1) >> 6) & 1);
    }
    expect(levels[0]).toBe(1);
    expect(levels).toContain(0);
    const toggles = levels.slice(1).filter((v, i) => v !== levels[i]).length;
    expect(toggles).toBe(3);
  });

  it('raises the serial interrupt after shifting a byte out', () => {
    const cia = new Cia6526();
    loadTimerA(cia, 3);
    cia.write(13, 0x88);
    cia.write(14, 0x41);
    cia.write(12, 0xaa);
    const t = ticksUntilIrq(cia, 1000);
    expect(t).toBeGreaterThan(16 * 4 - 4);
    expect(t).toBeLessThan(16 * 4 + 8);
    expect(cia.read(13) & 0x08).toBe(0x08);
  });

  it('runs the BCD time of day, latches on hours read and fires the alarm', () => {
    const cia = new Cia6526({ todPeriodCycles: 0 });
    cia.write(14, 0x80); // 50 Hz input
    cia.write(11, 0x11); // 11 AM, stops the clock
    cia.write(10, 0x59);
    cia.write(9, 0x59);
    cia.write(8, 0x08); // restarts the clock
    cia.write(15, 0x80); // alarm at 12:00:00.0 PM
    cia.write(11, 0x92);
    cia.write(10, 0);
    cia.write(9, 0);
    cia.write(8, 0);
    cia.write(15, 0x00);
    cia.write(13, 0x84);
    for (let i = 0; i < 5; i++) cia.todTick();
    expect(cia.read(8)).toBe(0x09);
    expect(cia.read(11)).toBe(0x11); // latch
    for (let i = 0; i < 5; i++) cia.todTick();
    expect(cia.read(10)).toBe(0x59); // still latched
    expect(cia.read(8)).toBe(0x09); // releases
    expect(cia.read(11)).toBe(0x92);
    expect(cia.read(8)).toBe(0x00);
    cia.tick();
    cia.tick();
    expect(cia.irq).toBe(true);
    expect(cia.read(13)).toBe(0x84);
  });

  it('counts the TOD input itself at the configured period', () => {
    const cia = new Cia6526({ todPeriodCycles: 100 });
    cia.write(14, 0x80);
    cia.write(8, 0);
    for (let i = 0; i < 100 * 5 * 23; i++) cia.tick();
    expect(cia.read(11)).toBe(0x01);
    expect(cia.read(9)).toBe(0x02);
    expect(cia.read(8)).toBe(0x03);
  });

  it('rejects a bad model', () => {
    expect(() => new Cia6526({ model: 'x' as '6526' })).toThrow(/model/);
  });
});

describe('Cia6526 fast path', () => {
  it.each(['6526', '6526A'] as const)(
    'clock(n) matches n ticks under random register traffic (%s)',
    (model) => {
      const a = new Cia6526({ model, todPeriodCycles: 997 });
      const b = new Cia6526({ model, todPeriodCycles: 997 });
      let seed = 12345;
      const rand = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const writable = [4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15];
      let skipped = 0;
      const mismatches: string[] = [];
      for (let step = 0; step < 3000; step++) {
        const gap = rand(4) === 0 ? rand(3000) : rand(40);
        for (let i = 0; i < gap; i++) a.tick();
        const before = b.cyclesUntilEvent();
        if (before > 1) skipped++;
        b.clock(gap);
        if (a.irq !== b.irq) mismatches.push(`irq at step ${step}`);
        const op = rand(10);
        if (op < 4) {
          const reg = writable[rand(writable.length)];
          let value = rand(256);
          if (reg === 14 || reg === 15) value &= 0x5f; // keep TOD on 60 Hz and alarm writes rare
          if (reg === 13) value = rand(2) ? 0x80 | rand(32) : rand(32);
          a.write(reg, value);
          b.write(reg, value);
        } else {
          const reg = rand(16);
          const va = a.read(reg);
          const vb = b.read(reg);
          if (va !== vb) mismatches.push(`reg ${reg} at step ${step}: ${va} vs ${vb}`);
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(skipped).toBeGreaterThan(100);
    },
  );

  it('reports the next timer underflow', () => {
    const cia = new Cia6526({ todPeriodCycles: 0 });
    loadTimerA(cia, 1000);
    expect(cia.cyclesUntilEvent()).toBe(1); // the load is still in the pipeline
    cia.tick();
    expect(cia.cyclesUntilEvent()).toBeGreaterThan(1 << 20);
    cia.write(14, 0x01);
    cia.tick();
    cia.tick();
    cia.tick();
    // counter 999 now; underflow on the 999th tick from here
    expect(cia.cyclesUntilEvent()).toBe(999);
    cia.clock(998);
    expect(cia.read(4)).toBe(1);
    cia.tick();
    expect(cia.read(4) | (cia.read(5) << 8)).toBe(1000);
    expect(cia.read(13)).toBe(0x01);
  });

  it('raises the TOD alarm interrupt on a 6526A too', () => {
    const cia = new Cia6526({ model: '6526A', todPeriodCycles: 10 });
    cia.write(14, 0x80);
    cia.write(15, 0x80);
    cia.write(8, 0x02); // alarm at 1:00:00.2
    cia.write(11, 0x01);
    cia.write(15, 0x00);
    cia.write(8, 0x00); // start the clock at 1:00:00.0
    cia.write(13, 0x84);
    let t = 0;
    while (!cia.irq && t < 1000) {
      cia.tick();
      t++;
    }
    expect(t).toBe(100);
    expect(cia.read(13)).toBe(0x84);
  });
});

describe('Cia6526 state', () => {
  it('restores a snapshot exactly', () => {
    const a = new Cia6526({ todPeriodCycles: 50 });
    loadTimerA(a, 77);
    a.write(6, 5);
    a.write(7, 0);
    a.write(13, 0x83);
    a.write(15, 0x41);
    a.write(14, 0x81);
    a.write(8, 0);
    for (let i = 0; i < 1234; i++) a.tick();
    const w = new StateWriter();
    a.saveState(w);
    const b = new Cia6526({ todPeriodCycles: 50 });
    const r = new StateReader(w.finish());
    b.loadState(r);
    expect(r.done).toBe(true);
    const trace = (c: Cia6526): number[] => {
      const out: number[] = [];
      for (let i = 0; i < 3000; i++) {
        c.tick();
        out.push(c.irq ? 1 : 0, c.read(4), c.read(6));
        if (c.irq) out.push(c.read(13));
        if (i % 100 === 0) out.push(c.read(8));
      }
      return out;
    };
    expect(trace(b)).toEqual(trace(a));
  });
});

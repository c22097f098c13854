import { describe, expect, it } from 'vitest';
import { ENVELOPE_RATE_PERIODS } from '../src/sid/envelope-rates.js';
import type { SidChip } from '../src/sid/sid-chip.js';
import { newChip, PAL_CLOCK_HZ, render, writeAll } from './sid-test-support.js';

const ENV3 = 0x1c;
/** Voice 3 register base. */
const V3 = 0x0e;

/**
 * Cycles after which a fresh chip's envelopes have fallen from their power-up level ($AA,
 * release rate 0) to 0; a multiple of 9 leaves the rate counter at 0 as well.
 */
const POWER_UP_SETTLE = 9 * 900;

/** A chip whose envelopes have settled at 0 after power-up. */
function settledChip(): SidChip {
  const sid = newChip();
  render(sid, POWER_UP_SETTLE);
  return sid;
}

/** Cycle numbers (1-based, counted from the call) at which ENV3 changes, with the new values. */
function envelopeChanges(sid: SidChip, cycles: number): { at: number[]; level: number[] } {
  const at: number[] = [];
  const level: number[] = [];
  const scratch = new Float32Array(1);
  let previous = sid.read(ENV3);
  for (let n = 1; n <= cycles; n++) {
    sid.clock(1, scratch, 0);
    const value = sid.read(ENV3);
    if (value !== previous) {
      at.push(n);
      level.push(value);
      previous = value;
    }
  }
  return { at, level };
}

/** Voice 3 attacked to level 255 (attack 0, sustain 15), then its gate cleared and set again. */
function regatedAtFullLevel(): SidChip {
  const sid = settledChip();
  writeAll(sid, [
    [V3 + 5, 0x00],
    [V3 + 6, 0xf0],
    [V3 + 4, 0x01],
  ]);
  render(sid, 5_000);
  expect(sid.read(ENV3)).toBe(0xff);
  sid.write(V3 + 4, 0x00);
  sid.write(V3 + 4, 0x01);
  return sid;
}

describe('SID envelope generator', () => {
  it('attack 0 reaches 255 in about 2 ms, then decays to the sustain level and holds', () => {
    const sid = settledChip();
    writeAll(sid, [
      [V3 + 5, 0x00],
      [V3 + 6, 0xa0],
      [V3 + 4, 0x01],
    ]);
    const { at, level } = envelopeChanges(sid, 12_000);
    const peak = level.indexOf(0xff);
    expect(level.slice(0, peak + 1)).toEqual(Array.from({ length: 255 }, (_, i) => i + 1));
    const attackMs = (at[peak] / PAL_CLOCK_HZ) * 1000;
    expect(attackMs).toBeGreaterThan(2.0);
    expect(attackMs).toBeLessThan(2.5);
    expect(level[level.length - 1]).toBe(0xaa);
    expect(sid.read(ENV3)).toBe(0xaa);
  });

  it('steps exactly every rate-table period for each of the 16 attack rates', () => {
    for (let rate = 0; rate < 16; rate++) {
      const sid = settledChip();
      writeAll(sid, [
        [V3 + 5, rate << 4],
        [V3 + 4, 0x01],
      ]);
      const period = ENVELOPE_RATE_PERIODS[rate];
      const { at } = envelopeChanges(sid, period * 3 + 2);
      expect(at.length).toBeGreaterThanOrEqual(3);
      expect(at[1] - at[0]).toBe(period);
      expect(at[2] - at[1]).toBe(period);
    }
  });

  it('decays exponentially: the step interval multiplies at levels 93, 54, 26, 14 and 6', () => {
    const sid = newChip('6581');
    writeAll(sid, [
      [V3 + 5, 0x00],
      [V3 + 6, 0xf0],
      [V3 + 4, 0x01],
    ]);
    render(sid, 3000);
    expect(sid.read(ENV3)).toBe(0xff);
    sid.write(V3 + 4, 0x00);
    const { at, level } = envelopeChanges(sid, 200_000);
    expect(level[level.length - 1]).toBe(0);
    const multiplier = (from: number) =>
      from > 93 ? 1 : from > 54 ? 2 : from > 26 ? 4 : from > 14 ? 8 : from > 6 ? 16 : 30;
    for (let i = 1; i < level.length; i++) {
      const from = level[i - 1];
      expect(level[i]).toBe(from - 1);
      expect(at[i] - at[i - 1]).toBe(9 * multiplier(from));
    }
    // Level 0 holds.
    expect(envelopeChanges(sid, 20_000).at).toEqual([]);
  });

  it('ADSR delay bug: lowering the rate below the running count waits for the 15-bit counter to wrap', () => {
    const sid = settledChip();
    writeAll(sid, [
      [V3 + 5, 0xf0],
      [V3 + 4, 0x01],
    ]);
    render(sid, 10_000);
    expect(sid.read(ENV3)).toBe(0);
    sid.write(V3 + 5, 0x00);
    const { at } = envelopeChanges(sid, 40_000);
    // The rate counter was at 0 when the gate rose and has counted 10,000 cycles without
    // reaching 31,251; a 15-bit LFSR runs through 32,767 states before it comes round again.
    expect(at[0]).toBe(0x7fff - 10_000 + 9);
    expect(at[1] - at[0]).toBe(9);
  });

  it('re-gating at level 255 makes the attack wrap the counter to 0', () => {
    const sid = regatedAtFullLevel();
    const { level } = envelopeChanges(sid, 20);
    expect(level[0]).toBe(0);
  });

  it('an attack that wrapped to 0 keeps counting up (only decay and release freeze at 0)', () => {
    // reSIDfp sets hold_zero only when decay or release count down to 0. Freezing the wrapped
    // attack at 0 silenced every note re-gated at full level (Wrath's filtered saw voice came out
    // 3.4 dB quieter than libsidplayfp 2.4's; a probe re-gating at $FF stayed silent until its next gate).
    const sid = regatedAtFullLevel();
    const { level } = envelopeChanges(sid, 3_000);
    expect(level[0]).toBe(0);
    expect(level.slice(0, 256)).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(sid.read(ENV3)).toBe(0xff);
  });

  it('sustaining in long clock() calls keeps the exponential divider exact for the release', () => {
    const run = (chunk: number) => {
      const sid = settledChip();
      writeAll(sid, [
        [V3 + 5, 0x09],
        [V3 + 6, 0x35],
        [V3 + 4, 0x01],
      ]);
      const scratch = new Float32Array(chunk);
      for (let done = 0; done < 300_000; done += chunk) sid.clock(chunk, scratch, 0);
      expect(sid.read(ENV3)).toBe(0x33);
      sid.write(V3 + 4, 0x00);
      return envelopeChanges(sid, 120_000);
    };
    const stepwise = run(1);
    expect(stepwise.level.length).toBeGreaterThan(40);
    expect(run(10_000)).toEqual(stepwise);
    expect(run(12)).toEqual(stepwise);
  });

  it('gate off switches to release from the current level', () => {
    const sid = settledChip();
    writeAll(sid, [
      [V3 + 5, 0x20],
      [V3 + 6, 0xf1],
      [V3 + 4, 0x01],
    ]);
    render(sid, 63 * 100);
    const mid = sid.read(ENV3);
    expect(mid).toBeGreaterThan(90);
    expect(mid).toBeLessThan(110);
    sid.write(V3 + 4, 0x00);
    const { level } = envelopeChanges(sid, 10_000);
    expect(level[0]).toBe(mid - 1);
    expect(level[level.length - 1]).toBeLessThan(mid);
  });

  it('powers up at level $AA in release (rate 0) and falls to 0, as reSIDfp does', () => {
    const sid = newChip();
    expect(sid.read(ENV3)).toBe(0xaa);
    const { at, level } = envelopeChanges(sid, POWER_UP_SETTLE);
    expect(level.slice(0, 3)).toEqual([0xa9, 0xa8, 0xa7]);
    expect(at[1] - at[0]).toBe(9);
    expect(level[level.length - 1]).toBe(0);
    expect(at[at.length - 1]).toBeLessThan(7_000);
  });

  it('a rate match within 3 cycles of a gate change still steps in the old state', () => {
    const gateOffAfter = (cycles: number) => {
      const sid = settledChip();
      writeAll(sid, [
        [V3 + 5, 0x00],
        [V3 + 6, 0x00],
        [V3 + 4, 0x01],
      ]);
      render(sid, cycles);
      const before = sid.read(ENV3);
      sid.write(V3 + 4, 0x00);
      return { before, after: sid.read(ENV3), ...envelopeChanges(sid, 40) };
    };
    // Attack 0 steps every 9 cycles (level 100 after 900). 2 cycles before a step the gate
    // falls: that step still counts up, and the release (rate 0, exponential divider 2 above
    // level 93) steps down on the second match after it, 2 + 2 × 9 cycles later.
    const late = gateOffAfter(9 * 100 + 7);
    expect(late.before).toBe(100);
    expect(late.after).toBe(101);
    expect(late.level[0]).toBe(100);
    expect(late.at[0]).toBe(2 + 2 * 9);
    // With the step 9 cycles away the release takes it (and the one after).
    const early = gateOffAfter(9 * 100);
    expect(early.after).toBe(100);
    expect(early.level[0]).toBe(99);
    expect(early.at[0]).toBe(2 * 9);
  });
});

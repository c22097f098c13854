import { describe, expect, it } from 'vitest';
import type { SidChip } from '../src/sid/sid-chip.js';
import type { SidModel } from '../src/sid/sid-types.js';
import { digitalState, newChip, seededRandom as random } from './sid-test-support.js';

/** Control-register values that exercise every oscillator path, sync and test bits included. */
const CONTROLS = [
  0x11, 0x21, 0x41, 0x81, 0x10, 0x20, 0x40, 0x80, 0x15, 0x13, 0x43, 0x23, 0x61, 0x31, 0x51, 0x71,
  0x91, 0xc1, 0xf1, 0x09, 0x19, 0x49, 0x89, 0x08, 0x00, 0x01, 0x83, 0x17, 0x25, 0x45, 0x29, 0x99,
];

function randomWrite(chip: SidChip, rnd: () => number): void {
  const voice = Math.floor(rnd() * 3) * 7;
  const pick = rnd();
  if (pick < 0.3) {
    chip.write(voice + 4, CONTROLS[Math.floor(rnd() * CONTROLS.length)]);
  } else if (pick < 0.45) {
    // Mostly high frequencies so sync, noise and the MSB fire often.
    chip.write(voice + 1, rnd() < 0.7 ? Math.floor(rnd() * 256) : Math.floor(rnd() * 8));
    chip.write(voice, Math.floor(rnd() * 256));
  } else if (pick < 0.55) {
    chip.write(voice + 2, Math.floor(rnd() * 256));
    chip.write(voice + 3, Math.floor(rnd() * 16));
  } else if (pick < 0.75) {
    chip.write(voice + 5, Math.floor(rnd() * 256));
  } else if (pick < 0.9) {
    chip.write(voice + 6, Math.floor(rnd() * 256));
  } else {
    chip.write(0x15 + Math.floor(rnd() * 4), Math.floor(rnd() * 256));
  }
}

function compareRuns(model: SidModel, seed: number, steps: number, estimating = false): void {
  const rnd = random(seed);
  const played = newChip(model);
  const advanced = newChip(model);
  if (estimating) advanced.startLevelEstimate(16);
  const out = new Float32Array(70_000);
  for (let step = 0; step < steps; step++) {
    const writes = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < writes; i++) {
      const state = rnd() * 0xffffffff;
      randomWrite(played, random(state));
      randomWrite(advanced, random(state));
    }
    if (rnd() < 0.05) {
      const voice = Math.floor(rnd() * 3) as 0 | 1 | 2;
      const muted = rnd() < 0.5;
      played.muteVoice(voice, muted);
      advanced.muteVoice(voice, muted);
    }
    // Gaps from one cycle to a few frames: envelope steps, noise shifts and syncs land inside.
    const r = rnd();
    const cycles =
      r < 0.3 ? 1 + Math.floor(rnd() * 40) : Math.floor(rnd() * (r < 0.8 ? 5000 : 60_000));
    played.clock(cycles, out, 0);
    advanced.advance(cycles);
    expect(advanced.read(0x1b), `OSC3 after step ${step}`).toBe(played.read(0x1b));
    expect(advanced.read(0x1c), `ENV3 after step ${step}`).toBe(played.read(0x1c));
    expect(digitalState(advanced), `state after step ${step}`).toEqual(digitalState(played));
  }
}

describe('SidChip.advance (state-only clocking for seeks)', () => {
  it('leaves the 8580 in exactly the state clock() leaves it, over random register traffic', () => {
    for (let seed = 1; seed <= 6; seed++) compareRuns('8580', seed, 150);
  });

  it('leaves the 6581 (saw pulling the MSB, combined noise write-back) exactly as clock() does', () => {
    for (let seed = 101; seed <= 106; seed++) compareRuns('6581', seed, 150);
  });

  it('reads the decaying data bus as clock() does, with bus reads and filter writes between runs', () => {
    // Reads of write-only registers and filter/volume writes leave the voices deferred; the
    // bus value (6581: 7,424 cycles of life, halved by each read) must still decay on time.
    for (const model of ['6581', '8580'] as const) {
      const rnd = random(model === '6581' ? 301 : 302);
      const played = newChip(model);
      const advanced = newChip(model);
      const out = new Float32Array(20_000);
      const seen = new Set<number>();
      for (let step = 0; step < 250; step++) {
        const pick = rnd();
        const register =
          pick < 0.4 ? Math.floor(rnd() * 0x15) : pick < 0.7 ? 0x15 + Math.floor(rnd() * 4) : -1;
        const value = Math.floor(rnd() * 256);
        // The write lands between two runs: the bus decays before it and again after it.
        const before = Math.floor(rnd() * 4000);
        played.clock(before, out, 0);
        advanced.advance(before);
        if (register >= 0) {
          played.write(register, value);
          advanced.write(register, value);
        }
        const cycles = Math.floor(rnd() * (rnd() < 0.5 ? 3000 : 9000));
        played.clock(cycles, out, 0);
        advanced.advance(cycles);
        const read = rnd() < 0.8 ? Math.floor(rnd() * 0x19) : 0x19 + Math.floor(rnd() * 7);
        const expected = played.read(read);
        seen.add(expected);
        expect(advanced.read(read), `${model}, register ${read} after step ${step}`).toBe(expected);
      }
      expect(seen.has(0), `${model}: the bus decayed to 0 at least once`).toBe(true);
      expect(seen.size, `${model}: live bus values were read`).toBeGreaterThan(20);
      expect(digitalState(advanced), model).toEqual(digitalState(played));
    }
  });

  it('holds the output of the last audible cycle when an envelope reaches zero mid-run', () => {
    // A fast saw changes its output every cycle, so holding one cycle early or late shows.
    for (const model of ['6581', '8580'] as const) {
      for (let gap = 9080; gap < 9120; gap++) {
        const played = newChip(model);
        const advanced = newChip(model);
        for (const chip of [played, advanced]) {
          chip.write(0x00, 0xff);
          chip.write(0x01, 0xff);
          chip.write(0x05, 0x00); // attack 2 ms, decay 6 ms ...
          chip.write(0x06, 0x00); // ... to sustain 0: the level reaches 0 and holds there
          chip.write(0x04, 0x21);
        }
        played.clock(gap, new Float32Array(gap), 0);
        advanced.advance(gap);
        expect(digitalState(advanced), `${model}, ${gap} cycles`).toEqual(digitalState(played));
      }
    }
  });

  it('puts the analog stages at rest so synthesis restarts without a DC step', () => {
    const chip = newChip('6581');
    // The envelopes power up at $AA and fall to 0 first (their DC level falls with them).
    chip.advance(9 * 900);
    chip.write(0x18, 0x0f);
    chip.write(0x17, 0x01);
    chip.settleAnalog();
    const out = new Float32Array(2000);
    chip.clock(out.length, out, 0);
    // Silent voices at their DC level: the output stays at 0 (no high-pass transient).
    for (const sample of out) expect(Math.abs(sample)).toBeLessThan(1e-6);
  });

  it('keeps the digital state exact while estimating the output level', () => {
    compareRuns('6581', 201, 150, true);
    compareRuns('8580', 202, 150, true);
  });

  it('charges the output high-pass to the level an uninterrupted run leaves', () => {
    // A 25 % pulse on the 6581 (voice 1 through the filter's low-pass), and a saw:
    // both far from the silent-voice DC level that settleAnalog alone assumes.
    for (const model of ['6581', '8580'] as const) {
      const played = newChip(model);
      const estimated = newChip(model);
      const rested = newChip(model);
      for (const chip of [played, estimated, rested]) {
        chip.write(0x18, 0x1f);
        chip.write(0x17, 0x01);
        chip.write(0x16, 0x40);
        chip.write(0x00, 0x00);
        chip.write(0x01, 0x1c);
        chip.write(0x02, 0x00);
        chip.write(0x03, 0x04);
        chip.write(0x06, 0xf0);
        chip.write(0x04, 0x41);
        chip.write(0x07, 0x00);
        chip.write(0x08, 0x0b);
        chip.write(0x0d, 0xf0);
        chip.write(0x0b, 0x21);
      }
      const second = 985_248;
      const out = new Float32Array(second);
      played.clock(second, out, 0);
      estimated.advance(second / 2);
      rested.advance(second / 2);
      estimated.startLevelEstimate(16);
      estimated.advance(second / 2);
      estimated.finishLevelEstimate();
      rested.advance(second / 2);
      rested.settleAnalog();
      const reference = new Float32Array(20_000);
      const fromEstimate = new Float32Array(20_000);
      const fromRest = new Float32Array(20_000);
      played.clock(reference.length, reference, 0);
      estimated.clock(fromEstimate.length, fromEstimate, 0);
      rested.clock(fromRest.length, fromRest, 0);
      const offset = (a: Float32Array) => {
        let sum = 0;
        for (let i = 10_000; i < 20_000; i++) sum += a[i] - reference[i];
        return Math.abs(sum / 10_000) * 32_767;
      };
      // In LSB of 16-bit audio at the chip's output level (measured: rest 610 / 708 LSB off,
      // the estimate 0.05 / 0.07 LSB, 6581 / 8580): the rest level is far off, the estimate is not.
      expect(offset(fromRest), model).toBeGreaterThan(300);
      expect(offset(fromEstimate), model).toBeLessThan(2);
    }
  });
});

describe('SidChip noise register shifts in blocks (state-only runs over many bit-19 rises)', () => {
  interface NoiseInternals {
    shiftRegister: Int32Array;
    shiftNoise(voice: number): void;
    shiftNoiseTimes(voice: number, count: number): void;
  }

  it('equals shifting one at a time, and repeats after 2^23 - 1 shifts', () => {
    const one = newChip('8580') as unknown as NoiseInternals;
    const block = newChip('8580') as unknown as NoiseInternals;
    const rnd = random(7);
    for (let trial = 0; trial < 40; trial++) {
      const start = Math.floor(rnd() * 0x7fffff) + 1;
      const count = trial < 20 ? trial : Math.floor(rnd() * 500);
      one.shiftRegister[1] = start;
      block.shiftRegister[1] = start;
      for (let i = 0; i < count; i++) one.shiftNoise(1);
      block.shiftNoiseTimes(1, count);
      expect(block.shiftRegister[1], `${count} shifts from ${start}`).toBe(one.shiftRegister[1]);
    }
    // The period the block shift reduces counts by: a maximal-length LFSR returns after 2^23 - 1.
    one.shiftRegister[0] = 0x123456;
    for (let i = 0; i < 0x7fffff; i++) one.shiftNoise(0);
    expect(one.shiftRegister[0]).toBe(0x123456);
  });
});

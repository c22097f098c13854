import { describe, expect, it } from 'vitest';
import type { SidChip } from '../src/sid/sid-chip.js';
import type { SidModel } from '../src/sid/sid-types.js';
import { StateReader } from '../src/state/state-reader.js';
import { StateWriter } from '../src/state/state-writer.js';
import { digitalState, newChip, seededRandom as random } from './sid-test-support.js';

/** Runs the cycles a state-only chip has deferred, as a write that changes a voice register does. */
function splitDeferredRun(chip: SidChip): void {
  chip.saveState(new StateWriter(4096));
}

/** Control values with gate on and off, sync, ring, test bit and combined waveforms. */
const CONTROLS = [0x41, 0x40, 0x11, 0x10, 0x21, 0x20, 0x81, 0x80, 0x43, 0x15, 0x09, 0x51, 0x61];

/**
 * A fast player's traffic: every call rewrites all 25 registers (voices, filter, volume) from
 * its register image, 9–13 cycles apart, while only a few image entries change per call.
 * One chip is clocked with synthesis, one runs state-only as a seek does, and one runs
 * state-only but has its deferred run split before every write (what each write did before
 * unchanged writes were let through): all three must end every call in the same state.
 */
function comparePlayerTraffic(model: SidModel, seed: number, calls: number): number {
  const rnd = random(seed);
  const played = newChip(model);
  const merged = newChip(model);
  const split = newChip(model);
  const out = new Float32Array(4096);
  const image = new Uint8Array(0x19);
  const held = new Uint8Array(0x19);
  let unchanged = 0;
  for (let call = 0; call < calls; call++) {
    const changes = Math.floor(rnd() * 4);
    for (let i = 0; i < changes; i++) {
      const register = Math.floor(rnd() * 0x18);
      const slot = register % 7;
      image[register] =
        register >= 0x15
          ? Math.floor(rnd() * 256)
          : slot === 4
            ? CONTROLS[Math.floor(rnd() * CONTROLS.length)]
            : slot === 1
              ? Math.floor(rnd() * (rnd() < 0.5 ? 256 : 8))
              : Math.floor(rnd() * 256);
    }
    image[0x18] = rnd() < 0.9 ? 0x1f : 0x5f;
    for (let register = 0; register <= 0x18; register++) {
      const gap = 9 + Math.floor(rnd() * 5);
      played.clock(gap, out, 0);
      merged.advance(gap);
      split.advance(gap);
      splitDeferredRun(split);
      const value = image[register];
      if (held[register] === value) unchanged++;
      held[register] = value;
      played.write(register, value);
      merged.write(register, value);
      split.write(register, value);
    }
    // The rest of the call's frame (a 5x-speed player calls about every 3,900 cycles).
    const rest = 3000 + Math.floor(rnd() * 900);
    played.clock(rest, out, 0);
    merged.advance(rest);
    split.advance(rest);
    if (call % 8 === 3) {
      // The synthesising chip's filter and volume coefficients, kept through the rewrites, must
      // be those a chip restored from its state computes afresh: both then sound the same.
      const writer = new StateWriter(4096);
      played.saveState(writer);
      const restored = newChip(model);
      restored.loadState(new StateReader(writer.finish()));
      const expected = new Float32Array(2000);
      restored.clock(2000, expected, 0);
      const sounded = new Float32Array(2000);
      played.clock(2000, sounded, 0);
      expect(sounded, `${model} output after call ${call}`).toEqual(expected);
      merged.advance(2000);
      split.advance(2000);
    }
    if (call % 8 === 7) {
      expect(merged.read(0x1b), `${model} OSC3 after call ${call}`).toBe(played.read(0x1b));
      expect(split.read(0x1b), `${model} OSC3 after call ${call}`).toBe(played.read(0x1b));
      const state = digitalState(played);
      expect(digitalState(merged), `${model} state after call ${call}`).toEqual(state);
      expect(digitalState(split), `${model} split state after call ${call}`).toEqual(state);
    }
  }
  return unchanged;
}

describe('SidChip: register writes of the value already held (state-only runs stay merged)', () => {
  it('leave the 8580 exactly as writes that split the run, and as synthesis', () => {
    let unchanged = 0;
    for (let seed = 1; seed <= 3; seed++) unchanged += comparePlayerTraffic('8580', seed, 160);
    // Most of the traffic rewrites a held value, as with a real fast player.
    expect(unchanged).toBeGreaterThan(3 * 160 * 15);
  });

  it('leave the 6581 (saw pulling the MSB, combined noise write-back) exactly as well', () => {
    for (let seed = 11; seed <= 13; seed++) comparePlayerTraffic('6581', seed, 160);
  });
});

/**
 * While no voice selects a waveform and the filter is at rest, the cycle loop
 * mixes one value per envelope segment instead of recomputing it every cycle.
 * Clocking one cycle per call never reuses a value (each call is its own
 * segment), so it is the reference: both must give the same bytes and leave
 * the chip in the same state, in every situation around that shortcut.
 */
import { describe, expect, it } from 'vitest';
import type { SidModel } from '../src/sid/sid-types.js';
import { StateWriter } from '../src/state/state-writer.js';
import { newChip, writeAll } from './sid-test-support.js';

type Writes = readonly (readonly [number, number])[];

/** Each step: register writes, then cycles to run. */
const SCENARIOS: Record<string, readonly (readonly [Writes, number])[]> = {
  'power-on, volume up, envelopes falling from $AA': [[[[0x18, 0x0f]], 6000]],
  'silent voices with frequencies, sync, ring and test bits running': [
    [
      [
        [0x18, 0x0f],
        [0x00, 0x35],
        [0x01, 0x71],
        [0x07, 0xff],
        [0x08, 0xff],
        [0x0e, 0x00],
        [0x0f, 0x90],
        [0x0b, 0x06],
        [0x12, 0x08],
      ],
      20_000,
    ],
    [[[0x12, 0x00]], 20_000],
  ],
  'filter routed or resonant with silent voices (input not at rest)': [
    [
      [
        [0x18, 0x1f],
        [0x17, 0xf7],
        [0x16, 0x80],
      ],
      8000,
    ],
    [[[0x17, 0x00]], 8000],
  ],
  'a note released and its waveform cleared (floating output fading)': [
    [
      [
        [0x18, 0x0f],
        [0x01, 0x20],
        [0x05, 0x00],
        [0x06, 0xf0],
        [0x04, 0x21],
      ],
      4000,
    ],
    [[[0x04, 0x20]], 4000],
    [[[0x04, 0x00]], 70_000],
    [
      [
        [0x04, 0x41],
        [0x03, 0x08],
      ],
      3000,
    ],
  ],
  'volume writes (digis) between silent segments': [
    [[[0x18, 0x0f]], 300],
    [[[0x18, 0x00]], 300],
    [[[0x18, 0x08]], 300],
    [[[0x18, 0x4f]], 300],
  ],
};

function run(model: SidModel, scenario: (typeof SCENARIOS)[string], perCycle: boolean) {
  const sid = newChip(model);
  const total = scenario.reduce((n, [, cycles]) => n + cycles, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const [writes, cycles] of scenario) {
    writeAll(sid, writes);
    if (perCycle) {
      for (let i = 0; i < cycles; i++) sid.clock(1, out, at + i);
    } else {
      sid.clock(cycles, out, at);
    }
    at += cycles;
  }
  const state = new StateWriter();
  sid.saveState(state);
  return { samples: Buffer.from(out.buffer), state: Buffer.from(state.finish()) };
}

describe('quiet segments of the SID cycle loop', () => {
  for (const model of ['6581', '8580'] as const) {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      it(`${model}: ${name}: same bytes and state as cycle-by-cycle`, () => {
        const whole = run(model, scenario, false);
        const reference = run(model, scenario, true);
        expect(whole.samples.equals(reference.samples)).toBe(true);
        expect(whole.state.equals(reference.state)).toBe(true);
      });
    }
  }
});

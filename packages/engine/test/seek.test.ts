import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { C64 } from '../src/c64/c64.js';
import { createPlayer, type PlayerOptions, type SidPlayer } from '../src/index.js';
import { StateWriter } from '../src/state/state-writer.js';
import { toneTune } from './support/machine-tunes.js';

const tuneDir = join(import.meta.dirname, '../../../tunes/sid');
const hvsc = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
/** Our demo tunes (filter sweeps, sync, ring, PWM, a $D418 sample) and three HVSC tunes (one filtered 6581, one with two SIDs). */
const TUNES: [string, () => Uint8Array][] = [
  ['tone test tune', toneTune],
  ['korobeiniki', () => new Uint8Array(readFileSync(join(tuneDir, 'korobeiniki.sid')))],
  ['greensleeves', () => new Uint8Array(readFileSync(join(tuneDir, 'greensleeves.sid')))],
  [
    'Commando (HVSC)',
    () => new Uint8Array(readFileSync(join(hvsc, 'MUSICIANS/H/Hubbard_Rob/Commando.sid'))),
  ],
  [
    'Bionic_Commando (HVSC, 6581 filter)',
    () => new Uint8Array(readFileSync(join(hvsc, 'MUSICIANS/F/Follin_Tim/Bionic_Commando.sid'))),
  ],
  [
    'Voice_2SID (two SIDs)',
    () => new Uint8Array(readFileSync(join(hvsc, 'MUSICIANS/J/JCH/Voice_2SID.sid'))),
  ],
];

function machineOf(player: SidPlayer): C64 {
  return (player as unknown as { c64: C64 }).c64;
}

/**
 * The whole machine's state (CPU, memory, CIAs, VIC-II, every SID register,
 * oscillator, noise register, envelope) with the SIDs' analog stages put at
 * rest: a fast seek reproduces everything but those exactly.
 */
function digitalState(player: SidPlayer): Uint8Array {
  const c64 = machineOf(player);
  for (const sid of c64.sids) sid.settleAnalog();
  const w = new StateWriter();
  c64.saveState(w);
  return w.finish();
}

function renderAfter(
  bytes: Uint8Array,
  route: (p: SidPlayer) => void,
  frames: number,
  options: PlayerOptions = {},
): Int16Array {
  const player = createPlayer(bytes, { seekSnapshotInterval: 1, ...options });
  route(player);
  const out = new Int16Array(frames);
  player.render(out);
  return out;
}

function straight(bytes: Uint8Array, seconds: number, frames: number): Int16Array {
  const player = createPlayer(bytes);
  player.render(new Int16Array(Math.round(seconds * 44_100)));
  const out = new Int16Array(frames);
  player.render(out);
  return out;
}

/** The uninterrupted render's state at each tune's seek target (rendered once, shared by the tests). */
const referenceStates = new Map<string, Uint8Array>();

function seekTarget(name: string): number {
  return name.includes('HVSC') ? 20 : 4.5;
}

function reference(name: string, tune: () => Uint8Array): SidPlayer {
  let state = referenceStates.get(name);
  if (state === undefined) {
    const player = createPlayer(tune());
    player.render(new Int16Array(Math.round(seekTarget(name) * 44_100)));
    state = player.snapshot();
    referenceStates.set(name, state);
  }
  const player = createPlayer(tune());
  player.restore(state);
  return player;
}

function correlation(a: Int16Array, b: Int16Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

describe("seek, seekMode 'fast' (the default)", () => {
  it('leaves the machine and every SID register, oscillator and envelope exactly as an uninterrupted render', () => {
    for (const [name, tune] of TUNES) {
      const seeking = createPlayer(tune());
      seeking.seek(seekTarget(name));
      const uninterrupted = reference(name, tune);
      expect(seeking.position).toBe(uninterrupted.position);
      expect(seeking.cycles, name).toBe(uninterrupted.cycles);
      expect(seeking.registers(0), name).toEqual(uninterrupted.registers(0));
      expect(digitalState(seeking), name).toEqual(digitalState(uninterrupted));
    }
  });

  it('leaves machine-bound tunes (NMI samples, an unacknowledged IRQ, a 5x CIA player) exactly as an uninterrupted render', () => {
    // The state-only run's bus shortcuts (lazily clocked chips, port reads without catch-up)
    // matter most here: the CPU polls the CIA ports, acknowledges $D019 constantly, or takes NMIs.
    for (const path of [
      'MUSICIANS/G/Galway_Martin/Arkanoid.sid',
      'MUSICIANS/M/Mr_Lonely/I_Love_You_Like_a_Ball_and_Chain.sid',
      'MUSICIANS/P/Praiser/Pszczolka_Maja_5x.sid',
    ]) {
      const bytes = new Uint8Array(readFileSync(join(hvsc, path)));
      const seeking = createPlayer(bytes);
      seeking.seek(3);
      const uninterrupted = createPlayer(bytes);
      uninterrupted.render(new Int16Array(3 * 44_100));
      expect(seeking.cycles, path).toBe(uninterrupted.cycles);
      expect(seeking.registers(0), path).toEqual(uninterrupted.registers(0));
      expect(digitalState(seeking), path).toEqual(digitalState(uninterrupted));
    }
  });

  it('renders after the seek what the uninterrupted render gives, up to a small decaying DC offset', () => {
    const tenth = 4410;
    for (const [name, tune] of TUNES) {
      const got = renderAfter(tune(), (p) => p.seek(seekTarget(name)), 22_050);
      const expected = new Int16Array(22_050);
      reference(name, tune).render(expected);
      let worstFirstTenth = 0;
      let worstLater = 0;
      let worstStep = 0;
      for (let i = 0; i < got.length; i++) {
        const d = Math.abs(got[i] - expected[i]);
        if (i < tenth) worstFirstTenth = Math.max(worstFirstTenth, d);
        else worstLater = Math.max(worstLater, d);
        if (i > 0) {
          const step = got[i] - got[i - 1] - (expected[i] - expected[i - 1]);
          worstStep = Math.max(worstStep, Math.abs(step));
        }
      }
      expect(correlation(got.subarray(tenth), expected.subarray(tenth)), name).toBeGreaterThan(
        0.999_999,
      );
      // The only lasting difference is the board's output high-pass (RC 0.1 s) holding an
      // estimated rather than the exact level: an offset of a few tens of LSB that decays.
      expect(worstFirstTenth, name).toBeLessThanOrEqual(64);
      expect(worstLater, name).toBeLessThanOrEqual(24);
      // Sample to sample, the audio is the uninterrupted render's (a DC offset cancels out).
      expect(worstStep, name).toBeLessThanOrEqual(3);
    }
  });

  it('gives the same bytes whichever route it takes', () => {
    const tune = TUNES[1][1]();
    const cold = renderAfter(tune, (p) => p.seek(3), 6000);
    const routes: ((p: SidPlayer) => void)[] = [
      (p) => {
        p.seek(5);
        p.seek(3); // backwards, through a kept snapshot
      },
      (p) => {
        p.render(new Int16Array(44_100));
        p.seek(3); // forwards from the current position
      },
      (p) => {
        p.render(new Int16Array(Math.round(2.4 * 44_100)));
        p.seek(3); // forwards from just before the level estimate starts (rendered, not skipped)
      },
      (p) => {
        p.render(new Int16Array(Math.round(2.7 * 44_100)));
        p.seek(3); // from inside the estimate window: back to a snapshot
      },
      (p) => {
        p.render(new Int16Array(Math.round(2.97 * 44_100)));
        p.seek(3); // from inside the synthesised stretch: back to a snapshot
      },
      (p) => {
        p.seek(3);
        p.render(new Int16Array(4000));
        p.seek(1.25);
        p.render(new Int16Array(4000));
        p.seek(3);
      },
    ];
    for (const route of routes) expect(renderAfter(tune, route, 6000)).toEqual(cold);
  });

  it('keeps snapshot/restore byte-exact after a fast seek', () => {
    const player = createPlayer(TUNES[2][1]());
    player.seek(3.3);
    const state = player.snapshot();
    const first = new Int16Array(10_000);
    player.render(first);
    player.seek(1);
    player.restore(state);
    const second = new Int16Array(10_000);
    player.render(second);
    expect(second).toEqual(first);
  });

  it('synthesises the whole way to targets within the estimate and synthesis time, so those are exact', () => {
    const tune = TUNES[1][1]();
    expect(renderAfter(tune, (p) => p.seek(0.05), 4000)).toEqual(straight(tune, 0.05, 4000));
    expect(renderAfter(tune, (p) => p.seek(0.54), 4000)).toEqual(straight(tune, 0.54, 4000));
  });
});

describe("seek, seekMode 'exact'", () => {
  it('fast-forwards exactly: render after seek equals the uninterrupted render', () => {
    const seeking = createPlayer(toneTune(), { seekSnapshotInterval: 1, seekMode: 'exact' });
    seeking.seek(2.5);
    expect(seeking.position).toBeCloseTo(2.5, 9);
    const got = new Int16Array(8000);
    seeking.render(got);
    expect(got).toEqual(straight(toneTune(), 2.5, 8000));
  });

  it('seeks backwards and forwards again through its snapshots', () => {
    const player = createPlayer(toneTune(), { seekSnapshotInterval: 1, seekMode: 'exact' });
    player.seek(3);
    const at3 = new Int16Array(4000);
    player.render(at3);
    player.seek(1.25);
    const at125 = new Int16Array(4000);
    player.render(at125);
    player.seek(3);
    const again = new Int16Array(4000);
    player.render(again);
    expect(again).toEqual(at3);
    expect(at125).toEqual(straight(toneTune(), 1.25, 4000));
  });
});

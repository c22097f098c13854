import { describe, expect, it } from 'vitest';
import { createPlayer } from '../src/index.js';
import { toneTune } from './support/machine-tunes.js';

describe('snapshot / restore', () => {
  it('restores byte-exactly: render after restore equals render after the snapshot', () => {
    const player = createPlayer(toneTune(), { channels: 2 });
    player.render(new Int16Array(2 * 12_345));
    const state = player.snapshot();
    const first = new Int16Array(2 * 20_000);
    player.render(first);
    player.render(new Int16Array(2 * 5000));
    player.restore(state);
    const second = new Int16Array(2 * 20_000);
    player.render(second);
    expect(second).toEqual(first);
    expect(player.position).toBeCloseTo(32_345 / 44_100, 9);
  });

  it('restores into a fresh player of the same tune and options', () => {
    const a = createPlayer(toneTune());
    a.render(new Float32Array(7777));
    const state = a.snapshot();
    const b = createPlayer(toneTune());
    b.restore(state);
    const outA = new Float32Array(9000);
    const outB = new Float32Array(9000);
    a.render(outA);
    b.render(outB);
    expect(outB).toEqual(outA);
  });

  it('rejects a snapshot of another setup', () => {
    const state = createPlayer(toneTune(), { sampleRate: 48_000 }).snapshot();
    expect(() => createPlayer(toneTune()).restore(state)).toThrow(/does not match/);
  });
});

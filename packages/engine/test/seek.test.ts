import { describe, expect, it } from 'vitest';
import { createPlayer } from '../src/index.js';
import { toneTune } from './support/machine-tunes.js';

describe('seek', () => {
  it('fast-forwards exactly: render after seek equals the uninterrupted render', () => {
    const straight = createPlayer(toneTune());
    straight.render(new Int16Array(Math.round(2.5 * 44_100)));
    const expected = new Int16Array(8000);
    straight.render(expected);

    const seeking = createPlayer(toneTune(), { seekSnapshotInterval: 1 });
    seeking.seek(2.5);
    expect(seeking.position).toBeCloseTo(2.5, 9);
    const got = new Int16Array(8000);
    seeking.render(got);
    expect(got).toEqual(expected);
  });

  it('seeks backwards and forwards again through its snapshots', () => {
    const player = createPlayer(toneTune(), { seekSnapshotInterval: 1 });
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

    const reference = createPlayer(toneTune());
    reference.render(new Int16Array(Math.round(1.25 * 44_100)));
    const ref125 = new Int16Array(4000);
    reference.render(ref125);
    expect(at125).toEqual(ref125);
  });
});

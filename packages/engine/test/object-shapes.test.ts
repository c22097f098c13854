import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { C64 } from '../src/c64/c64.js';
import { createPlayer, type SidPlayer } from '../src/index.js';

const hvsc = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');

// V8's own shape check; the flag only has to be on when this function is compiled.
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

function machineOf(player: SidPlayer): C64 {
  return (player as unknown as { c64: C64 }).c64;
}

/**
 * The render paths are compiled for one machine shape. A boxed double stored
 * into a cycle field before V8 compiles the code (the loop skips used to do it)
 * changes the shape of every later machine, so the second player onwards ran
 * deoptimised, polymorphic code (~10 % slower in the bench). This file runs in
 * its own worker, so the engine's code starts uncompiled as in a fresh process.
 */
describe('object shapes across players', () => {
  it('machines and SID chips of different tunes keep one shape after rendering (skips, stack drift, 2 SIDs)', () => {
    const tunes = [
      'MUSICIANS/H/Hubbard_Rob/Commando.sid',
      'MUSICIANS/G/Galway_Martin/Arkanoid.sid', // polling loop skips
      'MUSICIANS/M/Mr_Lonely/I_Love_You_Like_a_Ball_and_Chain.sid', // drifting-stack skips
      'MUSICIANS/J/JCH/Voice_2SID.sid',
    ];
    const machines: C64[] = [];
    const buffer = new Int16Array(44_100);
    for (const tune of tunes) {
      const player = createPlayer(new Uint8Array(readFileSync(join(hvsc, tune))), {
        sampleRate: 44_100,
        channels: 1,
      });
      for (let second = 0; second < 2; second++) player.render(buffer);
      machines.push(machineOf(player));
    }
    const first = machines[0];
    const sids = machines.flatMap((machine) => (machine as unknown as { sids: object[] }).sids);
    expect(machines.map((machine) => haveSameMap(first, machine))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(sids.every((sid) => haveSameMap(sids[0], sid))).toBe(true);
  });
});

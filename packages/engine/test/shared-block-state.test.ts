import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlayer } from '../src/index.js';
import {
  BlockSlab,
  SHARED_STATE_BLOCK_WORDS,
  SharedBlockState,
} from '../src/player/shared-block-state.js';

const HVSC = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');

function bytesOf(words: Int32Array, length: number): Uint8Array {
  return new Uint8Array(words.buffer, words.byteOffset, length).slice();
}

function restored(state: SharedBlockState): Uint8Array {
  const target = new Int32Array((state.length + 3) >>> 2);
  state.copyTo(target);
  return bytesOf(target, state.length);
}

describe('SharedBlockState', () => {
  it('gives back the bytes it kept, after the source is overwritten, sharing unchanged blocks', () => {
    const length = SHARED_STATE_BLOCK_WORDS * 4 * 5 + 7; // five whole blocks and a short one
    const source = new Int32Array((length + 3) >>> 2);
    for (let i = 0; i < source.length; i++) source[i] = Math.imul(i, 2_654_435_761);
    const slab = new BlockSlab();
    const first = SharedBlockState.keep(source, length, null, slab);
    const firstBytes = bytesOf(source, length);
    source[SHARED_STATE_BLOCK_WORDS * 2 + 3] ^= 1; // change block 2
    source[source.length - 1] ^= 0x100; // and the short last one
    const second = SharedBlockState.keep(source, length, first, slab);
    const secondBytes = bytesOf(source, length);
    source.fill(-1);
    expect(restored(first)).toEqual(firstBytes);
    expect(restored(second)).toEqual(secondBytes);
    const blocksOf = (s: SharedBlockState) => (s as unknown as { blocks: Int32Array[] }).blocks;
    const shared = blocksOf(second).map((block, i) => block === blocksOf(first)[i]);
    expect(shared).toEqual([true, true, false, true, true, false]);
  });

  it('keeps a state of another length without sharing blocks that do not fit', () => {
    const slab = new BlockSlab();
    const long = new Int32Array(SHARED_STATE_BLOCK_WORDS * 2).fill(5);
    const first = SharedBlockState.keep(long, long.length * 4, null, slab);
    const short = new Int32Array(SHARED_STATE_BLOCK_WORDS + 10).fill(5);
    const second = SharedBlockState.keep(short, short.length * 4 - 2, first, slab);
    expect(second.length).toBe(short.length * 4 - 2);
    expect(restored(second)).toEqual(bytesOf(short, short.length * 4 - 2));
  });
});

describe('seek points kept as shared blocks', () => {
  it('restore the same machine as the snapshot taken there', () => {
    const bytes = new Uint8Array(readFileSync(join(HVSC, 'MUSICIANS/H/Hubbard_Rob/Commando.sid')));
    // Seeking to 8 s keeps seek points at 0..7 s, most of their blocks shared; seeking back to
    // 5.5 s restores the one at 4 s (the last before the estimate starts) and runs on. A fresh
    // player's seek to 5.5 s, which restores nothing, must reach the same state and audio.
    const player = createPlayer(bytes);
    player.seek(8);
    player.seek(5.5);
    const reference = createPlayer(bytes);
    reference.seek(5.5);
    expect(player.snapshot()).toEqual(reference.snapshot());
    const frames = 4410;
    const a = new Int16Array(frames);
    const b = new Int16Array(frames);
    player.render(a, frames);
    reference.render(b, frames);
    expect(a).toEqual(b);
  });
});

/**
 * Bytes of one player state kept as fixed-size blocks, each block that equals
 * the same block of the state kept before it shared with that one rather than
 * copied. A seek keeps a state every second: a tune changes a few pages of RAM
 * and a few hundred bytes of chip state in a second, so most of each ~80 KB
 * state repeats the previous one. Copying all of it cost more than running the
 * machine for a while: on a virtual machine, touching memory the process has
 * not used before (every new copy) costs a page fault per 4 KB.
 */
export class SharedBlockState {
  /** The state's length in bytes. */
  readonly length: number;
  /** The blocks in order, each {@link SHARED_STATE_BLOCK_WORDS} words but the last. */
  private readonly blocks: Int32Array[];

  private constructor(length: number, blocks: Int32Array[]) {
    this.length = length;
    this.blocks = blocks;
  }

  /**
   * Keeps the state `words` holds (`length` bytes; the words may be overwritten
   * afterwards), sharing the blocks equal to `previous`'s at the same place and
   * copying the others into `slab`.
   *
   * @param words - the state's bytes as 32-bit words (the last one padded)
   * @param length - the state's length in bytes (at most 4 × `words.length`)
   * @param previous - the state kept before (any length), or null
   * @param slab - where changed blocks are copied
   */
  static keep(
    words: Int32Array,
    length: number,
    previous: SharedBlockState | null,
    slab: BlockSlab,
  ): SharedBlockState {
    const wordCount = (length + 3) >>> 2;
    const count = Math.ceil(wordCount / SHARED_STATE_BLOCK_WORDS);
    const blocks = new Array<Int32Array>(count);
    const before = previous?.blocks ?? [];
    for (let i = 0; i < count; i++) {
      const start = i * SHARED_STATE_BLOCK_WORDS;
      const end = Math.min(start + SHARED_STATE_BLOCK_WORDS, wordCount);
      const old = i < before.length ? before[i] : null;
      blocks[i] =
        old !== null && old.length === end - start && equalWords(words, start, old)
          ? old
          : slab.copy(words, start, end);
    }
    return new SharedBlockState(length, blocks);
  }

  /** Writes the state's words into `target` from word 0 (its bytes: the first {@link SharedBlockState.length}). */
  copyTo(target: Int32Array): void {
    const blocks = this.blocks;
    for (let i = 0; i < blocks.length; i++) target.set(blocks[i], i * SHARED_STATE_BLOCK_WORDS);
  }
}

/** Words per block (512 bytes): a few changed bytes copy little, and few blocks keep the comparison cheap. */
export const SHARED_STATE_BLOCK_WORDS = 128;

/** Words per slab the changed blocks are copied into (64 KB). */
const SLAB_WORDS = 16 * 1024;

/**
 * Storage for changed blocks: blocks are carved from 64 KB buffers one after
 * another, so keeping a block costs no buffer of its own and only the words
 * actually copied are touched.
 */
export class BlockSlab {
  private buffer = new Int32Array(0);
  private used = 0;

  /** A lasting copy of `words[start .. end)` (at most {@link SHARED_STATE_BLOCK_WORDS} words). */
  copy(words: Int32Array, start: number, end: number): Int32Array {
    const size = end - start;
    if (this.used + size > this.buffer.length) {
      this.buffer = new Int32Array(SLAB_WORDS);
      this.used = 0;
    }
    const at = this.used;
    this.used = at + size;
    const kept = this.buffer.subarray(at, at + size);
    kept.set(words.subarray(start, end));
    return kept;
  }
}

/** True when `words[start ..]` equals `block`. */
function equalWords(words: Int32Array, start: number, block: Int32Array): boolean {
  for (let i = 0; i < block.length; i++) if (words[start + i] !== block[i]) return false;
  return true;
}

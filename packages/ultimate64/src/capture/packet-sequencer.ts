import { AUDIO_FRAMES_PER_PACKET } from '../protocol/audio-stream-format.js';

/** Counters of a {@link PacketSequencer}. */
export interface SequencerCounters {
  /** Distinct packets taken in. */
  received: number;
  /** Packets released as missing (filled). */
  lost: number;
  /** Packets that arrived after a later one and were put back in order. */
  reordered: number;
  /** Extra copies dropped. */
  duplicated: number;
  /** Packets that arrived after their slot had been filled (dropped; also counted lost). */
  late: number;
  /** Packets released in order (received + lost). */
  released: number;
  /**
   * Times the numbering jumped for good (e.g. the stream was restarted) and the
   * sequencer re-locked onto it; the packets seen while deciding count as late.
   */
  resyncs: number;
}

/** Options of {@link PacketSequencer}. */
export interface PacketSequencerOptions {
  /**
   * Jitter window in packets: a missing packet is given up (filled) once a
   * packet this many places later has arrived. Default 32 (128 ms at 250 packets/s).
   */
  window?: number;
  /** Absolute index of the first packet (e.g. 0 right after `streams:start`); default: the first one that arrives. */
  firstSequence?: number;
  /** How a missing packet is filled: a straight line between its neighbours (default) or silence. */
  fill?: 'interpolate' | 'silence';
}

/** Receives each packet in order: its absolute index, 192 stereo frames, and whether it was filled. */
export type PacketConsumer = (index: number, frames: Int16Array, filled: boolean) => void;

const HISTORY = 4096;
/** A jump ahead larger than this (4 s at 250 packets/s) is not a gap to fill but a new numbering. */
const MAX_GAP = 1024;
/** Consecutive packets outside every window before the sequencer re-locks onto their numbering. */
const RESYNC_AFTER = 8;
const SAMPLES = AUDIO_FRAMES_PER_PACKET * 2;

/**
 * Turns audio datagrams as they arrive (lost, duplicated, out of order, with
 * 16-bit wrapping sequence numbers) into the exact packet sequence: unwraps
 * sequence numbers into absolute indices, holds packets within a jitter
 * window to put them back in order, drops duplicates, and fills what never
 * came so the timing stays exact. Allocation-free after construction.
 */
export class PacketSequencer {
  /** The counters so far. */
  readonly counters: SequencerCounters = {
    received: 0,
    lost: 0,
    reordered: 0,
    duplicated: 0,
    late: 0,
    released: 0,
    resyncs: 0,
  };
  private readonly window: number;
  private readonly mask: number;
  private readonly slots: Int16Array[];
  private readonly present: Uint8Array;
  private readonly history = new Uint8Array(HISTORY);
  private readonly fillBuffer = new Int16Array(SAMPLES);
  private readonly fillMode: 'interpolate' | 'silence';
  private next = -1;
  private highest = -1;
  private lastLeft = 0;
  private lastRight = 0;
  /** Added to incoming sequence numbers since the last re-lock. */
  private shift = 0;
  /** Consecutive packets that fit no window. */
  private strays = 0;

  /**
   * @param consumer - called for every packet in order
   * @param options - window, first sequence, fill mode
   */
  constructor(
    private readonly consumer: PacketConsumer,
    options: PacketSequencerOptions = {},
  ) {
    this.window = Math.max(1, Math.floor(options.window ?? 32));
    let capacity = 1;
    while (capacity < this.window * 2 + 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = Array.from({ length: capacity }, () => new Int16Array(SAMPLES));
    this.present = new Uint8Array(capacity);
    this.fillMode = options.fill ?? 'interpolate';
    if (options.firstSequence !== undefined) {
      this.next = options.firstSequence;
      this.highest = options.firstSequence - 1;
    }
  }

  /** Absolute index of the next packet to be released (-1 before the first packet). */
  get nextIndex(): number {
    return this.next;
  }

  /** Highest absolute index received so far. */
  get highestIndex(): number {
    return this.highest;
  }

  /**
   * Takes one datagram's sequence number and its 192 stereo frames (little-endian
   * s16 at `bytes[offset..]`), releasing whatever is now in order.
   */
  push(sequence: number, bytes: Uint8Array, offset: number): void {
    if (this.next < 0) {
      this.next = sequence;
      this.highest = sequence - 1;
    }
    const counters = this.counters;
    let index = this.unwrap(sequence);
    if (index - this.next > MAX_GAP || this.next - index > HISTORY) {
      // Numbering that fits nowhere: a stray, or the stream restarted. Several in a
      // row mean the latter: continue the timeline right after what we hold.
      if (++this.strays < RESYNC_AFTER) {
        counters.late++;
        return;
      }
      const target = Math.max(this.highest + 1, this.next);
      this.shift = (this.shift + target - index) & 0xffff;
      index = target;
      counters.resyncs++;
    }
    if (index < this.next) {
      if (this.next - index <= HISTORY && this.history[index % HISTORY] === 1)
        counters.duplicated++;
      else counters.late++;
      return;
    }
    this.strays = 0;
    // Far ahead of the window: give up on everything it skipped beyond the window.
    while (index - this.next > this.mask) this.releaseOne();
    const slot = index & this.mask;
    if (this.present[slot] === 1) {
      counters.duplicated++;
      return;
    }
    const out = this.slots[slot];
    for (let i = 0, b = offset; i < SAMPLES; i++, b += 2) {
      const v = bytes[b] | (bytes[b + 1] << 8);
      out[i] = v > 0x7fff ? v - 0x10000 : v;
    }
    this.present[slot] = 1;
    counters.received++;
    if (index < this.highest) counters.reordered++;
    else this.highest = index;
    this.drain();
  }

  /** Absolute index of a sequence number, relative to where the stream is now. */
  private unwrap(sequence: number): number {
    const reference = Math.max(this.highest, this.next);
    const seq = (sequence + this.shift) & 0xffff;
    return reference + (((seq - (reference & 0xffff) + 0x8000) & 0xffff) - 0x8000);
  }

  /** Releases held packets, filling the missing ones, up to and including `until` (default: the highest received). */
  flush(until = this.highest): void {
    if (this.next < 0) return;
    while (this.next <= until) this.releaseOne();
  }

  private drain(): void {
    while (this.present[this.next & this.mask] === 1 || this.highest - this.next >= this.window) {
      this.releaseOne();
    }
  }

  private releaseOne(): void {
    const index = this.next;
    const slot = index & this.mask;
    this.counters.released++;
    if (this.present[slot] === 1) {
      this.present[slot] = 0;
      this.history[index % HISTORY] = 1;
      const frames = this.slots[slot];
      this.lastLeft = frames[SAMPLES - 2];
      this.lastRight = frames[SAMPLES - 1];
      this.next++;
      this.consumer(index, frames, false);
      return;
    }
    this.history[index % HISTORY] = 0;
    this.counters.lost++;
    this.fill(index);
    this.next++;
    this.consumer(index, this.fillBuffer, true);
  }

  /** A straight line from the last frame before the gap to the first frame after it (or to zero). */
  private fill(index: number): void {
    const out = this.fillBuffer;
    if (this.fillMode === 'silence') {
      out.fill(0);
      this.lastLeft = 0;
      this.lastRight = 0;
      return;
    }
    let end = index + 1;
    while (end <= this.highest && end - index <= this.mask && this.present[end & this.mask] === 0)
      end++;
    let targetLeft = 0;
    let targetRight = 0;
    if (end <= this.highest && this.present[end & this.mask] === 1) {
      targetLeft = this.slots[end & this.mask][0];
      targetRight = this.slots[end & this.mask][1];
    }
    const span = (end - index) * AUDIO_FRAMES_PER_PACKET + 1;
    const stepLeft = (targetLeft - this.lastLeft) / span;
    const stepRight = (targetRight - this.lastRight) / span;
    let left = this.lastLeft;
    let right = this.lastRight;
    for (let i = 0; i < SAMPLES; i += 2) {
      left += stepLeft;
      right += stepRight;
      out[i] = Math.round(left);
      out[i + 1] = Math.round(right);
    }
    this.lastLeft = out[SAMPLES - 2];
    this.lastRight = out[SAMPLES - 1];
  }
}

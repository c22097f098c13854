// The shared ring of the browser engine adapter, in Node: the render worker's producer and the
// worklet's consumer, both real, with the real engine, against a simulated audio clock. The
// clock is simulated so the figures do not depend on this machine's load: each 512-frame chunk
// costs the producer a modelled time, and the consumer takes 128 frames every 128/44,100 s.
import { createPlayer } from '@sidflow/engine';
import { describe, expect, it } from 'vitest';
import { PREROLL_FRAMES, RingConsumer } from '../src/adapters/worklet/ring-consumer.js';
import {
  CTRL_SLOTS,
  Ctrl,
  RENDER_CHUNK,
  RING_CHANNELS,
} from '../src/adapters/worklet/ring-layout.js';
import {
  type PlayerFactory,
  RingProducer,
  WARM_PREFILL_FRAMES,
} from '../src/adapters/worklet/ring-producer.js';
import { demoTune } from './fixtures.js';

const RATE = 44_100;
const QUANTUM = 128;

interface Rig {
  ctrl: Int32Array;
  producer: RingProducer;
  consumer: RingConsumer;
  /** Seconds of audio the engine has rendered so far. */
  rendered(): number;
}

/**
 * A ring of `frames` frames whose indices start at `start` (to cross the 2^31 wrap). The
 * producer's clock advances by `cost` for each chunk the engine renders (so the load's pre-fill
 * sees the modelled speed too).
 */
function rig(frames: number, cost: (renderedSeconds: number) => number, start = 0): Rig {
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SLOTS * 4));
  const ring = new Float32Array(new SharedArrayBuffer(frames * RING_CHANNELS * 4));
  for (const slot of [Ctrl.WRITE, Ctrl.READ, Ctrl.SKIP_TO]) ctrl[slot] = start | 0;
  let renderedFrames = 0;
  let clockMs = 0;
  const factory: PlayerFactory = (bytes, options) => {
    const player = createPlayer(bytes, options);
    const render = player.render.bind(player);
    player.render = (buffer, frames) => {
      clockMs += cost(renderedFrames / RATE) * 1000;
      const n = render(buffer, frames);
      renderedFrames += n;
      return n;
    };
    return player;
  };
  return {
    ctrl,
    producer: new RingProducer(
      ctrl,
      ring,
      RATE,
      { events: () => undefined },
      factory,
      () => clockMs,
    ),
    consumer: new RingConsumer(ctrl, ring, RATE),
    rendered: () => renderedFrames / RATE,
  };
}

/**
 * Plays `seconds` of simulated time. The producer works like the worker's pump: whenever it is
 * free and the ring has room it renders one chunk, which keeps it busy for `cost(t)` seconds,
 * where `t` is the audio it has rendered so far; `stall` makes it sleep over a window.
 * Returns the peak absolute sample the consumer output.
 */
function play(
  r: Rig,
  seconds: number,
  cost: (renderedSeconds: number) => number,
  stall?: { from: number; to: number },
): number {
  const left = new Float32Array(QUANTUM);
  const right = new Float32Array(QUANTUM);
  let peak = 0;
  let busyUntil = 0;
  r.consumer.start();
  for (let now = 0; now < seconds; now += QUANTUM / RATE) {
    const stalled = stall && now >= stall.from && now < stall.to;
    while (!stalled && busyUntil <= now && r.producer.room() >= RENDER_CHUNK) {
      busyUntil = Math.max(busyUntil, now) + cost(r.rendered());
      r.producer.fill(1);
    }
    if (busyUntil < now) busyUntil = now;
    r.consumer.read(left, right, QUANTUM);
    for (let i = 0; i < QUANTUM; i++) peak = Math.max(peak, Math.abs(left[i]));
  }
  return peak;
}

/** A cold engine: 1.5× slower than real time for its first second of audio, then 15× faster. */
const coldStart = (t: number) => (RENDER_CHUNK / RATE) * (t < 1 ? 1.5 : 1 / 15);
/** A warm engine: 15× faster than real time. */
const warm = () => RENDER_CHUNK / RATE / 15;

describe('shared ring (render worker producer → worklet consumer)', () => {
  it('load with a cold engine fills the whole ring before it returns', () => {
    const r = rig(32_768, coldStart);
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    expect(r.producer.room()).toBeLessThan(RENDER_CHUNK);
    expect((r.ctrl[Ctrl.WRITE] - r.ctrl[Ctrl.SKIP_TO]) | 0).toBeGreaterThan(32_768 - RENDER_CHUNK);
  });

  it('load with a warm engine returns after a short pre-fill and the pump keeps up', () => {
    const r = rig(32_768, warm);
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    expect((r.ctrl[Ctrl.WRITE] - r.ctrl[Ctrl.SKIP_TO]) | 0).toBe(WARM_PREFILL_FRAMES);
    play(r, 1, warm);
    expect(r.consumer.underruns).toBe(0);
  });

  it('plays a cold engine (slower than real time for 1 s) with 0 underruns', () => {
    const r = rig(32_768, coldStart);
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    const peak = play(r, 4, coldStart);
    expect(peak).toBeGreaterThan(0.05);
    expect(r.consumer.underruns).toBe(0);
    expect(r.consumer.position).toBeGreaterThan(3.9);
    expect(r.consumer.lowestFill).toBeGreaterThan(0);
  });

  it('stays correct across the 2^31 and 2^32 wrap of the frame indices', () => {
    const r = rig(4_096, warm, 0x7fff_f000);
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    play(r, 1.5, () => RENDER_CHUNK / RATE / 15);
    expect(r.consumer.underruns).toBe(0);
    expect(r.consumer.position).toBeCloseTo(1.5, 1);
    const w = rig(4_096, warm, -2048);
    w.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    play(w, 0.5, () => RENDER_CHUNK / RATE / 15);
    expect(w.consumer.underruns).toBe(0);
  });

  it('a seek while paused pre-fills the new epoch even though the ring is full of old audio', () => {
    const r = rig(8_192, warm);
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    // Paused consumer: the ring stays full of the old epoch, yet the seek must find room.
    r.producer.seek(5);
    expect((r.ctrl[Ctrl.WRITE] - r.ctrl[Ctrl.SKIP_TO]) | 0).toBeGreaterThan(8_192 - RENDER_CHUNK);
    play(r, 0.5, () => RENDER_CHUNK / RATE / 15);
    expect(r.consumer.underruns).toBe(0);
    expect(r.consumer.position).toBeGreaterThan(5.4);
  });

  it('still counts real starvation: a producer asleep longer than the ring holds', () => {
    const r = rig(8_192, warm); // ≈ 0.19 s
    r.producer.load(demoTune('korobeiniki.sid'), 1, 'auto');
    play(r, 2, () => RENDER_CHUNK / RATE / 15, { from: 0.5, to: 1 });
    // 0.5 s asleep minus what was buffered ≈ 0.31 s of silence ≈ 107 quanta.
    const expected = (0.5 - 8_192 / RATE) / (QUANTUM / RATE);
    expect(r.consumer.underruns).toBeGreaterThan(expected - 10);
    expect(r.consumer.underruns).toBeLessThan(expected + 10);
  });

  it('does not count the pre-roll or a producer that never loaded', () => {
    const r = rig(8_192, warm);
    play(r, 0.2, () => RENDER_CHUNK / RATE);
    expect(r.consumer.underruns).toBe(0);
    expect(r.consumer.flowing).toBe(false);
    expect(PREROLL_FRAMES).toBeLessThanOrEqual(4_096);
  });
});

/// <reference lib="dom" />
// The render worker bundled into dist/sidflow-render-worker.js: it runs the engine ahead of
// playback into the shared ring, so neither the main thread nor the audio thread renders.
import { SidflowError } from '@sidflow/core';
import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { EngineEventTap } from '../../engine-tap/engine-event-tap.js';
import { Ctrl, RENDER_CHUNK, RING_CHANNELS } from './ring-layout.js';
import type { FromEngine, ToWorker } from './worklet-messages.js';

/** Frames rendered between two event posts to the main thread (≈ 93 ms at 44.1 kHz). */
const EVENTS_EVERY = 8 * RENDER_CHUNK;

interface WaitAsync {
  waitAsync?: (
    array: Int32Array,
    index: number,
    value: number,
    timeout: number,
  ) => { async: boolean; value: Promise<string> | string };
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromEngine): void;
};

let ctrl: Int32Array | null = null;
let ring: Float32Array | null = null;
let capacity = 0;
let rate = 44_100;
let player: SidPlayer | null = null;
let tap: EngineEventTap | null = null;
let sinceEvents = 0;
let pumping = false;
let renderMs = 0;
let lastStats = 0;

function beginEpoch(seconds: number): void {
  const c = ctrl!;
  Atomics.store(c, Ctrl.SKIP_TO, Atomics.load(c, Ctrl.WRITE));
  Atomics.store(c, Ctrl.START_MS, Math.round(seconds * 1000));
  Atomics.add(c, Ctrl.EPOCH, 1);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      ctrl = new Int32Array(message.ctrl);
      ring = new Float32Array(message.samples);
      capacity = ring.length / RING_CHANNELS;
      rate = message.sampleRate;
      break;
    case 'load': {
      const c = ctrl!;
      Atomics.store(c, Ctrl.BUSY, 1);
      unload();
      player = createPlayer(message.bytes, {
        song: message.song,
        sampleRate: rate,
        channels: RING_CHANNELS,
        chip: message.chip,
      });
      tap = new EngineEventTap(player);
      beginEpoch(0);
      Atomics.store(c, Ctrl.BUSY, 0);
      break;
    }
    case 'seek': {
      if (!player) break;
      const c = ctrl!;
      Atomics.store(c, Ctrl.BUSY, 1);
      player.seek(message.seconds);
      tap?.reset();
      beginEpoch(message.seconds);
      Atomics.store(c, Ctrl.BUSY, 0);
      break;
    }
    case 'mute':
      player?.mute(message.voice, message.muted);
      break;
    case 'unload':
      unload();
      break;
  }
}

function unload(): void {
  tap?.dispose();
  tap = null;
  player?.dispose();
  player = null;
}

/** Renders chunks while the ring has room; returns frames rendered. */
function fill(): number {
  const c = ctrl;
  const r = ring;
  if (!c || !r || !player) return 0;
  let rendered = 0;
  const t0 = performance.now();
  for (;;) {
    const write = Atomics.load(c, Ctrl.WRITE);
    const used = (write - Atomics.load(c, Ctrl.READ)) | 0;
    if (capacity - used < RENDER_CHUNK) break;
    const at = (write & (capacity - 1)) * RING_CHANNELS;
    player.render(r.subarray(at, at + RENDER_CHUNK * RING_CHANNELS), RENDER_CHUNK);
    Atomics.store(c, Ctrl.WRITE, (write + RENDER_CHUNK) | 0);
    tap!.sample();
    rendered += RENDER_CHUNK;
    sinceEvents += RENDER_CHUNK;
    if (sinceEvents >= EVENTS_EVERY) {
      sinceEvents = 0;
      const { registers, notes } = tap!.drain();
      if (registers.length > 0 || notes.length > 0) {
        scope.postMessage({ type: 'events', registers, notes });
      }
    }
  }
  const t1 = performance.now();
  renderMs += t1 - t0;
  if (t1 - lastStats > 1000) {
    lastStats = t1;
    scope.postMessage({ type: 'stats', renderMs });
  }
  return rendered;
}

/** Keeps the ring full: waits (without blocking messages) for the worklet to consume. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  const waitAsync = (Atomics as unknown as WaitAsync).waitAsync;
  for (;;) {
    fill();
    const c = ctrl;
    if (c && waitAsync) {
      const result = waitAsync(c, Ctrl.READ, Atomics.load(c, Ctrl.READ), 50);
      if (result.async) await result.value;
      else await new Promise((resolve) => setTimeout(resolve, 0));
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    handle(message);
    // Answer first: the pump fills the ring right after, in the next task.
    scope.postMessage({ type: 'done', id: message.id });
    setTimeout(() => void pump(), 0);
  } catch (error) {
    const code = error instanceof SidflowError ? error.code : 'PLAYBACK_ADAPTER_FAILED';
    scope.postMessage({ type: 'failed', id: message.id, code, message: (error as Error).message });
  }
};

/// <reference lib="dom" />
// The render worker bundled into dist/sidflow-render-worker.js: it runs the engine ahead of
// playback into the shared ring, so neither the main thread nor the audio thread renders.
import { SidflowError } from '@sidflow/core';
import { Ctrl } from './ring-layout.js';
import { RingProducer } from './ring-producer.js';
import type { FromEngine, ToWorker } from './worklet-messages.js';

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
let producer: RingProducer | null = null;
let pumping = false;
let renderMs = 0;
let lastStats = 0;

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      ctrl = new Int32Array(message.ctrl);
      producer = new RingProducer(ctrl, new Float32Array(message.samples), message.sampleRate, {
        events: (registers, notes) => scope.postMessage({ type: 'events', registers, notes }),
      });
      break;
    case 'load':
      timed(() => producer!.load(message.bytes, message.song, message.chip));
      break;
    case 'seek':
      timed(() => producer!.seek(message.seconds));
      break;
    case 'mute':
      producer?.mute(message.voice, message.muted);
      break;
    case 'unload':
      producer?.unload();
      break;
  }
}

/** Runs `work` (which renders) and adds its time to the render statistics. */
function timed(work: () => unknown): void {
  const t0 = performance.now();
  work();
  const t1 = performance.now();
  renderMs += t1 - t0;
  if (t1 - lastStats > 1000) {
    lastStats = t1;
    scope.postMessage({ type: 'stats', renderMs });
  }
}

/**
 * Keeps the ring full: renders whatever room the worklet freed, then sleeps
 * on `READ` with `Atomics.waitAsync` (so control messages still get through)
 * until the worklet consumes again; the 50 ms timeout is only a safety net.
 */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  const waitAsync = (Atomics as unknown as WaitAsync).waitAsync;
  for (;;) {
    if (producer?.loaded) timed(() => producer!.fill());
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
    scope.postMessage({ type: 'done', id: message.id });
    if (pumping && ctrl)
      Atomics.notify(ctrl, Ctrl.READ); // wake the pump now, not at its timeout
    else setTimeout(() => void pump(), 0);
  } catch (error) {
    const code = error instanceof SidflowError ? error.code : 'PLAYBACK_ADAPTER_FAILED';
    scope.postMessage({ type: 'failed', id: message.id, code, message: (error as Error).message });
  }
};

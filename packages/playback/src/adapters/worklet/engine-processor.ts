/// <reference lib="dom" />
/// <reference path="./audio-worklet-scope.d.ts" />
// The AudioWorkletProcessor bundled into dist/sidflow-worklet.js. It either copies from the
// shared ring the render worker fills (cross-origin isolated pages) or runs the engine itself.
import { SidflowError } from '@sidflow/core';
import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { EngineEventTap } from '../../engine-tap/engine-event-tap.js';
import { Ctrl, PROCESSOR_NAME, RING_CHANNELS } from './ring-layout.js';
import type { FromEngine, ToWorklet } from './worklet-messages.js';

/** Quanta between position reports (16 × 128 frames ≈ 46 ms at 44.1 kHz). */
const REPORT_EVERY = 16;

class SidflowEngineProcessor extends AudioWorkletProcessor {
  private player: SidPlayer | null = null;
  private tap: EngineEventTap | null = null;
  private readonly scratch = new Float32Array(128 * RING_CHANNELS);
  private ctrl: Int32Array | null = null;
  private ring: Float32Array | null = null;
  private mask = 0;
  private epoch = 0;
  private startSeconds = 0;
  private skipTo = 0;
  private playing = false;
  private fed = false;
  private startedReported = false;
  private underruns = 0;
  private quanta = 0;
  private position = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<ToWorklet>) => this.handle(event.data);
  }

  private send(message: FromEngine): void {
    this.port.postMessage(message);
  }

  private handle(message: ToWorklet): void {
    try {
      switch (message.type) {
        case 'load-self':
          this.unload();
          this.player = createPlayer(message.bytes, {
            song: message.song,
            sampleRate,
            channels: RING_CHANNELS,
            chip: message.chip,
          });
          this.tap = new EngineEventTap(this.player);
          this.position = 0;
          break;
        case 'attach-ring':
          this.unload();
          this.ctrl = new Int32Array(message.ctrl);
          this.ring = new Float32Array(message.samples);
          this.mask = this.ring.length / RING_CHANNELS - 1;
          this.epoch = -1;
          break;
        case 'play':
          this.playing = true;
          this.fed = false;
          this.startedReported = false;
          break;
        case 'pause':
          this.playing = false;
          this.report();
          break;
        case 'seek':
          if (this.player) {
            this.player.seek(message.seconds);
            this.tap?.reset();
            this.position = message.seconds;
          }
          break;
        case 'mute':
          this.player?.mute(message.voice, message.muted);
          break;
        case 'unload':
          this.unload();
          break;
      }
      this.send({ type: 'done', id: message.id });
    } catch (error) {
      const code = error instanceof SidflowError ? error.code : 'PLAYBACK_ADAPTER_FAILED';
      this.send({ type: 'failed', id: message.id, code, message: (error as Error).message });
    }
  }

  private unload(): void {
    this.playing = false;
    this.tap?.dispose();
    this.tap = null;
    this.player?.dispose();
    this.player = null;
    this.ctrl = null;
    this.ring = null;
    this.position = 0;
    this.underruns = 0;
  }

  private report(): void {
    this.send({ type: 'position', seconds: this.position, underruns: this.underruns });
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0];
    const left = out[0];
    const right = out.length > 1 ? out[1] : out[0];
    const frames = left.length;
    if (!this.playing) {
      left.fill(0);
      right.fill(0);
      return true;
    }
    if (this.ctrl) this.copyFromRing(left, right, frames);
    else if (this.player) this.renderSelf(left, right, frames);
    else {
      left.fill(0);
      right.fill(0);
    }
    if (!this.startedReported && this.fed) {
      for (let i = 0; i < frames; i++) {
        if (left[i] !== 0 || right[i] !== 0) {
          this.startedReported = true;
          this.send({ type: 'started' });
          break;
        }
      }
    }
    if (++this.quanta % REPORT_EVERY === 0) this.report();
    return true;
  }

  private renderSelf(left: Float32Array, right: Float32Array, frames: number): void {
    const player = this.player!;
    const buf = this.scratch;
    player.render(buf, frames);
    for (let i = 0, j = 0; i < frames; i++, j += 2) {
      left[i] = buf[j];
      right[i] = buf[j + 1];
    }
    this.fed = true;
    this.position = player.position;
    this.tap!.sample();
    if (this.quanta % REPORT_EVERY === 0) {
      const { registers, notes } = this.tap!.drain();
      if (registers.length > 0 || notes.length > 0) this.send({ type: 'events', registers, notes });
    }
  }

  private copyFromRing(left: Float32Array, right: Float32Array, frames: number): void {
    const ctrl = this.ctrl!;
    const ring = this.ring!;
    if (Atomics.load(ctrl, Ctrl.BUSY) === 1) {
      left.fill(0);
      right.fill(0);
      return;
    }
    const epoch = Atomics.load(ctrl, Ctrl.EPOCH);
    let read = Atomics.load(ctrl, Ctrl.READ);
    if (epoch !== this.epoch) {
      // Seqlock read: SKIP_TO and START_MS belong together only if EPOCH did not move meanwhile.
      const skipTo = Atomics.load(ctrl, Ctrl.SKIP_TO);
      const startMs = Atomics.load(ctrl, Ctrl.START_MS);
      if (Atomics.load(ctrl, Ctrl.EPOCH) === epoch) {
        this.epoch = epoch;
        this.skipTo = skipTo;
        this.startSeconds = startMs / 1000;
        if ((skipTo - read) | 0) {
          read = skipTo;
          Atomics.store(ctrl, Ctrl.READ, read);
        }
        this.fed = false;
      }
    }
    const available = (Atomics.load(ctrl, Ctrl.WRITE) - read) | 0;
    const n = available < frames ? Math.max(available, 0) : frames;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const at = ((read + i) & mask) * 2;
      left[i] = ring[at];
      right[i] = ring[at + 1];
    }
    if (n < frames) {
      left.fill(0, n);
      right.fill(0, n);
      if (this.fed) this.underruns++;
    }
    if (n > 0) {
      this.fed = true;
      read = (read + n) | 0;
      Atomics.store(ctrl, Ctrl.READ, read);
      Atomics.notify(ctrl, Ctrl.READ);
    }
    this.position = this.startSeconds + ((read - this.skipTo) | 0) / sampleRate;
  }
}

registerProcessor(PROCESSOR_NAME, SidflowEngineProcessor);

/// <reference lib="dom" />
/// <reference path="./audio-worklet-scope.d.ts" />
// The AudioWorkletProcessor bundled into dist/sidflow-worklet.js. It either copies from the
// shared ring the render worker fills (cross-origin isolated pages) or runs the engine itself.
import { SidflowError } from '@sidflow/core';
import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { EngineEventTap } from '../../engine-tap/engine-event-tap.js';
import { RingConsumer } from './ring-consumer.js';
import { PROCESSOR_NAME, RING_CHANNELS } from './ring-layout.js';
import type { FromEngine, ToWorklet } from './worklet-messages.js';

/** Quanta between position reports (16 × 128 frames ≈ 46 ms at 44.1 kHz). */
const REPORT_EVERY = 16;

class SidflowEngineProcessor extends AudioWorkletProcessor {
  private player: SidPlayer | null = null;
  private tap: EngineEventTap | null = null;
  private readonly scratch = new Float32Array(128 * RING_CHANNELS);
  private consumer: RingConsumer | null = null;
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
          this.consumer = new RingConsumer(
            new Int32Array(message.ctrl),
            new Float32Array(message.samples),
            sampleRate,
          );
          break;
        case 'play':
          this.playing = true;
          this.fed = false;
          this.consumer?.start();
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
    this.position = 0;
    this.underruns = 0;
    this.consumer?.resetCounters();
  }

  private report(): void {
    const c = this.consumer;
    if (c) {
      this.send({
        type: 'position',
        seconds: c.position,
        underruns: c.underruns,
        lowestFill: c.lowestFill,
      });
    } else {
      this.send({ type: 'position', seconds: this.position, underruns: this.underruns });
    }
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
    if (this.consumer) {
      this.consumer.read(left, right, frames);
      this.fed = this.consumer.flowing;
    } else if (this.player) this.renderSelf(left, right, frames);
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
}

registerProcessor(PROCESSOR_NAME, SidflowEngineProcessor);

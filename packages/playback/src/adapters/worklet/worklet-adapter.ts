/// <reference lib="dom" />
import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError } from '../../playback-error.js';
import type { AdapterAvailability, NoteEvent, RegisterFrame } from '../../types.js';
import {
  CTRL_SLOTS,
  DEFAULT_RING_FRAMES,
  PROCESSOR_NAME,
  RENDER_CHUNK,
  RING_CHANNELS,
} from './ring-layout.js';
import type { EngineChip, FromEngine, ToWorker, ToWorklet } from './worklet-messages.js';

/** Where the browser engine adapter renders. */
export type WorkletRenderPath = 'shared-ring' | 'worklet';

/** Options of {@link createWorkletAdapter}. */
export interface WorkletAdapterOptions {
  /**
   * The context to play in. Default: one the adapter creates on first use,
   * suspends on `stop` and closes on `dispose`. A context you pass stays
   * yours: the adapter never suspends or closes it.
   */
  audioContext?: AudioContext;
  /** URL of `dist/sidflow-worklet.js` as the page serves it. */
  processorUrl: string;
  /** URL of `dist/sidflow-render-worker.js`; without it the worklet renders itself. */
  workerUrl?: string;
  /**
   * `auto` (default): `shared-ring` when the page is cross-origin isolated and
   * a `workerUrl` is given, else `worklet`. Forcing `shared-ring` where
   * SharedArrayBuffer is missing makes the adapter unavailable.
   */
  renderPath?: 'auto' | WorkletRenderPath;
  /** Frames the worker renders ahead (a power of two, at least 1,024). Default 32,768. */
  ringFrames?: number;
  /** SID model. Default `auto` (song metadata, else 6581). */
  chip?: EngineChip;
  /** Where the output goes. Default the context's destination; `null` leaves it unconnected. */
  destination?: AudioNode | null;
}

/** Main-thread cost figures of the browser engine adapter. */
export interface WorkletAdapterStats {
  /** Milliseconds spent in the adapter's message handlers since creation. */
  mainThreadMs: number;
  /** Messages handled from the worklet and the worker. */
  messages: number;
  /** Underruns since the last load. */
  underruns: number;
  /** Milliseconds the render worker spent rendering (shared-ring path; 0 otherwise). */
  renderMs: number;
  /**
   * Shared-ring path: the fewest frames the worklet found buffered at any
   * render quantum since the last load, i.e. the margin left before an
   * underrun (-1 until audio flows, and on the `worklet` path).
   */
  lowestFill: number;
}

/** The browser engine adapter (see {@link createWorkletAdapter}). */
export interface WorkletAdapter extends PlaybackAdapter {
  /** `shared-ring` (a worker renders ahead, the worklet copies) or `worklet` (the worklet renders). */
  readonly renderPath: WorkletRenderPath;
  /**
   * The node after the worklet (a GainNode carrying the volume), to attach an
   * AnalyserNode or a recorder. Created with the context on first access.
   */
  readonly outputNode: AudioNode;
  /** The context in use (created on first access when none was passed). */
  readonly audioContext: AudioContext;
  /** Main-thread cost so far. */
  readonly stats: WorkletAdapterStats;
}

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Creates the adapter that plays with our engine in the browser, behind an
 * AudioWorklet. The main thread never renders audio: on a cross-origin
 * isolated page a Worker renders ahead into a SharedArrayBuffer ring and the
 * worklet only copies (`renderPath` `shared-ring`); elsewhere the worklet runs
 * the engine itself (`worklet`). Register frames and notes reach the facade
 * timed to what is heard.
 *
 * @example
 * ```ts
 * const adapter = createWorkletAdapter({
 *   processorUrl: '/sidflow-worklet.js',
 *   workerUrl: '/sidflow-render-worker.js',
 * });
 * const analyser = adapter.audioContext.createAnalyser();
 * adapter.outputNode.connect(analyser);
 * ```
 */
export function createWorkletAdapter(options: WorkletAdapterOptions): WorkletAdapter {
  return new BrowserEngineAdapter(options);
}

class BrowserEngineAdapter implements WorkletAdapter {
  readonly id = 'worklet';
  readonly kind = 'software' as const;
  readonly renderPath: WorkletRenderPath;
  private readonly ownsContext: boolean;
  private context: AudioContext | null;
  private gain: GainNode | null = null;
  private node: AudioWorkletNode | null = null;
  private worker: Worker | null = null;
  private moduleLoaded: Promise<void> | null = null;
  private shared: { ctrl: SharedArrayBuffer; samples: SharedArrayBuffer } | null = null;
  private workerReady: Promise<void> | null = null;
  private readonly ringFrames: number;
  private sink: AdapterEventSink | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private playAt = 0;
  private lastUnderruns = 0;
  private queuedRegisters: RegisterFrame[] = [];
  private queuedNotes: NoteEvent[] = [];
  private disposed = false;
  private readonly counters: WorkletAdapterStats = {
    mainThreadMs: 0,
    messages: 0,
    underruns: 0,
    renderMs: 0,
    lowestFill: -1,
  };

  constructor(private readonly options: WorkletAdapterOptions) {
    this.context = options.audioContext ?? null;
    this.ownsContext = !options.audioContext;
    this.ringFrames = options.ringFrames ?? DEFAULT_RING_FRAMES;
    if (
      this.ringFrames < 2 * RENDER_CHUNK ||
      this.ringFrames % RENDER_CHUNK !== 0 ||
      (this.ringFrames & (this.ringFrames - 1)) !== 0
    ) {
      throw new PlaybackError(
        'PLAYBACK_BAD_ARGUMENT',
        `ringFrames must be a power of two of at least ${2 * RENDER_CHUNK}, got ${this.ringFrames}`,
      );
    }
    const isolated =
      typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
    const wanted = options.renderPath ?? 'auto';
    this.renderPath =
      wanted === 'auto' ? (isolated && options.workerUrl ? 'shared-ring' : 'worklet') : wanted;
  }

  get audioContext(): AudioContext {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the worklet adapter was disposed');
    if (!this.context) {
      if (typeof AudioContext === 'undefined') {
        throw new PlaybackError('PLAYBACK_ADAPTER_FAILED', 'this environment has no Web Audio API');
      }
      this.context = new AudioContext({ latencyHint: 'playback' });
    }
    return this.context;
  }

  get outputNode(): AudioNode {
    if (!this.gain) {
      const ctx = this.audioContext;
      this.gain = ctx.createGain();
      const destination =
        this.options.destination === undefined ? ctx.destination : this.options.destination;
      if (destination) this.gain.connect(destination);
    }
    return this.gain;
  }

  get stats(): WorkletAdapterStats {
    return { ...this.counters };
  }

  async availability(): Promise<AdapterAvailability> {
    if (this.disposed) return { available: false, reason: 'the adapter was disposed' };
    if (typeof AudioWorkletNode === 'undefined' || typeof AudioContext === 'undefined') {
      return { available: false, reason: 'this browser has no AudioWorklet (Web Audio API)' };
    }
    if (this.renderPath === 'shared-ring') {
      if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated) {
        return {
          available: false,
          reason:
            'the shared-ring path needs SharedArrayBuffer: serve the page with COOP same-origin and COEP require-corp',
        };
      }
      if (!this.options.workerUrl) {
        return { available: false, reason: 'the shared-ring path needs workerUrl' };
      }
    }
    return {
      available: true,
      reason:
        this.renderPath === 'shared-ring'
          ? 'AudioWorklet with a render worker and a SharedArrayBuffer ring'
          : 'AudioWorklet rendering the engine itself (no cross-origin isolation)',
    };
  }

  private async ensureGraph(): Promise<AudioWorkletNode> {
    if (this.node) return this.node;
    const ctx = this.audioContext;
    this.moduleLoaded ??= ctx.audioWorklet.addModule(this.options.processorUrl);
    try {
      await this.moduleLoaded;
    } catch (error) {
      this.moduleLoaded = null;
      throw new PlaybackError(
        'PLAYBACK_ADAPTER_FAILED',
        `could not load the worklet processor from ${this.options.processorUrl}: ${(error as Error).message}`,
        { adapter: this.id, cause: error },
      );
    }
    if (this.node) return this.node;
    const node = new AudioWorkletNode(ctx, PROCESSOR_NAME, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [RING_CHANNELS],
    });
    node.port.onmessage = (event: MessageEvent<FromEngine>) => this.receive(event.data);
    node.connect(this.outputNode);
    this.node = node;
    if (this.renderPath === 'shared-ring') {
      const { ctrl, samples } = this.sharedRing();
      await this.toWorklet({ type: 'attach-ring', ctrl, samples, id: 0 });
    }
    return node;
  }

  private sharedRing(): { ctrl: SharedArrayBuffer; samples: SharedArrayBuffer } {
    this.shared ??= {
      ctrl: new SharedArrayBuffer(CTRL_SLOTS * 4),
      samples: new SharedArrayBuffer(this.ringFrames * RING_CHANNELS * 4),
    };
    return this.shared;
  }

  /**
   * Starts the render worker (shared-ring path). Separate from the worklet so
   * the first load's ring fill, which runs a cold engine, overlaps the
   * worklet module's loading instead of following it.
   */
  private ensureWorker(): Promise<void> {
    this.workerReady ??= (async () => {
      const { ctrl, samples } = this.sharedRing();
      const worker = new Worker(this.options.workerUrl!, { type: 'module' });
      worker.onmessage = (event: MessageEvent<FromEngine>) => this.receive(event.data);
      worker.onerror = (event) => {
        this.sink?.error(
          new PlaybackError('PLAYBACK_ADAPTER_FAILED', `render worker failed: ${event.message}`, {
            adapter: this.id,
          }),
        );
      };
      this.worker = worker;
      const sampleRate = this.audioContext.sampleRate;
      await this.toWorker({ type: 'init', ctrl, samples, sampleRate, id: 0 });
    })().catch((error: unknown) => {
      this.worker?.terminate();
      this.worker = null;
      this.workerReady = null;
      throw error;
    });
    return this.workerReady;
  }

  private call<T extends { id: number }>(post: (message: T) => void, message: T): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      post({ ...message, id });
    });
  }

  private toWorklet(message: ToWorklet): Promise<void> {
    return this.call((m) => this.node!.port.postMessage(m), message);
  }

  private toWorker(message: ToWorker): Promise<void> {
    return this.call((m) => this.worker!.postMessage(m), message);
  }

  private receive(message: FromEngine): void {
    const t0 = performance.now();
    this.counters.messages++;
    switch (message.type) {
      case 'done':
      case 'failed': {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'done') p?.resolve();
        else
          p?.reject(
            new PlaybackError(
              message.code === 'ENGINE_INVALID_TUNE'
                ? 'PLAYBACK_BAD_TUNE'
                : 'PLAYBACK_ADAPTER_FAILED',
              message.message,
              { adapter: this.id },
            ),
          );
        break;
      }
      case 'position': {
        const sink = this.sink;
        if (sink) {
          sink.position(message.seconds);
          if (message.underruns > this.lastUnderruns) {
            sink.underrun(message.underruns - this.lastUnderruns);
            this.counters.underruns += message.underruns - this.lastUnderruns;
          }
          this.lastUnderruns = message.underruns;
          if (message.lowestFill !== undefined) this.counters.lowestFill = message.lowestFill;
          this.release(message.seconds);
        }
        break;
      }
      case 'started':
        if (this.playAt > 0) {
          this.sink?.started(performance.now() - this.playAt);
          this.playAt = 0;
        }
        break;
      case 'stats':
        this.counters.renderMs = message.renderMs;
        break;
      case 'events':
        if (this.renderPath === 'worklet') {
          for (const frame of message.registers) this.sink?.registers(frame);
          for (const note of message.notes) this.sink?.note(note);
        } else {
          // Rendered ahead: hold until playback reaches them.
          for (const frame of message.registers) this.queuedRegisters.push(frame);
          for (const note of message.notes) this.queuedNotes.push(note);
        }
        break;
    }
    this.counters.mainThreadMs += performance.now() - t0;
  }

  private release(seconds: number): void {
    const sink = this.sink;
    if (!sink) return;
    let n = 0;
    while (n < this.queuedRegisters.length && this.queuedRegisters[n].time <= seconds) {
      sink.registers(this.queuedRegisters[n++]);
    }
    if (n > 0) this.queuedRegisters.splice(0, n);
    n = 0;
    while (n < this.queuedNotes.length && this.queuedNotes[n].time <= seconds) {
      sink.note(this.queuedNotes[n++]);
    }
    if (n > 0) this.queuedNotes.splice(0, n);
  }

  async load(request: AdapterLoadRequest): Promise<void> {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the worklet adapter was disposed');
    this.sink = null;
    this.clearQueues();
    const bytes = request.tune.bytes.slice();
    const chip = this.options.chip ?? 'auto';
    // `unload` also zeroes the worklet's underrun count, which the new tune starts from.
    const worklet = this.ensureGraph().then(() => this.toWorklet({ type: 'unload', id: 0 }));
    this.lastUnderruns = 0;
    this.counters.underruns = 0;
    this.counters.lowestFill = -1;
    if (this.renderPath === 'shared-ring') {
      // The worker loads (and fills the ring) while the worklet is still being set up.
      await Promise.all([
        worklet,
        this.ensureWorker().then(() =>
          this.toWorker({ type: 'load', bytes, song: request.song, chip, id: 0 }),
        ),
      ]);
    } else {
      await worklet;
      await this.toWorklet({ type: 'load-self', bytes, song: request.song, chip, id: 0 });
    }
    this.sink = request.events;
  }

  async play(): Promise<void> {
    const node = this.requireNode();
    this.playAt = performance.now();
    await this.resumeContext();
    await this.call((m) => node.port.postMessage(m), { type: 'play', id: 0 } as ToWorklet);
  }

  async pause(): Promise<void> {
    await this.toWorklet({ type: 'pause', id: 0 });
  }

  async resume(): Promise<void> {
    await this.play();
  }

  async stop(): Promise<void> {
    this.requireNode();
    await this.toWorklet({ type: 'pause', id: 0 });
    await this.seekTo(0);
    if (this.ownsContext && this.context?.state === 'running') await this.context.suspend();
  }

  async seek(seconds: number): Promise<void> {
    this.requireNode();
    await this.seekTo(seconds);
  }

  private async seekTo(seconds: number): Promise<void> {
    this.clearQueues();
    if (this.worker) await this.toWorker({ type: 'seek', seconds, id: 0 });
    else await this.toWorklet({ type: 'seek', seconds, id: 0 });
  }

  setVolume(volume: number): void {
    if (this.gain) this.gain.gain.value = volume;
  }

  mute(voice: 0 | 1 | 2, muted: boolean): void {
    if (!this.node) return;
    const message = { type: 'mute' as const, voice, muted, id: 0 };
    if (this.worker) void this.toWorker(message).catch(() => undefined);
    else void this.toWorklet(message).catch(() => undefined);
  }

  async unload(): Promise<void> {
    this.sink = null;
    this.clearQueues();
    if (!this.node) return;
    await this.toWorklet({ type: 'pause', id: 0 });
    if (this.worker) await this.toWorker({ type: 'unload', id: 0 });
    else await this.toWorklet({ type: 'unload', id: 0 });
    if (this.ownsContext && this.context?.state === 'running') await this.context.suspend();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.sink = null;
    this.worker?.terminate();
    this.worker = null;
    this.node?.disconnect();
    this.node?.port.close();
    this.node = null;
    this.gain?.disconnect();
    this.gain = null;
    for (const p of this.pending.values()) {
      p.reject(new PlaybackError('PLAYBACK_DISPOSED', 'the worklet adapter was disposed'));
    }
    this.pending.clear();
    if (this.ownsContext && this.context && this.context.state !== 'closed') {
      await this.context.close();
    }
    this.context = null;
    this.disposed = true;
  }

  private async resumeContext(): Promise<void> {
    const ctx = this.audioContext;
    if (ctx.state === 'suspended') await ctx.resume();
  }

  private requireNode(): AudioWorkletNode {
    if (!this.node) throw new PlaybackError('PLAYBACK_BAD_STATE', 'no tune is loaded');
    return this.node;
  }

  private clearQueues(): void {
    this.queuedRegisters.length = 0;
    this.queuedNotes.length = 0;
  }
}

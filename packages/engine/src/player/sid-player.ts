import { SidflowError } from '@sidflow/core';
import type { C64, SidWriteObserver } from '../c64/c64.js';
import type { DriverCode } from '../drivers/driver-code.js';
import type { TuneSource } from '../drivers/tune-info.js';
import { Resampler } from '../output/resampler.js';
import { mixSidsToInt16 } from '../output/sample-format.js';
import type { SidModel } from '../sid/sid-types.js';
import { StateReader } from '../state/state-reader.js';
import { StateWriter } from '../state/state-writer.js';
import { buildMachine, exactCpuHz } from './build-machine.js';
import { CpuJammedError } from './cpu-jammed-error.js';
import { InitTimeoutError } from './init-timeout-error.js';
import { InvalidOptionError } from './invalid-option-error.js';
import type { ResolvedPlayerOptions } from './player-options.js';
import { BlockSlab, SharedBlockState } from './shared-block-state.js';

/** CPU cycles the machine runs per step of audio production. */
const CHUNK_CYCLES = 4096;
/**
 * The song's first chunk ends at this cycle: enough for the resampler's first
 * output frames, so a player's first `render` returns without running (and, in
 * a fresh process, compiling for) a whole chunk.
 */
const FIRST_CHUNK_END = 1024;

/**
 * Cycles of the chunk starting at `cycle`. Chunk boundaries depend only on the
 * machine's own run from the song's reset, so every route to a position
 * (render, seek, restore) passes the same ones.
 */
function chunkCycles(cycle: number): number {
  return cycle < FIRST_CHUNK_END ? FIRST_CHUNK_END - cycle : CHUNK_CYCLES;
}
/** Seconds init may take before an {@link InitTimeoutError} is recorded. */
const INIT_BUDGET_SECONDS = 2;
/** First bytes of a player snapshot ("SFPS") and its layout version. */
const SNAPSHOT_MAGIC = 0x53465053;
const SNAPSHOT_VERSION = 3;
/** Most seek snapshots kept (~80 KB each): beyond this the interval doubles. */
const MAX_SEEK_POINTS = 64;
/**
 * Seconds before a fast seek's target that are synthesised in full, with the
 * output high-pass capacitor charged to the estimated level; the filter and the
 * board's low-pass, as the estimate left them, settle within milliseconds.
 */
const SEEK_SYNTHESIS_SECONDS = 0.05;
/**
 * Seconds before those over which the level the board's 1.6 Hz output
 * high-pass (RC 0.1 s) holds is estimated from sampled cycles. Its capacitor
 * averages the last few tenths of a second; an error in it would show as a
 * DC offset decaying with 0.1 s after the seek.
 */
const SEEK_ESTIMATE_SECONDS = 0.5;
/** Cycles between the output samples of that estimate. */
const SEEK_ESTIMATE_INTERVAL = 16;

/** The writer every snapshot is built in, created on the first one. */
let sharedWriter: StateWriter | undefined;
/** Where a seek point's state is put together again to be restored (shared, like the writer). */
let restoreWords = new Int32Array(0);

interface SeekPoint {
  frame: number;
  /** The player's snapshot, its blocks shared with the seek point kept before. */
  state: SharedBlockState;
  /** True when everything up to this point was synthesised (an exact seek may start here). */
  exact: boolean;
}

/**
 * A running tune: renders audio on demand, reports register state, and can
 * seek, snapshot and restore. Create one with `createPlayer`.
 *
 * Rendering is deterministic: the same tune and options give the same samples
 * however the caller splits its `render` calls, and `render` after `seek` or
 * `restore` equals an uninterrupted render from that position byte for byte.
 */
export class SidPlayer {
  /** Output sample rate in Hz. */
  readonly sampleRate: number;
  /** Output channels (1 or 2; stereo is interleaved). */
  readonly channels: 1 | 2;
  /** The song playing, 1-based. */
  readonly song: number;
  /** Number of SIDs the tune drives. */
  readonly sidCount: number;
  /** Video standard the machine runs at. */
  readonly video: 'PAL' | 'NTSC';
  /** The CPU clock in Hz. */
  readonly cpuHz: number;
  /** Model of each SID (index 0 = the $D400 chip). */
  readonly sidModels: readonly SidModel[];

  private readonly c64: C64;
  private readonly driver: DriverCode;
  private readonly resamplers: Resampler[];
  private readonly pending: Float32Array[];
  private pendingStart = 0;
  private pendingEnd = 0;
  private framesRendered = 0;
  private readonly problemList: SidflowError[] = [];
  private initReturned = false;
  private initReported = false;
  private jamReported = false;
  private readonly initBudgetCycles: number;
  private readonly muted: boolean[];
  private readonly seekPoints: SeekPoint[] = [];
  /** The state of the seek point kept last, whose unchanged blocks the next one shares. */
  private lastKeptState: SharedBlockState | null = null;
  /** Storage for the seek points' changed blocks, created on the first seek. */
  private slab: BlockSlab | null = null;
  private seekInterval: number;
  private readonly exactSeek: boolean;
  private readonly synthesisFrames: number;
  private readonly estimateFrames: number;
  /** False once a fast seek skipped synthesis: the analog state is then settled, not exact. */
  private synthesisedThrough = true;
  private disposed = false;
  /** What the player was built from, to rebuild its starting state for the first seek. */
  private readonly tune: TuneSource;
  private readonly options: ResolvedPlayerOptions;

  /** @internal Use `createPlayer`. */
  constructor(tune: TuneSource, options: ResolvedPlayerOptions) {
    this.sampleRate = options.sampleRate;
    this.channels = options.channels;
    this.song = options.song;
    this.video = options.video;
    this.cpuHz = exactCpuHz(options.video);
    this.sidModels = options.sidModels.slice();
    const { c64, driver } = buildMachine({
      tune,
      song: options.song,
      video: options.video,
      sidModels: options.sidModels,
      roms: options.roms,
      chunkCycles: CHUNK_CYCLES,
    });
    this.c64 = c64;
    this.driver = driver;
    this.sidCount = c64.sids.length;
    this.resamplers = c64.sids.map(
      () => new Resampler({ inputRate: Math.round(this.cpuHz), outputRate: this.sampleRate }),
    );
    const capacity = this.resamplers[0].maxOutput(CHUNK_CYCLES + 1024);
    this.pending = c64.sids.map(() => new Float32Array(capacity));
    this.initBudgetCycles = Math.round(INIT_BUDGET_SECONDS * this.cpuHz);
    this.muted = new Array<boolean>(3 * this.sidCount).fill(false);
    this.seekInterval = Math.max(1, Math.round(options.seekSnapshotInterval * this.sampleRate));
    this.exactSeek = options.seekMode === 'exact';
    this.synthesisFrames = Math.round(SEEK_SYNTHESIS_SECONDS * this.sampleRate);
    this.estimateFrames = Math.round(SEEK_ESTIMATE_SECONDS * this.sampleRate);
    this.tune = tune;
    this.options = options;
  }

  /**
   * Seek points start with the song's frame 0, taken on the first seek from a
   * freshly built machine (the same state this one started in) rather than by
   * the constructor, which keeps a snapshot off the path to the first sample.
   */
  private ensureStartPoint(): void {
    if (this.seekPoints.length > 0) return;
    const start = new SidPlayer(this.tune, this.options).keepState(null, this.keptBlocks());
    this.lastKeptState = start;
    this.seekPoints.push({ frame: 0, state: start, exact: true });
  }

  /** Model of the first SID. */
  get chipModel(): SidModel {
    return this.sidModels[0];
  }

  /** Playback position in seconds of output (frames rendered or skipped ÷ sample rate). */
  get position(): number {
    return this.framesRendered / this.sampleRate;
  }

  /** CPU cycles run since the song's reset. */
  get cycles(): number {
    return this.c64.cycle;
  }

  /**
   * Problems noticed while playing, oldest first: a {@link CpuJammedError}
   * when the CPU hit a JAM opcode (the SIDs keep sounding), an
   * {@link InitTimeoutError} when init ran past 2 s (playback goes on).
   */
  get problems(): readonly SidflowError[] {
    return this.problemList;
  }

  /** True once the tune's init routine returned to the driver. */
  get initDone(): boolean {
    return this.initReturned;
  }

  /**
   * Fills `buffer` with the next `frames` frames (default: as many as fit;
   * interleaved when stereo). Int16 samples are full scale ±32767; float
   * samples full scale ±1. Never allocates, never throws: bad arguments and a
   * disposed player render 0 frames.
   *
   * @returns the frames written
   */
  render(buffer: Int16Array | Float32Array, frames?: number): number {
    if (this.disposed) return 0;
    const channels = this.channels;
    const capacity = Math.floor(buffer.length / channels);
    let want = frames === undefined ? capacity : Math.floor(frames);
    if (!(want > 0)) return 0;
    if (want > capacity) want = capacity;
    let done = 0;
    while (done < want) {
      if (this.pendingStart >= this.pendingEnd) this.produce();
      let n = this.pendingEnd - this.pendingStart;
      if (n > want - done) n = want - done;
      if (buffer instanceof Int16Array) {
        mixSidsToInt16(this.pending, this.pendingStart, n, channels, buffer, done * channels);
      } else {
        this.mixFloat(buffer, done * channels, n);
      }
      this.pendingStart += n;
      done += n;
    }
    this.framesRendered += want;
    return want;
  }

  private mixFloat(out: Float32Array, at: number, count: number): void {
    const p = this.pending;
    const a = p[0];
    const b = p.length > 1 ? p[1] : a;
    const c = p.length > 2 ? p[2] : a;
    const chips = p.length;
    let i = this.pendingStart;
    const end = i + count;
    if (this.channels === 1) {
      if (chips === 1) for (; i < end; i++) out[at++] = a[i];
      else if (chips === 2) for (; i < end; i++) out[at++] = (a[i] + b[i]) * 0.5;
      else for (; i < end; i++) out[at++] = (a[i] + b[i] + c[i]) / 3;
      return;
    }
    // Same placement as mixSidsToInt16: 2 SIDs hard left/right; 3 SIDs left, centre, right.
    if (chips === 1) {
      for (; i < end; i++) {
        out[at++] = a[i];
        out[at++] = a[i];
      }
    } else if (chips === 2) {
      for (; i < end; i++) {
        out[at++] = a[i];
        out[at++] = b[i];
      }
    } else {
      for (; i < end; i++) {
        out[at++] = (2 * a[i] + b[i]) / 3;
        out[at++] = (b[i] + 2 * c[i]) / 3;
      }
    }
  }

  /** Runs one chunk of the machine and resamples it into the pending buffers. */
  private produce(): void {
    const c64 = this.c64;
    const ran = c64.runCycles(chunkCycles(c64.cycle));
    let produced = 0;
    for (let i = 0; i < this.resamplers.length; i++) {
      produced = this.resamplers[i].process(c64.sidBuffers[i], 0, ran, this.pending[i], 0);
    }
    this.chunkDone(produced);
  }

  /**
   * Runs one chunk of the machine with the SIDs advancing only their digital
   * state, and moves the resamplers' output clocks as far as that chunk would
   * have: the pending frames count as produced but hold no audio.
   */
  private produceSilently(): void {
    const c64 = this.c64;
    this.synthesisedThrough = false;
    c64.synthesis = false;
    let ran: number;
    try {
      ran = c64.runCycles(chunkCycles(c64.cycle));
    } finally {
      c64.synthesis = true;
    }
    let produced = 0;
    for (let i = 0; i < this.resamplers.length; i++) produced = this.resamplers[i].skip(ran);
    this.chunkDone(produced);
  }

  /** After a chunk: its frames are pending, and init's return or a jam is noted once. */
  private chunkDone(produced: number): void {
    this.pendingStart = 0;
    this.pendingEnd = produced;
    if (!this.initReturned) this.checkInit();
    const c64 = this.c64;
    if (c64.cpu.jammed && !this.jamReported) {
      this.jamReported = true;
      this.problemList.push(new CpuJammedError(c64.cpu.pc, c64.cycle));
    }
  }

  private checkInit(): void {
    if (this.c64.watchHitCycle >= 0) {
      this.initReturned = true;
    } else if (!this.initReported && this.c64.cycle > this.initBudgetCycles) {
      this.initReported = true;
      this.problemList.push(new InitTimeoutError(this.initBudgetCycles));
    }
  }

  /** The registers $D400–$D418 of SID `sid` as last written (libsidplayfp's `getSidStatus`), a copy. */
  registers(sid = 0): Uint8Array {
    if (!Number.isInteger(sid) || sid < 0 || sid >= this.sidCount) {
      throw new InvalidOptionError('sid', `must be 0..${this.sidCount - 1}, got ${sid}`);
    }
    return this.c64.lastWritten.slice(sid * 32, sid * 32 + 25);
  }

  /**
   * Observes every SID write as `(cycle, sid, register, value)`, cycle 0 being
   * the song's reset. Returns a function that removes the observer.
   */
  onWrite(observer: SidWriteObserver): () => void {
    return this.c64.addObserver(observer);
  }

  /** Silences (`muted` true) or restores voice 0–2 of SID `sid` (default 0). */
  mute(voice: 0 | 1 | 2, muted: boolean, sid = 0): void {
    if (voice !== 0 && voice !== 1 && voice !== 2) {
      throw new InvalidOptionError('voice', `must be 0, 1 or 2, got ${String(voice)}`);
    }
    if (!Number.isInteger(sid) || sid < 0 || sid >= this.sidCount) {
      throw new InvalidOptionError('sid', `must be 0..${this.sidCount - 1}, got ${sid}`);
    }
    this.muted[sid * 3 + voice] = muted;
    this.c64.sids[sid].muteVoice(voice, muted);
  }

  /**
   * Moves playback to `seconds` (rounded to a frame). On the way the player
   * keeps a snapshot every few seconds (option `seekSnapshotInterval`), so a
   * later seek to an earlier or further point restores the nearest snapshot
   * and runs only the rest.
   *
   * With `seekMode: 'fast'` (default) the machine runs ahead with the SIDs
   * advancing only their digital state. From the first chunk boundary at most
   * 0.55 s before the target the SIDs also estimate the level the board's
   * output high-pass (RC 0.1 s) holds, synthesising one cycle in 16 (every
   * cycle while a voice sounds through the filter); from the first chunk
   * boundary at most 0.05 s before it the audio is synthesised again, with
   * that capacitor charged to the estimate and the resampler's history
   * cleared. CPU, memory, CIAs, VIC-II and every SID register, oscillator,
   * noise register and envelope are then exactly as after an uninterrupted
   * render; the audio differs from it by a DC offset of a few LSB that decays
   * with 0.1 s, and the same seek always gives the same bytes, from wherever
   * it starts. Targets within 0.55 s of the start, and every seek with
   * `seekMode: 'exact'`, synthesise the whole way: the render after them
   * equals the uninterrupted render byte for byte.
   */
  seek(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new InvalidOptionError('seconds', `must be a finite number >= 0, got ${seconds}`);
    }
    if (this.disposed) return;
    this.ensureStartPoint();
    const target = Math.round(seconds * this.sampleRate);
    const synthesisFrom = target - this.synthesisFrames;
    const estimateFrom = synthesisFrom - this.estimateFrames;
    if (this.exactSeek || estimateFrom <= 0) {
      this.seekSynthesising(target);
      return;
    }
    // Every route to the target passes the same chunk boundaries (the first at or
    // after estimateFrom, then the first at or after synthesisFrom) in the same
    // state, where the estimate and the synthesis start: so the current position
    // only serves when its chunk began before estimateFrom.
    let best: SeekPoint | null = null;
    for (const point of this.seekPoints) {
      if (point.frame < estimateFrom && (best === null || point.frame > best.frame)) best = point;
    }
    const chunkStart = this.framesRendered - this.pendingStart;
    if (
      best !== null &&
      (chunkStart >= estimateFrom ||
        target < this.framesRendered ||
        best.frame > this.framesRendered)
    ) {
      this.restoreSeekPoint(best);
    }
    const sids = this.c64.sids;
    let estimating = false;
    let synthesising = false;
    let nextPoint = (Math.floor(this.framesRendered / this.seekInterval) + 1) * this.seekInterval;
    try {
      while (this.framesRendered < target) {
        if (this.pendingStart >= this.pendingEnd) {
          if (!estimating && this.framesRendered >= estimateFrom) {
            estimating = true;
            for (const sid of sids) sid.startLevelEstimate(SEEK_ESTIMATE_INTERVAL);
          }
          if (!synthesising && this.framesRendered >= synthesisFrom) {
            synthesising = true;
            for (const sid of sids) sid.finishLevelEstimate();
            for (const resampler of this.resamplers) resampler.clearHistory();
          }
          if (this.framesRendered >= nextPoint) {
            this.rememberSeekPoint();
            nextPoint =
              (Math.floor(this.framesRendered / this.seekInterval) + 1) * this.seekInterval;
          }
          if (synthesising) this.produce();
          else this.produceSilently();
        }
        let n = this.pendingEnd - this.pendingStart;
        if (n > target - this.framesRendered) n = target - this.framesRendered;
        this.pendingStart += n;
        this.framesRendered += n;
      }
    } finally {
      // An unfinished estimate (a throw on the way) must not leave the SIDs sampling.
      if (estimating && !synthesising) for (const sid of sids) sid.finishLevelEstimate();
    }
  }

  /** The exact seek: every chunk on the way is synthesised. */
  private seekSynthesising(target: number): void {
    let best: SeekPoint | null = null;
    for (const point of this.seekPoints) {
      if (point.exact && point.frame <= target && (best === null || point.frame > best.frame)) {
        best = point;
      }
    }
    if (
      best !== null &&
      (target < this.framesRendered || best.frame > this.framesRendered || !this.synthesisedThrough)
    ) {
      this.restoreSeekPoint(best);
    }
    let nextPoint = (Math.floor(this.framesRendered / this.seekInterval) + 1) * this.seekInterval;
    while (this.framesRendered < target) {
      if (this.pendingStart >= this.pendingEnd) {
        if (this.framesRendered >= nextPoint) {
          this.rememberSeekPoint();
          nextPoint = (Math.floor(this.framesRendered / this.seekInterval) + 1) * this.seekInterval;
        }
        this.produce();
      }
      let n = this.pendingEnd - this.pendingStart;
      if (n > target - this.framesRendered) n = target - this.framesRendered;
      this.pendingStart += n;
      this.framesRendered += n;
    }
  }

  private rememberSeekPoint(): void {
    const points = this.seekPoints;
    if (points.some((p) => p.frame === this.framesRendered)) return;
    const state = this.keepState(this.lastKeptState, this.keptBlocks());
    this.lastKeptState = state;
    points.push({ frame: this.framesRendered, state, exact: this.synthesisedThrough });
    if (points.length > MAX_SEEK_POINTS) {
      // Thin out to every other point (frame 0 stays) and space new ones twice as far.
      let kept = 0;
      for (let i = 0; i < points.length; i += 2) points[kept++] = points[i];
      points.length = kept;
      this.seekInterval *= 2;
    }
  }

  /** The storage of this player's seek points' changed blocks. */
  private keptBlocks(): BlockSlab {
    this.slab ??= new BlockSlab();
    return this.slab;
  }

  /** Keeps the snapshot's bytes for a seek point, sharing the blocks unchanged since `previous`. */
  private keepState(previous: SharedBlockState | null, slab: BlockSlab): SharedBlockState {
    const w = this.writeSnapshot();
    return SharedBlockState.keep(w.words(), w.written, previous, slab);
  }

  /** Returns to a seek point (the caller's mutes stay in force). */
  private restoreSeekPoint(point: SeekPoint): void {
    const state = point.state;
    const words = (state.length + 3) >>> 2;
    if (restoreWords.length < words) restoreWords = new Int32Array(words);
    state.copyTo(restoreWords);
    this.restoreState(new Uint8Array(restoreWords.buffer, 0, state.length), false);
    this.synthesisedThrough = point.exact;
  }

  /** The complete player state (machine, SIDs, resamplers, position) as bytes. */
  snapshot(): Uint8Array {
    // finish() copies out exactly the bytes used, so a snapshot costs one allocation of its own size.
    return this.writeSnapshot().finish();
  }

  /** Writes the complete player state into the writer shared by all players (snapshots never nest). */
  private writeSnapshot(): StateWriter {
    const w = (sharedWriter ??= new StateWriter());
    w.reset();
    w.u32(SNAPSHOT_MAGIC);
    w.u8(SNAPSHOT_VERSION);
    w.u8(this.sidCount);
    w.u32(this.sampleRate);
    w.u8(this.channels);
    w.u16(this.driver.base);
    w.f64(this.framesRendered);
    w.bool(this.initReturned);
    w.bool(this.initReported);
    w.bool(this.jamReported);
    this.c64.saveState(w);
    for (const r of this.resamplers) r.saveState(w);
    w.u32(this.pendingStart);
    w.u32(this.pendingEnd);
    for (const p of this.pending) w.f32Array(p);
    return w;
  }

  /**
   * Returns to a state taken by {@link SidPlayer.snapshot} of a player of the
   * same tune, song and options.
   *
   * @throws SidflowError (`ENGINE_SNAPSHOT_MISMATCH`) when the snapshot is from another setup
   */
  restore(snapshot: Uint8Array): void {
    this.restoreState(snapshot, true);
    this.synthesisedThrough = true;
  }

  private restoreState(snapshot: Uint8Array, withMutes: boolean): void {
    const r = new StateReader(snapshot);
    const mismatch = (what: string): never => {
      throw new SidflowError(
        'ENGINE_SNAPSHOT_MISMATCH',
        `snapshot ${what} does not match this player`,
      );
    };
    if (r.u32() !== SNAPSHOT_MAGIC) mismatch('magic');
    if (r.u8() !== SNAPSHOT_VERSION) mismatch('version');
    if (r.u8() !== this.sidCount) mismatch('SID count');
    if (r.u32() !== this.sampleRate) mismatch('sample rate');
    if (r.u8() !== this.channels) mismatch('channel count');
    if (r.u16() !== this.driver.base) mismatch('driver');
    this.framesRendered = r.f64();
    this.initReturned = r.bool();
    this.initReported = r.bool();
    this.jamReported = r.bool();
    this.c64.loadState(r);
    for (const resampler of this.resamplers) resampler.loadState(r);
    this.pendingStart = r.u32();
    this.pendingEnd = r.u32();
    for (const p of this.pending) r.f32Array(p);
    if (!withMutes) {
      // Seek points are internal: the caller's current mutes stay in force.
      for (let i = 0; i < this.muted.length; i++) {
        this.c64.sids[Math.floor(i / 3)].muteVoice((i % 3) as 0 | 1 | 2, this.muted[i]);
      }
    }
  }

  /** Releases the snapshots kept for seeking; the player renders nothing afterwards. */
  dispose(): void {
    this.disposed = true;
    this.seekPoints.length = 0;
    this.lastKeptState = null;
    this.slab = null;
  }
}

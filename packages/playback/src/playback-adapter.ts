import type { SidflowError } from '@sidflow/core';
import type {
  AdapterAvailability,
  AdapterKind,
  LoadedTune,
  NoteEvent,
  RegisterFrame,
} from './types.js';

/** How an adapter reports what happens while it plays; the facade turns these into events. */
export interface AdapterEventSink {
  /** Playback position in seconds. */
  position(seconds: number): void;
  /** Output ran dry `count` more times. */
  underrun(count: number): void;
  /** The first sound after `play` or `resume`, `latencyMs` after the call. */
  started(latencyMs: number): void;
  /** The source ran out (a stream's end, a child process that exited on its own). */
  ended(): void;
  /** A failure while playing. */
  error(error: SidflowError): void;
  /** Per-frame register state. */
  registers(frame: RegisterFrame): void;
  /** Note on/off. */
  note(event: NoteEvent): void;
}

/** What {@link PlaybackAdapter.load} receives. */
export interface AdapterLoadRequest {
  /** The tune. */
  tune: LoadedTune;
  /** Song, 1-based. */
  song: number;
  /**
   * Seconds the song should last, when the caller set a length. The facade
   * ends the song itself from position events; adapters that can stop at the
   * exact sample (the Node engine writing a file) use this too.
   */
  seconds?: number;
  /** Where to report events until the next `load` or `unload`. */
  events: AdapterEventSink;
  /** Cancels the load. */
  signal: AbortSignal;
}

/**
 * One way to play a tune. The facade drives every adapter the same way:
 * `load` (stopped at 0 s), then `play`, `pause`/`resume`, `seek`, `stop`
 * (silent, back at 0 s, still loaded, no audio resources running), `unload`,
 * `dispose`. Calls never overlap: the facade serialises them.
 */
export interface PlaybackAdapter {
  /** Stable id, e.g. `worklet`, `node`, `sidplayfp`, `stream`, `ultimate64`. */
  readonly id: string;
  /** Hardware or software (drives the preference order). */
  readonly kind: AdapterKind;
  /** Where audio is made, when the adapter has several ways (e.g. `shared-ring`/`worklet`). */
  readonly renderPath?: string;
  /** Whether it can play (the tune, when given), and why. Never throws. */
  availability(tune?: LoadedTune): Promise<AdapterAvailability>;
  /** Prepares `request.tune`; throws a `SidflowError` when it cannot. */
  load(request: AdapterLoadRequest): Promise<void>;
  /** Starts (or restarts after `stop`) at the current position. */
  play(): Promise<void>;
  /** Holds the position; silent. */
  pause(): Promise<void>;
  /** Continues after `pause`. */
  resume(): Promise<void>;
  /** Silent, position 0, audio resources (contexts, child processes) stopped. */
  stop(): Promise<void>;
  /** Moves to `seconds` keeping the play/pause state. */
  seek(seconds: number): Promise<void>;
  /** Output gain 0–1. */
  setVolume(volume: number): void;
  /** Silences or restores voice 0–2 where the adapter can. */
  mute(voice: 0 | 1 | 2, muted: boolean): void;
  /** Forgets the tune and releases what `load` took. */
  unload(): Promise<void>;
  /** Releases everything; idempotent. */
  dispose(): Promise<void>;
}

import { SidflowError } from '@sidflow/core';

/** Stable codes of {@link PlaybackError}. */
export type PlaybackErrorCode =
  /** The call needs a loaded tune (or another state), e.g. `play` before `load`. */
  | 'PLAYBACK_BAD_STATE'
  /** An argument is out of range (song, seconds, volume, voice). */
  | 'PLAYBACK_BAD_ARGUMENT'
  /** The bytes are not a playable PSID/RSID tune. */
  | 'PLAYBACK_BAD_TUNE'
  /** Fetching or reading the tune failed. */
  | 'PLAYBACK_SOURCE_FAILED'
  /** No adapter the preference allows can play; `attempts` says why for each. */
  | 'PLAYBACK_NO_ADAPTER'
  /** An adapter failed (missing binary, unreachable device, closed audio context...). */
  | 'PLAYBACK_ADAPTER_FAILED'
  /** The load was cancelled or replaced by a newer one. */
  | 'PLAYBACK_ABORTED'
  /** The service or adapter was disposed. */
  | 'PLAYBACK_DISPOSED';

/** Why one adapter was passed over. */
export interface AdapterAttempt {
  /** Adapter id. */
  adapter: string;
  /** Why it was not used. */
  reason: string;
}

/** Every failure of the playback facade and its adapters. */
export class PlaybackError extends SidflowError {
  /** Stable code. */
  declare readonly code: PlaybackErrorCode;
  /** The adapter involved, when one was. */
  readonly adapter: string | null;
  /** For `PLAYBACK_NO_ADAPTER`: each adapter tried and why it was not used. */
  readonly attempts: readonly AdapterAttempt[];

  /**
   * @param code - stable code
   * @param message - what went wrong and what to do about it
   * @param options - `adapter`, `attempts` and a `cause`
   */
  constructor(
    code: PlaybackErrorCode,
    message: string,
    options: { adapter?: string; attempts?: AdapterAttempt[]; cause?: unknown } = {},
  ) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.adapter = options.adapter ?? null;
    this.attempts = options.attempts ?? [];
  }
}

/** Wraps anything thrown into a {@link PlaybackError} (a `SidflowError` keeps its own code). */
export function toSidflowError(error: unknown, adapter?: string): SidflowError {
  if (error instanceof SidflowError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PlaybackError('PLAYBACK_ADAPTER_FAILED', message, { adapter, cause: error });
}

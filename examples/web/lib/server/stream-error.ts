import { SidflowError } from '@sidflow/core';

/** Codes of {@link StreamError}. */
export type StreamErrorCode = 'STREAM_FORMAT_UNKNOWN' | 'STREAM_FORMAT_UNAVAILABLE';

/**
 * A playback stream the server cannot serve: a format it does not know
 * (404), or one that needs a tool this machine lacks (503, the message names it).
 */
export class StreamError extends SidflowError {
  declare readonly code: StreamErrorCode;

  /** The HTTP status a route answers this error with. */
  get status(): number {
    return this.code === 'STREAM_FORMAT_UNKNOWN' ? 404 : 503;
  }

  /**
   * @param code - which failure
   * @param message - what happened and what to do about it
   */
  constructor(code: StreamErrorCode, message: string) {
    super(code, message);
  }
}

import { SidflowError } from '@sidflow/core';

/** Stable codes of {@link RenderError}. */
export type RenderErrorCode =
  /** The tune is not a playable PSID/RSID file, or the song is out of range. */
  | 'RENDER_BAD_TUNE'
  /** An option is out of range or contradicts another. */
  | 'RENDER_BAD_OPTION'
  /** The requested engine cannot produce this render (e.g. stems on hardware). */
  | 'RENDER_UNSUPPORTED'
  /** The emulator or the sidplayfp CLI failed while rendering. */
  | 'RENDER_ENGINE_FAILED'
  /** The requested encoder (native ffmpeg, sidplayfp) is not installed. */
  | 'RENDER_TOOL_MISSING'
  /** ffmpeg (native or wasm) rejected the input or failed. */
  | 'RENDER_ENCODER_FAILED'
  /** A WAV file is malformed or not 16-bit PCM. */
  | 'RENDER_BAD_WAV'
  /** No Ultimate 64 is configured while hardware rendering is required. */
  | 'RENDER_DEVICE_NOT_CONFIGURED'
  /** The configured Ultimate 64 does not answer. */
  | 'RENDER_DEVICE_UNREACHABLE'
  /** The render would push disk use past the configured maximum. */
  | 'RENDER_DISK_LIMIT'
  /** The file system ran out of space or refused a write. */
  | 'RENDER_IO'
  /** An availability manifest is malformed. */
  | 'RENDER_MANIFEST_INVALID'
  /** The caller aborted the render through its `AbortSignal`. */
  | 'RENDER_ABORTED';

/**
 * A render failed for a reason the caller can act on. Switch on
 * {@link RenderError.code}; the message names the tune, the tool or the
 * setting involved and what to change.
 */
export class RenderError extends SidflowError {
  declare readonly code: RenderErrorCode;

  /**
   * @param code - which kind of failure
   * @param message - explanation naming what to change
   * @param options - standard error options, e.g. `cause`
   */
  constructor(code: RenderErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** Compressed formats an encoder produces from a WAV file. */
export type EncodedFormat = 'flac' | 'm4a' | 'wav';

/** One output of an encode run. */
export interface EncodeOutput {
  /** Format of this output. */
  readonly format: EncodedFormat;
  /** Destination file (written whole; callers pass a temporary name and rename it). */
  readonly path: string;
}

/** Settings shared by every output of one encode run. */
export interface EncodeSettings {
  /** FLAC compression level 0–8. Default 5. */
  readonly flacLevel?: number;
  /** AAC-LC bit rate in kbit/s. Default 256. */
  readonly m4aBitrate?: number;
  /** Gain applied to every output, in dB (loudness normalisation). Default 0. */
  readonly gainDb?: number;
  /** Cancels the encode; the outputs are then incomplete and must be discarded. */
  readonly signal?: AbortSignal;
}

/**
 * Turns a 16-bit PCM WAV file into FLAC, M4A (AAC-LC) and/or WAV files.
 * Implemented by native `ffmpeg` ({@link createNativeEncoder}) and by
 * ffmpeg.wasm in a worker thread ({@link createWasmEncoder}).
 */
export interface AudioEncoder {
  /** `native` or `wasm`. */
  readonly kind: 'native' | 'wasm';
  /**
   * Encodes `input` to every output in one run (the input is decoded once).
   *
   * @throws {@link RenderError} `RENDER_ENCODER_FAILED`, `RENDER_TOOL_MISSING` or `RENDER_ABORTED`
   */
  encode(input: string, outputs: readonly EncodeOutput[], settings?: EncodeSettings): Promise<void>;
  /** Releases workers or other resources. Idempotent. */
  close(): Promise<void>;
}

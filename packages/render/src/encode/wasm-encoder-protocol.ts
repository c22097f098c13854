/** A job sent to the ffmpeg.wasm worker. */
export interface WasmEncodeJob {
  /** Correlates the reply. */
  readonly id: number;
  /** The input WAV bytes. */
  readonly input: Uint8Array;
  /** ffmpeg arguments after `-i in.wav`, naming outputs `out0`, `out1`, … */
  readonly args: string[];
  /** Number of outputs to read back. */
  readonly outputs: number;
}

/** The worker's reply. */
export type WasmEncodeReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly outputs: Uint8Array[];
      readonly loadMs: number;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };

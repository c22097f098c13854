import type { AudioEncoder } from './encode-request.js';
import { createNativeEncoder, nativeFfmpegAvailable } from './native-encoder.js';
import { createWasmEncoder } from './wasm-encoder.js';

/** Which encoder to use: `auto` prefers native ffmpeg and falls back to ffmpeg.wasm. */
export type EncoderChoice = 'auto' | 'native' | 'wasm';

/**
 * Creates the encoder for a choice.
 *
 * @param choice - `auto` (native when installed, else wasm), `native` or `wasm`
 * @param ffmpegPath - native ffmpeg executable; default `ffmpeg`
 * @throws {@link RenderError} `RENDER_TOOL_MISSING` for `native` without ffmpeg
 */
export function selectEncoder(choice: EncoderChoice = 'auto', ffmpegPath = 'ffmpeg'): AudioEncoder {
  if (choice === 'wasm') return createWasmEncoder();
  if (choice === 'native' || nativeFfmpegAvailable(ffmpegPath))
    return createNativeEncoder({ ffmpegPath });
  return createWasmEncoder();
}

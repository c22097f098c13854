import { createRequire } from 'node:module';
import { RenderError } from '../errors/render-error.js';
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
 * @throws {@link RenderError} `RENDER_TOOL_MISSING` for `native` without ffmpeg, or for
 *   ffmpeg.wasm when the optional peer dependency `@ffmpeg/core` is not installed
 */
export function selectEncoder(choice: EncoderChoice = 'auto', ffmpegPath = 'ffmpeg'): AudioEncoder {
  if (choice === 'wasm') return wasmEncoder();
  if (choice === 'native' || nativeFfmpegAvailable(ffmpegPath))
    return createNativeEncoder({ ffmpegPath });
  return wasmEncoder();
}

// @ffmpeg/core is GPL-2.0-or-later, so it is an optional peer dependency the user installs, never ours to ship.
function wasmEncoder(): AudioEncoder {
  try {
    createRequire(import.meta.url).resolve('@ffmpeg/core');
  } catch {
    throw new RenderError(
      'RENDER_TOOL_MISSING',
      'ffmpeg.wasm is not installed and no native ffmpeg was chosen or found: install native ffmpeg ' +
        '(apt-get install ffmpeg) or the optional peer dependency @ffmpeg/core (npm i @ffmpeg/core@0.12.10, GPL-2.0-or-later)',
    );
  }
  return createWasmEncoder();
}

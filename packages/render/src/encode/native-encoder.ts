import { spawn, spawnSync } from 'node:child_process';
import { RenderError } from '../errors/render-error.js';
import type { AudioEncoder, EncodeOutput, EncodeSettings } from './encode-request.js';
import { ffmpegOutputArguments } from './ffmpeg-arguments.js';

const available = new Map<string, boolean>();

/**
 * Whether a native ffmpeg runs at `path` (checked once per path).
 *
 * @param path - executable name or path; default `ffmpeg` on PATH
 */
export function nativeFfmpegAvailable(path = 'ffmpeg'): boolean {
  let ok = available.get(path);
  if (ok === undefined) {
    const r = spawnSync(path, ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
    ok = r.status === 0;
    available.set(path, ok);
  }
  return ok;
}

/** Options of {@link createNativeEncoder}. */
export interface NativeEncoderOptions {
  /** ffmpeg executable name or path. Default `ffmpeg`. */
  readonly ffmpegPath?: string;
}

/**
 * An encoder that runs the system's `ffmpeg` once per encode, writing every
 * output in the same run.
 *
 * @throws {@link RenderError} `RENDER_TOOL_MISSING` when ffmpeg is not installed
 */
export function createNativeEncoder(options: NativeEncoderOptions = {}): AudioEncoder {
  const path = options.ffmpegPath ?? 'ffmpeg';
  if (!nativeFfmpegAvailable(path)) {
    throw new RenderError(
      'RENDER_TOOL_MISSING',
      `native ffmpeg not found (${path}): install it (e.g. \`apt install ffmpeg\`) or use the wasm encoder (--encoder wasm)`,
    );
  }
  return {
    kind: 'native',
    encode: async (input, outputs, settings) => runNative(path, input, outputs, settings),
    close: async () => {},
  };
}

function runNative(
  path: string,
  input: string,
  outputs: readonly EncodeOutput[],
  settings: EncodeSettings = {},
): Promise<void> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', input];
  args.push(...ffmpegOutputArguments(outputs, settings));
  return new Promise((resolve, reject) => {
    if (settings.signal?.aborted) {
      reject(new RenderError('RENDER_ABORTED', `encoding ${input}: aborted by the caller`));
      return;
    }
    const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const onAbort = () => child.kill('SIGKILL');
    settings.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      settings.signal?.removeEventListener('abort', onAbort);
      reject(
        new RenderError('RENDER_TOOL_MISSING', `cannot run ${path}: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      settings.signal?.removeEventListener('abort', onAbort);
      if (settings.signal?.aborted) {
        reject(new RenderError('RENDER_ABORTED', `encoding ${input}: aborted by the caller`));
      } else if (code === 0) {
        resolve();
      } else {
        reject(
          new RenderError(
            'RENDER_ENCODER_FAILED',
            `ffmpeg failed encoding ${input} (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`,
          ),
        );
      }
    });
  });
}

import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { renderPackage } from './render-package';

/** Seconds rendered per song when `SIDFLOW_RENDER_SECONDS` is not set (the demo tunes have no Songlengths entry). */
export const DEFAULT_RENDER_SECONDS = 120;
/** Longest render `SIDFLOW_RENDER_SECONDS` may ask for. */
export const MAX_RENDER_SECONDS = 600;

/** How the server renders and caches streams, read from the environment of `next start`. */
export interface RenderSettings {
  /** Folder of the render cache: `SIDFLOW_RENDER_CACHE`, default `.sidflow/renders` under the app's working directory. */
  readonly cacheDir: string;
  /** Seconds per song: `SIDFLOW_RENDER_SECONDS`, default {@link DEFAULT_RENDER_SECONDS}. */
  readonly seconds: number;
  /**
   * How M4A is encoded: native `ffmpeg` when installed, else ffmpeg.wasm when
   * the optional `@ffmpeg/core` is installed, else `null` (WAV only).
   */
  readonly m4aEncoder: 'native' | 'wasm' | null;
  /** Whether HLS segments can be made (they need the native `ffmpeg`). */
  readonly hls: boolean;
  /** The native ffmpeg executable: `SIDFLOW_FFMPEG`, default `ffmpeg` (on the `PATH`). */
  readonly ffmpegPath: string;
}

function wasmInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(/*turbopackIgnore: true*/ '@ffmpeg/core');
    return true;
  } catch {
    return false;
  }
}

/** Which encoders exist, by native ffmpeg path. */
const tools = new Map<string, Promise<{ native: boolean; wasm: boolean }>>();

/**
 * The render settings for this request. The environment is read each time
 * (tests change it); which encoders exist is probed once per ffmpeg path.
 */
export async function renderSettings(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderSettings> {
  const ffmpegPath = env.SIDFLOW_FFMPEG?.trim() || 'ffmpeg';
  let probe = tools.get(ffmpegPath);
  if (!probe) {
    probe = renderPackage().then(({ nativeFfmpegAvailable }) => ({
      native: nativeFfmpegAvailable(ffmpegPath),
      wasm: wasmInstalled(),
    }));
    tools.set(ffmpegPath, probe);
  }
  const found = await probe;
  const dir = env.SIDFLOW_RENDER_CACHE?.trim() || join('.sidflow', 'renders');
  const asked = Number(env.SIDFLOW_RENDER_SECONDS);
  const seconds =
    env.SIDFLOW_RENDER_SECONDS && asked > 0
      ? Math.min(asked, MAX_RENDER_SECONDS)
      : DEFAULT_RENDER_SECONDS;
  return {
    cacheDir: isAbsolute(dir) ? dir : join(/*turbopackIgnore: true*/ process.cwd(), dir),
    seconds,
    m4aEncoder: found.native ? 'native' : found.wasm ? 'wasm' : null,
    hls: found.native,
    ffmpegPath,
  };
}

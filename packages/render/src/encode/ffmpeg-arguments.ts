import { RenderError } from '../errors/render-error.js';
import type { EncodeOutput, EncodeSettings } from './encode-request.js';

/** Default FLAC compression level (product.md). */
export const DEFAULT_FLAC_LEVEL = 5;
/** Default AAC-LC bit rate in kbit/s (product.md). */
export const DEFAULT_M4A_BITRATE = 256;

/**
 * The ffmpeg arguments after `-i INPUT` for a set of outputs: each output
 * names its codec and container explicitly, because callers write to
 * temporary names whose extension says nothing.
 */
export function ffmpegOutputArguments(
  outputs: readonly { format: EncodeOutput['format']; path: string }[],
  settings: EncodeSettings = {},
): string[] {
  const level = settings.flacLevel ?? DEFAULT_FLAC_LEVEL;
  const bitrate = settings.m4aBitrate ?? DEFAULT_M4A_BITRATE;
  if (!Number.isInteger(level) || level < 0 || level > 8) {
    throw new RenderError('RENDER_BAD_OPTION', `FLAC level ${level}: expected an integer 0–8`);
  }
  if (!Number.isInteger(bitrate) || bitrate < 32 || bitrate > 512) {
    throw new RenderError('RENDER_BAD_OPTION', `M4A bit rate ${bitrate}: expected 32–512 kbit/s`);
  }
  const gain = settings.gainDb ?? 0;
  const filter = gain !== 0 ? ['-af', `volume=${gain.toFixed(2)}dB`] : [];
  const args: string[] = [];
  for (const out of outputs) {
    args.push('-map', '0:a', ...filter, '-map_metadata', '-1');
    if (out.format === 'flac') {
      args.push('-c:a', 'flac', '-compression_level', String(level), '-f', 'flac');
    } else if (out.format === 'm4a') {
      // AAC-LC at 256 kbit/s is a stereo rate: mono AAC stays far below it, so M4A is always two
      // channels. The fast coder keeps the rate within a few percent of the target on sparse SID
      // audio, where the default two-loop coder undershoots by 10 % or more.
      args.push('-ac', '2', '-c:a', 'aac', '-aac_coder', 'fast', '-profile:a', 'aac_low');
      args.push('-b:a', `${bitrate}k`);
      // faststart puts the index first so a browser can start streaming before the end arrives.
      args.push('-movflags', '+faststart', '-f', 'ipod');
    } else {
      args.push('-c:a', 'pcm_s16le', '-f', 'wav', '-bitexact');
    }
    args.push(out.path);
  }
  return args;
}

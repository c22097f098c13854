import { readFile } from 'node:fs/promises';
import { RenderError } from '../errors/render-error.js';
import { ioError } from './wav-writer.js';

/** A decoded 16-bit PCM WAV file. */
export interface WavAudio {
  /** Frames per second. */
  readonly sampleRate: number;
  /** Channel count. */
  readonly channels: number;
  /** Interleaved samples. */
  readonly samples: Int16Array;
  /** Duration in seconds. */
  readonly seconds: number;
  /** Byte offset of the PCM data in the file. */
  readonly dataOffset: number;
}

function bad(source: string, why: string): RenderError {
  return new RenderError('RENDER_BAD_WAV', `${source}: ${why}`);
}

/**
 * Decodes and validates a 16-bit PCM WAV file: RIFF/WAVE magic, a `fmt `
 * chunk describing integer PCM with 16 bits per sample and consistent
 * block size and byte rate, and a `data` chunk whose declared size fits the
 * file and is whole frames. Unknown chunks (e.g. `LIST`) are skipped.
 *
 * @param bytes - the whole file
 * @param source - name used in error messages
 * @throws {@link RenderError} `RENDER_BAD_WAV` naming the first problem
 */
export function parseWav(bytes: Uint8Array, source = 'WAV'): WavAudio {
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
    throw bad(source, 'not a RIFF/WAVE file');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let format: { channels: number; sampleRate: number } | null = null;
  while (at + 8 <= bytes.length) {
    const id = ascii(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw bad(source, 'truncated fmt chunk');
      const tag = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const byteRate = view.getUint32(body + 8, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bits = view.getUint16(body + 14, true);
      const extensiblePcm = tag === 0xfffe && size >= 40 && view.getUint16(body + 24, true) === 1;
      if (tag !== 1 && !extensiblePcm) throw bad(source, `format tag ${tag} is not integer PCM`);
      if (bits !== 16) throw bad(source, `${bits}-bit samples; expected 16-bit`);
      if (channels < 1 || channels > 8) throw bad(source, `${channels} channels`);
      if (sampleRate < 1000 || sampleRate > 384_000)
        throw bad(source, `sample rate ${sampleRate} Hz`);
      if (blockAlign !== channels * 2 || byteRate !== sampleRate * blockAlign) {
        throw bad(source, 'block align or byte rate inconsistent with the format');
      }
      format = { channels, sampleRate };
    } else if (id === 'data') {
      if (format === null) throw bad(source, 'data chunk before fmt chunk');
      if (size === 0 && bytes.length > body) {
        throw bad(source, 'header says 0 bytes of audio: an unfinished file');
      }
      if (body + size > bytes.length) {
        throw bad(
          source,
          `data chunk declares ${size} bytes, only ${bytes.length - body} present (truncated)`,
        );
      }
      if (size % (format.channels * 2) !== 0) throw bad(source, 'data is not whole frames');
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + 2 * i, true);
      return {
        ...format,
        samples,
        seconds: samples.length / format.channels / format.sampleRate,
        dataOffset: body,
      };
    }
    at = body + size + (size & 1);
  }
  throw bad(source, format === null ? 'no fmt chunk' : 'no data chunk');
}

/**
 * Reads and validates a 16-bit PCM WAV file (see {@link parseWav}).
 *
 * @param path - the file
 * @throws {@link RenderError} `RENDER_BAD_WAV` or `RENDER_IO`
 */
export async function readWavFile(path: string): Promise<WavAudio> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw ioError(path, error);
  });
  return parseWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

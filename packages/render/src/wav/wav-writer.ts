import { type FileHandle, open } from 'node:fs/promises';
import { RenderError } from '../errors/render-error.js';
import { encodeWavHeader, WAV_HEADER_BYTES } from './wav-header.js';

/** RIFF sizes are 32-bit; past this a WAV file cannot describe its data. */
const MAX_DATA_BYTES = 0xffff_ffff - 36;

/**
 * Writes a 16-bit PCM WAV file as audio arrives, never holding the tune in
 * memory: a placeholder header first, the samples as they come, and the
 * real sizes patched into the header by {@link WavWriter.close}. A file
 * left behind by a crash still has zero sizes in its header, so
 * {@link parseWav} rejects it instead of taking it for a finished one.
 */
export class WavWriter {
  private dataBytes = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    /** The file being written. */
    readonly path: string,
    /** Frames per second. */
    readonly sampleRate: number,
    /** 1 or 2. */
    readonly channels: 1 | 2,
  ) {}

  /**
   * Creates (or truncates) `path` and writes a placeholder header.
   *
   * @param path - the WAV file to write
   * @param sampleRate - frames per second
   * @param channels - 1 (mono) or 2 (interleaved stereo)
   */
  static async create(path: string, sampleRate: number, channels: 1 | 2): Promise<WavWriter> {
    const handle = await open(path, 'w').catch((error: unknown) => {
      throw ioError(path, error);
    });
    const writer = new WavWriter(handle, path, sampleRate, channels);
    await writer.put(encodeWavHeader(sampleRate, channels, 0), 0);
    return writer;
  }

  /** Frames written so far. */
  get frames(): number {
    return this.dataBytes / (2 * this.channels);
  }

  /**
   * Appends interleaved samples. The array is copied to the file before the
   * promise settles, so the caller may reuse it afterwards.
   *
   * @param samples - whole frames of s16 samples
   */
  async write(samples: Int16Array): Promise<void> {
    if (this.closed) throw new RenderError('RENDER_IO', `${this.path}: write after close`);
    if (samples.length % this.channels !== 0) {
      throw new RenderError(
        'RENDER_BAD_OPTION',
        `${this.path}: ${samples.length} samples is not whole frames`,
      );
    }
    if (this.dataBytes + samples.byteLength > MAX_DATA_BYTES) {
      throw new RenderError(
        'RENDER_BAD_OPTION',
        `${this.path}: a WAV file cannot hold more than 4 GiB of audio`,
      );
    }
    const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    await this.put(bytes, WAV_HEADER_BYTES + this.dataBytes);
    this.dataBytes += samples.byteLength;
  }

  /** Patches the sizes into the header, flushes and closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.put(encodeWavHeader(this.sampleRate, this.channels, this.dataBytes), 0);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without fixing the header (for a render that failed). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => {});
  }

  private async put(bytes: Uint8Array, position: number): Promise<void> {
    try {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await this.handle.write(
          bytes,
          done,
          bytes.length - done,
          position + done,
        );
        done += bytesWritten;
      }
    } catch (error) {
      throw ioError(this.path, error);
    }
  }
}

/** Wraps a file system failure in a {@link RenderError} naming the file and the cause. */
export function ioError(path: string, error: unknown): RenderError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const hint =
    code === 'ENOSPC'
      ? 'the disk is full: free space or lower cache.maxDiskUsePercent'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied: choose a writable output folder'
        : ((error as Error)?.message ?? String(error));
  return new RenderError('RENDER_IO', `${path}: ${hint}`, { cause: error });
}

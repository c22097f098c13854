import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Bytes gathered before one disk write is queued. */
const CHUNK_BYTES = 64 * 1024;
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

function header(dataBytes: number, sampleRate: number, channels: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * Writes a 16-bit PCM WAV file as samples arrive, without ever making the
 * caller wait for the disk: `write` copies into a staging buffer and queues
 * full chunks on a promise chain. The file is written under a temporary name
 * in the same directory and renamed into place by {@link WavStreamWriter.finish},
 * so a crash or an error never leaves a truncated file at the target path.
 */
export class WavStreamWriter {
  private readonly staging = Buffer.allocUnsafe(CHUNK_BYTES);
  private staged = 0;
  private dataBytes = 0;
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  /** Where the next queued chunk goes: writes are positional, after the 44-byte header. */
  private fileOffset = 44;
  private done = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly tempPath: string,
    /** The final path. */
    readonly path: string,
    private readonly sampleRate: number,
    private readonly channels: number,
  ) {}

  /** Creates the temporary file next to `path` and reserves the header. */
  static async open(path: string, sampleRate: number, channels: number): Promise<WavStreamWriter> {
    const temp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const file = await open(temp, 'wx');
    const writer = new WavStreamWriter(file, temp, path, sampleRate, channels);
    await file.write(header(0, sampleRate, channels), 0, 44, 0);
    return writer;
  }

  /** Bytes of sample data accepted so far. */
  get bytesWritten(): number {
    return this.dataBytes;
  }

  /** Appends interleaved samples `pcm[from .. from + count)`; never waits for the disk. */
  write(pcm: Int16Array, from = 0, count = pcm.length - from): void {
    if (this.done) return;
    for (let i = from, end = from + count; i < end; i++) {
      if (this.staged === CHUNK_BYTES) this.enqueue();
      const v = pcm[i];
      this.staging[this.staged++] = BIG_ENDIAN ? (v >> 8) & 0xff : v & 0xff;
      this.staging[this.staged++] = BIG_ENDIAN ? v & 0xff : (v >> 8) & 0xff;
    }
    this.dataBytes += count * 2;
  }

  /** Writes the remaining data and the final header, then renames the file into place. */
  async finish(): Promise<void> {
    if (this.done) throw new Error('WAV writer already finished');
    this.enqueue();
    this.done = true;
    try {
      await this.queue;
      if (this.failure) throw this.failure;
      await this.file.write(header(this.dataBytes, this.sampleRate, this.channels), 0, 44, 0);
      await this.file.close();
      await rename(this.tempPath, this.path);
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Discards the temporary file; the target path is left untouched. */
  async abort(): Promise<void> {
    this.done = true;
    await this.queue.catch(() => {});
    await this.file.close().catch(() => {});
    await unlink(this.tempPath).catch(() => {});
  }

  private enqueue(): void {
    if (this.staged === 0) return;
    const chunk = Buffer.from(this.staging.subarray(0, this.staged));
    this.staged = 0;
    const at = this.fileOffset;
    this.fileOffset += chunk.length;
    this.queue = this.queue.then(async () => {
      if (this.failure) return;
      try {
        await this.file.write(chunk, 0, chunk.length, at);
      } catch (error) {
        this.failure = error as Error;
      }
    });
  }
}

import { type FileHandle, open } from 'node:fs/promises';

/**
 * A 16-bit PCM WAV file written as audio arrives: a 44-byte RIFF header whose
 * sizes are filled in by {@link WavStream.close}.
 */
export class WavStream {
  private bytes = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly sampleRate: number,
    private readonly channels: number,
  ) {}

  /** Creates (or truncates) `path` and writes a provisional header. */
  static async create(path: string, sampleRate: number, channels: number): Promise<WavStream> {
    const file = await open(path, 'w');
    const stream = new WavStream(file, sampleRate, channels);
    await file.write(stream.header(), 0, 44, 0);
    return stream;
  }

  /** Frames written so far. */
  get frames(): number {
    return this.bytes / (2 * this.channels);
  }

  /** Appends interleaved samples. */
  async write(samples: Int16Array): Promise<void> {
    const view = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
    await this.file.write(view, 0, view.length, 44 + this.bytes);
    this.bytes += view.length;
  }

  /** Writes the final sizes and closes the file. */
  async close(): Promise<void> {
    await this.file.write(this.header(), 0, 44, 0);
    await this.file.close();
  }

  private header(): Buffer {
    const h = Buffer.alloc(44);
    const blockAlign = 2 * this.channels;
    h.write('RIFF', 0, 'latin1');
    h.writeUInt32LE(36 + this.bytes, 4);
    h.write('WAVEfmt ', 8, 'latin1');
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20);
    h.writeUInt16LE(this.channels, 22);
    h.writeUInt32LE(this.sampleRate, 24);
    h.writeUInt32LE(this.sampleRate * blockAlign, 28);
    h.writeUInt16LE(blockAlign, 32);
    h.writeUInt16LE(16, 34);
    h.write('data', 36, 'latin1');
    h.writeUInt32LE(this.bytes, 40);
    return h;
  }
}

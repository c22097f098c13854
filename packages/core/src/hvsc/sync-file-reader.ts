import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { HvscReadError } from './hvsc-read-error.js';

/**
 * Reads small files whole, synchronously, into one reused buffer: open, one
 * read, close, with no thread-pool round trip, promise or allocation per
 * file. For a warm page cache this costs a fraction of `readFile`'s
 * four thread-pool trips. A PSID/RSID file is at most 0x7C + 2 + 64 KiB
 * bytes, so one 128 KiB read holds any valid tune; bigger files fall back to
 * `readFileSync`.
 */
export class SyncFileReader {
  private readonly buffer: Buffer;

  /** @param bufferSize - bytes of the reused buffer */
  constructor(bufferSize = 128 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(bufferSize);
  }

  /**
   * Reads `file` whole. The returned bytes are a view of the reused buffer,
   * valid only until the next call.
   */
  read(file: string): Uint8Array | HvscReadError {
    const buffer = this.buffer;
    try {
      const fd = openSync(file, 'r');
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
      } finally {
        closeSync(fd);
      }
      return bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : readFileSync(file);
    } catch (error) {
      return new HvscReadError(file, error);
    }
  }
}

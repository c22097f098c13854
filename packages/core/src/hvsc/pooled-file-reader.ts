import { close, open, read, readFile } from 'node:fs';
import { HvscReadError } from './hvsc-read-error.js';

/**
 * Reads small files whole into reused buffers: open, one read, close (three
 * thread-pool trips instead of `readFile`'s four, and no allocation per
 * file). A PSID/RSID file is at most 0x7C + 2 + 64 KiB bytes, so one 128 KiB
 * read holds any valid tune; bigger files fall back to `readFile`.
 */
export class PooledFileReader {
  private readonly free: Buffer[] = [];

  /** @param bufferSize - bytes per pooled buffer */
  constructor(private readonly bufferSize = 128 * 1024) {}

  /**
   * Reads `file` and calls `use` with its bytes, returning what `use`
   * returns. The bytes are only valid during the call: the buffer is reused
   * as soon as `use` returns. `use` must not throw.
   */
  read<T>(file: string, use: (bytes: Uint8Array) => T): Promise<T | HvscReadError> {
    return new Promise((resolve) => {
      open(file, 'r', (openError, fd) => {
        if (openError !== null) {
          resolve(new HvscReadError(file, openError));
          return;
        }
        const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferSize);
        read(fd, buffer, 0, buffer.length, 0, (readError, bytesRead) => {
          close(fd, () => {});
          if (readError !== null) {
            this.free.push(buffer);
            resolve(new HvscReadError(file, readError));
          } else if (bytesRead === buffer.length) {
            this.free.push(buffer);
            readFile(file, (error, whole) => {
              resolve(error === null ? use(whole) : new HvscReadError(file, error));
            });
          } else {
            const result = use(buffer.subarray(0, bytesRead));
            this.free.push(buffer);
            resolve(result);
          }
        });
      });
    });
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HvscReadError } from '../src/hvsc/hvsc-read-error.js';
import { SyncFileReader } from '../src/hvsc/sync-file-reader.js';

const temp = mkdtempSync(join(tmpdir(), 'sidflow-sync-reader-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('SyncFileReader', () => {
  const small = join(temp, 'small.bin');
  const exact = join(temp, 'exact.bin');
  const big = join(temp, 'big.bin');
  writeFileSync(small, Buffer.from([1, 2, 3]));
  writeFileSync(exact, Buffer.from(Array.from({ length: 16 }, (_, i) => 16 - i)));
  writeFileSync(big, Buffer.from(Array.from({ length: 100 }, (_, i) => i)));

  it('reads a file that fits the buffer into the same reused buffer every time', () => {
    const reader = new SyncFileReader(16);
    const first = reader.read(small) as Uint8Array;
    expect(Array.from(first)).toEqual([1, 2, 3]);
    const second = reader.read(small) as Uint8Array;
    expect(second.buffer).toBe(first.buffer);
    expect(Array.from(new SyncFileReader(16).read(join(temp, 'small.bin')) as Uint8Array)).toEqual([
      1, 2, 3,
    ]);
  });

  it('falls back to a whole-file read for a file that fills or exceeds the buffer', () => {
    const reader = new SyncFileReader(16);
    expect(Array.from(reader.read(big) as Uint8Array)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    expect(Array.from(reader.read(exact) as Uint8Array)).toEqual(
      Array.from({ length: 16 }, (_, i) => 16 - i),
    );
  });

  it('reads an empty file as no bytes', () => {
    writeFileSync(join(temp, 'empty.bin'), '');
    expect(new SyncFileReader(16).read(join(temp, 'empty.bin'))).toHaveLength(0);
  });

  it('turns open and read failures into HvscReadError', () => {
    const reader = new SyncFileReader(16);
    const missing = reader.read(join(temp, 'missing.bin'));
    expect(missing).toBeInstanceOf(HvscReadError);
    expect((missing as HvscReadError).file).toBe(join(temp, 'missing.bin'));
    expect((missing as HvscReadError).message).toContain('ENOENT');
    // Opening a folder succeeds on POSIX; reading it fails with EISDIR.
    const folder = reader.read(temp);
    expect(folder).toBeInstanceOf(HvscReadError);
    expect((folder as HvscReadError).message).toContain('EISDIR');
    // The reader still works after a failure (the descriptor was closed).
    expect(Array.from(reader.read(small) as Uint8Array)).toEqual([1, 2, 3]);
  });
});

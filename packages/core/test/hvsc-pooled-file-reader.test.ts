import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HvscReadError } from '../src/hvsc/hvsc-read-error.js';
import { PooledFileReader } from '../src/hvsc/pooled-file-reader.js';

const temp = mkdtempSync(join(tmpdir(), 'sidflow-pooled-reader-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('PooledFileReader', () => {
  const small = join(temp, 'small.bin');
  const big = join(temp, 'big.bin');
  writeFileSync(small, Buffer.from([1, 2, 3]));
  writeFileSync(big, Buffer.from(Array.from({ length: 100 }, (_, i) => i)));

  it('reads a file that fits one buffer, reusing the buffer afterwards', async () => {
    const reader = new PooledFileReader(16);
    const views: Uint8Array[] = [];
    expect(await reader.read(small, (bytes) => Array.from(bytes))).toEqual([1, 2, 3]);
    await reader.read(small, (bytes) => views.push(bytes));
    await reader.read(small, (bytes) => views.push(bytes));
    expect(views[0].buffer).toBe(views[1].buffer);
  });

  it('falls back to a whole-file read for a file larger than the buffer', async () => {
    const reader = new PooledFileReader(16);
    const bytes = await reader.read(big, (b) => Array.from(b));
    expect(bytes).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('turns open and read failures into HvscReadError', async () => {
    const reader = new PooledFileReader(16);
    const missing = await reader.read(join(temp, 'missing.bin'), () => 'read');
    expect(missing).toBeInstanceOf(HvscReadError);
    expect((missing as HvscReadError).file).toBe(join(temp, 'missing.bin'));
    // Opening a folder succeeds on POSIX; reading it fails with EISDIR.
    const folder = await reader.read(temp, () => 'read');
    expect(folder).toBeInstanceOf(HvscReadError);
    expect((folder as HvscReadError).message).toContain('EISDIR');
  });
});

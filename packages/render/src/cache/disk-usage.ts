import { statfs as nodeStatfs } from 'node:fs/promises';
import { ioError } from '../wav/wav-writer.js';

/** The figures of `fs.statfs` the cache rules need (all counts in blocks of `bsize` bytes). */
export interface StatfsFigures {
  /** Block size in bytes. */
  readonly bsize: number;
  /** Total blocks. */
  readonly blocks: number;
  /** Free blocks, including those reserved for the superuser. */
  readonly bfree: number;
  /** Free blocks an ordinary user may take. */
  readonly bavail: number;
}

/** Measures a file system; defaults to `fs.promises.statfs`. Injectable so tests can simulate a full disk. */
export type StatfsFunction = (path: string) => Promise<StatfsFigures>;

/** Disk use of the file system holding a folder. */
export interface DiskUsage {
  /** Bytes an ordinary user can still write. */
  readonly availableBytes: number;
  /** Bytes in use. */
  readonly usedBytes: number;
  /** Capacity as `df` counts it: used + available to users. */
  readonly capacityBytes: number;
  /** `usedBytes / capacityBytes` in percent, as `df` shows it. */
  readonly usedPercent: number;
}

/**
 * Measures disk use the way `df` does (blocks reserved for root count as
 * neither used nor available).
 *
 * @param dir - any existing path on the file system to measure
 * @param statfs - the measuring function (default `fs.promises.statfs`)
 */
export async function measureDiskUse(
  dir: string,
  statfs: StatfsFunction = nodeStatfs,
): Promise<DiskUsage> {
  const s = await statfs(dir).catch((error: unknown) => {
    throw ioError(dir, error);
  });
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availableBytes = s.bavail * s.bsize;
  const capacityBytes = usedBytes + availableBytes;
  return {
    availableBytes,
    usedBytes,
    capacityBytes,
    usedPercent: capacityBytes > 0 ? (100 * usedBytes) / capacityBytes : 100,
  };
}

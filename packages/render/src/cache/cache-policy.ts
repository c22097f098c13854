import type { CacheConfig, RenderEncoding } from '@sidflow/core';
import { DiskLimitError } from '../errors/disk-limit-error.js';
import type { DiskUsage } from './disk-usage.js';

/** The disk thresholds of the render cache (`cache` in `.sidflow.json`, without the folder). */
export type DiskLimits = Omit<CacheConfig, 'dir'>;

/** The defaults of product.md: WAV not cached, WAV stops at 70 %, FLAC at 80 %, everything at 90 %, never past 95 %. */
export const DEFAULT_DISK_LIMITS: DiskLimits = {
  cacheWav: false,
  stopWavAtPercent: 70,
  stopFlacAtPercent: 80,
  stopAllAtPercent: 90,
  maxDiskUsePercent: 95,
};

/**
 * How formats are chosen: `explicit` renders exactly what was asked (only the
 * maximum applies); `cache` applies product.md's caching rules on top.
 */
export type CacheMode = 'explicit' | 'cache';

/** A format left out by the cache rules, with why. */
export interface SkippedFormat {
  /** The format. */
  readonly format: RenderEncoding;
  /** Human-readable reason naming the threshold. */
  readonly reason: string;
}

/**
 * Applies the caching rules to requested formats: in `cache` mode WAV is
 * only cached when `cacheWav` is set and disk use is below
 * `stopWavAtPercent`, FLAC below `stopFlacAtPercent`, anything below
 * `stopAllAtPercent`. In `explicit` mode every requested format is kept.
 *
 * @returns the formats to render and those left out
 */
export function planCachedFormats(
  requested: readonly RenderEncoding[],
  usage: DiskUsage,
  limits: DiskLimits,
  mode: CacheMode,
): { formats: RenderEncoding[]; skipped: SkippedFormat[] } {
  if (mode === 'explicit') return { formats: [...requested], skipped: [] };
  const used = usage.usedPercent.toFixed(1);
  const formats: RenderEncoding[] = [];
  const skipped: SkippedFormat[] = [];
  for (const format of requested) {
    if (usage.usedPercent >= limits.stopAllAtPercent) {
      skipped.push({
        format,
        reason: `disk ${used} % used ≥ stopAllAtPercent ${limits.stopAllAtPercent} %`,
      });
    } else if (format === 'wav' && !limits.cacheWav) {
      skipped.push({ format, reason: 'WAV is not cached (cache.cacheWav is false)' });
    } else if (format === 'wav' && usage.usedPercent >= limits.stopWavAtPercent) {
      skipped.push({
        format,
        reason: `disk ${used} % used ≥ stopWavAtPercent ${limits.stopWavAtPercent} %`,
      });
    } else if (format === 'flac' && usage.usedPercent >= limits.stopFlacAtPercent) {
      skipped.push({
        format,
        reason: `disk ${used} % used ≥ stopFlacAtPercent ${limits.stopFlacAtPercent} %`,
      });
    } else {
      formats.push(format);
    }
  }
  return { formats, skipped };
}

/** What a render is expected to write, to check against the disk maximum before starting. */
export interface RenderSizeEstimate {
  /** Formats to write. */
  readonly formats: readonly RenderEncoding[];
  /** Seconds of audio. */
  readonly seconds: number;
  /** Frames per second. */
  readonly sampleRate: number;
  /** PCM channels. */
  readonly channels: number;
  /** AAC bit rate in kbit/s. */
  readonly m4aBitrate: number;
  /** Files per format (1 + the stems). */
  readonly copies: number;
}

/**
 * A generous upper estimate of the bytes a render writes, including its
 * temporary WAV: PCM size for WAV and for FLAC (FLAC never grows PCM by
 * more than its headers), the bit rate for M4A (always stereo).
 */
export function estimateRenderBytes(e: RenderSizeEstimate): number {
  const pcm = e.seconds * e.sampleRate * e.channels * 2 + 4096;
  let bytes = pcm;
  for (const f of e.formats)
    bytes += f === 'm4a' ? (e.m4aBitrate * 1000 * e.seconds * 1.1) / 8 + 4096 : pcm;
  return bytes * e.copies;
}

/**
 * Fails when writing `bytes` more would push disk use past `maxDiskUsePercent`.
 *
 * @throws {@link DiskLimitError} `RENDER_DISK_LIMIT`
 */
export function assertWithinDiskMaximum(
  dir: string,
  usage: DiskUsage,
  bytes: number,
  limits: DiskLimits,
): void {
  const projected =
    usage.capacityBytes > 0
      ? (100 * (usage.usedBytes + bytes)) / usage.capacityBytes
      : Number.POSITIVE_INFINITY;
  if (projected > limits.maxDiskUsePercent || bytes > usage.availableBytes) {
    throw new DiskLimitError(
      dir,
      usage.usedPercent,
      Math.min(projected, 999),
      limits.maxDiskUsePercent,
    );
  }
}

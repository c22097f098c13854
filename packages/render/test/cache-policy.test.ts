import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  assertWithinDiskMaximum,
  DEFAULT_DISK_LIMITS,
  DiskLimitError,
  estimateRenderBytes,
  measureDiskUse,
  planCachedFormats,
} from '../src/index.js';

const usage = (usedPercent: number) => ({
  usedPercent,
  usedBytes: usedPercent * 1e7,
  availableBytes: (100 - usedPercent) * 1e7,
  capacityBytes: 1e9,
});

describe('disk rules', () => {
  it('measures the real file system as df does', async () => {
    const u = await measureDiskUse(tmpdir());
    expect(u.capacityBytes).toBeGreaterThan(0);
    expect(u.usedPercent).toBeGreaterThanOrEqual(0);
    expect(u.usedPercent).toBeLessThanOrEqual(100);
    expect(u.usedBytes + u.availableBytes).toBe(u.capacityBytes);
  });

  it('counts reserved blocks as neither used nor available', async () => {
    const u = await measureDiskUse('/x', async () => ({
      bsize: 1000,
      blocks: 1000,
      bfree: 500,
      bavail: 400,
    }));
    expect(u).toEqual({
      usedBytes: 500_000,
      availableBytes: 400_000,
      capacityBytes: 900_000,
      usedPercent: (100 * 5) / 9,
    });
  });

  it('keeps every requested format in explicit mode', () => {
    expect(
      planCachedFormats(['wav', 'flac'], usage(89), DEFAULT_DISK_LIMITS, 'explicit').formats,
    ).toEqual(['wav', 'flac']);
  });

  it('defaults to caching M4A and FLAC but not WAV', () => {
    const plan = planCachedFormats(['wav', 'flac', 'm4a'], usage(10), DEFAULT_DISK_LIMITS, 'cache');
    expect(plan.formats).toEqual(['flac', 'm4a']);
  });

  it('fails a render that would cross the maximum, with the figures', () => {
    const bytes = estimateRenderBytes({
      formats: ['flac', 'm4a'],
      seconds: 60,
      sampleRate: 44100,
      channels: 1,
      m4aBitrate: 256,
      copies: 1,
    });
    expect(bytes).toBeGreaterThan(60 * 44100 * 2 * 2);
    expect(() =>
      assertWithinDiskMaximum('/x', usage(50), bytes, DEFAULT_DISK_LIMITS),
    ).not.toThrow();
    try {
      assertWithinDiskMaximum('/x', usage(94.99), bytes, DEFAULT_DISK_LIMITS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DiskLimitError);
      expect(error).toMatchObject({
        code: 'RENDER_DISK_LIMIT',
        maxPercent: 95,
        usedPercent: 94.99,
      });
      expect((error as DiskLimitError).projectedPercent).toBeGreaterThan(95);
    }
  });
});

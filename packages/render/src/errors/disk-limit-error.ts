import { RenderError } from './render-error.js';

/**
 * A render would push disk use past the user's maximum
 * (`cache.maxDiskUsePercent`). Carries the figures so a caller can show them.
 */
export class DiskLimitError extends RenderError {
  /** Disk use before the render, in percent of capacity. */
  readonly usedPercent: number;
  /** Disk use the render would reach, in percent. */
  readonly projectedPercent: number;
  /** The configured maximum, in percent. */
  readonly maxPercent: number;

  /**
   * @param dir - the output folder whose file system was measured
   * @param usedPercent - disk use now
   * @param projectedPercent - disk use after the render
   * @param maxPercent - the configured maximum
   */
  constructor(dir: string, usedPercent: number, projectedPercent: number, maxPercent: number) {
    super(
      'RENDER_DISK_LIMIT',
      `rendering into ${dir} would take disk use from ${usedPercent.toFixed(1)} % to ` +
        `${projectedPercent.toFixed(1)} %, past the maximum of ${maxPercent} %: free space, ` +
        'render fewer formats, or raise cache.maxDiskUsePercent',
    );
    this.usedPercent = usedPercent;
    this.projectedPercent = projectedPercent;
    this.maxPercent = maxPercent;
  }
}

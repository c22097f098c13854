/** Video standard of the emulated machine; it sets the CPU clock and raster geometry. */
export type VideoStandard = 'PAL' | 'NTSC';

/** Timing facts of one video standard. */
export interface ClockTiming {
  /** CPU clock in Hz. */
  readonly cpuHz: number;
  /** CPU cycles per raster line. */
  readonly cyclesPerLine: number;
  /** Raster lines per frame. */
  readonly linesPerFrame: number;
}

/** PAL C64 (6569 VIC-II): 63 cycles × 312 lines at 985,248 Hz. */
export const PAL_TIMING: ClockTiming = { cpuHz: 985_248, cyclesPerLine: 63, linesPerFrame: 312 };

/** NTSC C64 (6567R8 VIC-II): 65 cycles × 263 lines at 1,022,727 Hz. */
export const NTSC_TIMING: ClockTiming = { cpuHz: 1_022_727, cyclesPerLine: 65, linesPerFrame: 263 };

/** Timing for a video standard. */
export function clockTiming(standard: VideoStandard): ClockTiming {
  return standard === 'NTSC' ? NTSC_TIMING : PAL_TIMING;
}

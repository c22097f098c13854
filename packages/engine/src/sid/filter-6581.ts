/**
 * Cutoff frequency (Hz) against the 11-bit FC register for a typical 6581:
 * nearly flat around 200–300 Hz for the lower quarter of the range, a steep
 * rise through the middle, and saturation near 18 kHz. Real chips vary widely;
 * this is an average curve of the published measurements, interpolated linearly.
 */
const CUTOFF_CURVE_6581: readonly (readonly [number, number])[] = [
  [0, 220],
  [256, 260],
  [384, 300],
  [512, 420],
  [640, 780],
  [768, 1600],
  [896, 3200],
  [1024, 5000],
  [1152, 7200],
  [1280, 9500],
  [1408, 12000],
  [1536, 14500],
  [1664, 16000],
  [1792, 17100],
  [1920, 17700],
  [2047, 18000],
];

/**
 * Level (in voice full-scale units) at which the 6581 filter's integrator
 * inputs saturate; the soft clip makes loud or resonant filtered sounds distort
 * the way the 6581's op-amps do.
 */
export const FILTER_6581_SATURATION_LEVEL = 2.5;

/**
 * 6581 cutoff frequency in Hz for an FC register value.
 *
 * @param fc - 11-bit cutoff register value (0–2047)
 */
export function filter6581CutoffHz(fc: number): number {
  const curve = CUTOFF_CURVE_6581;
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i];
    if (fc <= x1) {
      const [x0, y0] = curve[i - 1];
      return y0 + ((y1 - y0) * (fc - x0)) / (x1 - x0);
    }
  }
  return curve[curve.length - 1][1];
}

/**
 * Damping (1/Q) of the 6581 filter for a resonance setting: Q rises linearly
 * from 0.707 (no resonance) to about 1.7.
 *
 * @param resonance - 4-bit resonance register value (0–15)
 */
export function filter6581InverseQ(resonance: number): number {
  return 1 / (Math.SQRT1_2 + resonance / 15);
}

/**
 * Cutoff frequency (Hz, the -3 dB point with no resonance) against the 11-bit
 * FC register, measured from libsidplayfp 2.4's reSIDfp 8580 by low-pass
 * filtering white noise at each FC value: close to 7 Hz per step at the bottom,
 * flattening to about 5 Hz per step near the top, and practically closed at 0.
 * Interpolated linearly.
 */
const CUTOFF_CURVE_8580: readonly (readonly [number, number])[] = [
  [0, 2],
  [8, 60],
  [16, 118],
  [32, 226],
  [64, 441],
  [128, 894],
  [256, 1787],
  [384, 2713],
  [512, 3531],
  [640, 4479],
  [768, 5351],
  [896, 6245],
  [1024, 7224],
  [1152, 7967],
  [1280, 8720],
  [1408, 9700],
  [1536, 10450],
  [1664, 11413],
  [1792, 12450],
  [1920, 13250],
  [2047, 14200],
];

/**
 * Pass-band gain of the 8580 filter path relative to an unfiltered voice
 * (reSIDfp measurement: about +0.3 dB).
 */
export const FILTER_8580_PASS_GAIN = 1.035;

/**
 * 8580 cutoff frequency in Hz for an FC register value.
 *
 * @param fc - 11-bit cutoff register value (0–2047)
 */
export function filter8580CutoffHz(fc: number): number {
  const curve = CUTOFF_CURVE_8580;
  for (let i = 1; i < curve.length; i++) {
    // Indexing, not destructuring: these run while a player is built, before V8 optimises.
    const x1 = curve[i][0];
    const y1 = curve[i][1];
    if (fc <= x1) {
      const x0 = curve[i - 1][0];
      const y0 = curve[i - 1][1];
      return y0 + ((y1 - y0) * (fc - x0)) / (x1 - x0);
    }
  }
  return curve[curve.length - 1][1];
}

/**
 * Damping (1/Q) of the 8580 filter: each resonance step multiplies Q by 2^(1/8),
 * giving Q ≈ 0.707 at 0 and ≈ 2.6 at 15.
 *
 * @param resonance - 4-bit resonance register value (0–15)
 */
export function filter8580InverseQ(resonance: number): number {
  return 2 ** ((4 - resonance) / 8);
}

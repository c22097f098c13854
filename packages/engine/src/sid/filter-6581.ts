/**
 * Cutoff frequency (Hz, the -3 dB point with no resonance) against the 11-bit
 * FC register, measured from libsidplayfp 2.4's reSIDfp 6581 (default filter
 * settings) by low-pass filtering white noise at each FC value: nearly flat
 * around 320–360 Hz for the lower sixth of the range, a steep rise through the
 * middle, then a slow climb past 18 kHz. Interpolated linearly.
 */
const CUTOFF_CURVE_6581: readonly (readonly [number, number])[] = [
  [0, 320],
  [128, 340],
  [256, 355],
  [320, 409],
  [384, 603],
  [448, 1087],
  [512, 1529],
  [576, 2304],
  [640, 3456],
  [704, 4134],
  [768, 4899],
  [832, 6200],
  [896, 7300],
  [960, 8100],
  [1024, 9195],
  [1088, 10196],
  [1152, 11000],
  [1216, 12300],
  [1280, 13297],
  [1344, 14200],
  [1408, 15300],
  [1472, 15924],
  [1536, 16500],
  [1600, 17500],
  [1664, 17937],
  [1728, 18500],
  [2047, 20000],
];

/**
 * The curve gives -3 dB points, but the filter takes its natural frequency: with
 * the 6581's Q of about 0.78 at resonance 0 the -3 dB point lies 9.4% above it.
 */
const MINUS_3DB_OVER_NATURAL_AT_RES_0 = 1.094;

/**
 * Pass-band gain of the 6581 filter path relative to an unfiltered voice,
 * against FC (same measurement as the cutoff curve): about -4 dB while the
 * cutoff sits at its floor, -1.8 dB once it opens up. Interpolated linearly.
 */
const PASS_GAIN_CURVE_6581: readonly (readonly [number, number])[] = [
  [0, 0.63],
  [256, 0.64],
  [320, 0.69],
  [384, 0.745],
  [448, 0.77],
  [512, 0.8],
  [640, 0.815],
  [2047, 0.81],
];

function interpolate(curve: readonly (readonly [number, number])[], x: number): number {
  for (let i = 1; i < curve.length; i++) {
    // Indexing, not destructuring: these run while a player is built, before V8 optimises.
    const x1 = curve[i][0];
    const y1 = curve[i][1];
    if (x <= x1) {
      const x0 = curve[i - 1][0];
      const y0 = curve[i - 1][1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return curve[curve.length - 1][1];
}

/**
 * Level (in voice full-scale units) at which the 6581 filter's integrator
 * inputs saturate; the soft clip makes loud or resonant filtered sounds distort
 * the way the 6581's op-amps do.
 */
export const FILTER_6581_SATURATION_LEVEL = 2.5;

/**
 * How much the 6581 filter opens up with signal level. Its integrators are fed
 * through MOSFET resistors whose conductance grows with the voltage across them,
 * relatively more the lower the cutoff (the lower the gate voltage). Each
 * integrator's gain is scaled by `1 + k x^2` (x: its input, in voice full-scale
 * units; at most {@link FILTER_6581_OPENING_MAX}), with
 * `k = FILTER_6581_OPENING * (FILTER_6581_OPENING_HZ / cutoff)^2`. Fitted to
 * libsidplayfp 2.4's reSIDfp with a probe tune (a 220 Hz pulse through the
 * low-pass at FC 0–768, resonance 0/8/15, sustain 15 and 6): at FC 0–256 and
 * resonance 8–15 the full-level pulse's 0.6–5 kHz bands come within about 6 dB of
 * reSIDfp's (were 15–40 dB short); at low level the filter stays nearly linear, as
 * reSIDfp's does. What it does not make is reSIDfp's strong 2nd harmonic there
 * (440 Hz about 5–15 dB under the fundamental; ours 25–35 dB under).
 */
export const FILTER_6581_OPENING = 1;

/** Cutoff (Hz) at which the level-dependent opening has strength {@link FILTER_6581_OPENING}; it scales as 1/cutoff². */
export const FILTER_6581_OPENING_HZ = 600;

/** Largest factor the opening may scale an integrator's gain by (keeps the loop stable). */
export const FILTER_6581_OPENING_MAX = 4;

/**
 * 6581 cutoff (natural) frequency in Hz for an FC register value.
 *
 * @param fc - 11-bit cutoff register value (0–2047)
 */
export function filter6581CutoffHz(fc: number): number {
  return interpolate(CUTOFF_CURVE_6581, fc) / MINUS_3DB_OVER_NATURAL_AT_RES_0;
}

/**
 * Gain of the 6581 filter's outputs relative to the direct (unfiltered) path,
 * for an FC register value.
 *
 * @param fc - 11-bit cutoff register value (0–2047)
 */
export function filter6581PassGain(fc: number): number {
  return interpolate(PASS_GAIN_CURVE_6581, fc);
}

/**
 * Damping (1/Q) of the 6581 filter against the resonance register, fitted to
 * the resonance peaks of libsidplayfp 2.4's reSIDfp 6581 at FC = 1024 (+0.4 dB
 * at 0 up to +8.2 dB at 15): Q rises from about 0.78 to 2.5, slowly at first.
 */
const INVERSE_Q_CURVE_6581: readonly (readonly [number, number])[] = [
  [0, 1.28],
  [4, 1.15],
  [8, 0.91],
  [12, 0.645],
  [15, 0.4],
];

/**
 * Damping (1/Q) of the 6581 filter for a resonance setting.
 *
 * @param resonance - 4-bit resonance register value (0–15)
 */
export function filter6581InverseQ(resonance: number): number {
  return interpolate(INVERSE_Q_CURVE_6581, resonance);
}

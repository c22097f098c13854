/** Coefficients of one biquad section, normalised so `a0 = 1`. */
export interface Biquad {
  /** Feed-forward coefficients b0, b1, b2. */
  readonly b: readonly [number, number, number];
  /** Feedback coefficients a1, a2. */
  readonly a: readonly [number, number];
}

/**
 * The two ITU-R BS.1770-4 K-weighting stages (a high-shelf "head" filter
 * and the RLB high-pass) for any sample rate. BS.1770 tabulates them for
 * 48 kHz only; these are the analogue prototypes behind that table taken
 * through the bilinear transform, as libebur128 does, so at 48 kHz they
 * reproduce the tabulated values.
 *
 * @param sampleRate - frames per second
 * @returns `[shelf, highPass]`
 */
export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [
      (vh + (vb * k) / q + k * k) / a0,
      (2 * (k * k - vh)) / a0,
      (vh - (vb * k) / q + k * k) / a0,
    ],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = {
    b: [1, -2, 1],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  return [shelf, highPass];
}

/**
 * Windowed-sinc FIR design helpers for the resampler (Kaiser window, so the
 * stopband attenuation is chosen directly in dB).
 */

/** Zeroth-order modified Bessel function of the first kind (series; converges fast for the β used here). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser β for a stopband attenuation of `attenuationDb` (Kaiser's empirical formula). */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) {
    return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  }
  return 0;
}

/**
 * Kaiser-window FIR length (taps) reaching `attenuationDb` with a transition
 * band `transition` wide, as a fraction of the sampling rate.
 */
export function kaiserLength(attenuationDb: number, transition: number): number {
  return Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
}

/** Kaiser window value at `x` in [-1, 1] (0 outside). */
export function kaiserWindow(x: number, beta: number, i0Beta: number): number {
  if (x <= -1 || x >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
}

/** Normalised sinc: sin(πx)/(πx). */
export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/**
 * Corner of the C64 board's output low-pass (10 kΩ with 1 nF), in Hz.
 */
export const EXTERNAL_LOW_PASS_HZ = 1 / (2 * Math.PI * 10e3 * 1e-9);

/**
 * Corner of the C64 board's output AC coupling high-pass (10 kΩ with 10 µF, about 1.6 Hz),
 * in Hz. reSIDfp's renders of white noise are flat down to 5 Hz, which this corner
 * reproduces (a 16 Hz corner left them 2 dB short at 20 Hz and 5 dB at 10 Hz).
 */
export const EXTERNAL_HIGH_PASS_HZ = 1 / (2 * Math.PI * 10e3 * 10e-6);

/**
 * Per-cycle smoothing factors of the external filter's two one-pole stages:
 * each stage does `state += factor * (input - state)` once per clock cycle.
 */
export interface ExternalFilterFactors {
  /** Factor of the ~16 kHz low-pass stage. */
  readonly lowPass: number;
  /** Factor of the ~1.6 Hz high-pass (AC coupling) stage. */
  readonly highPass: number;
}

/**
 * Computes the {@link ExternalFilterFactors} for a clock rate.
 *
 * @param clockHz - SID clock rate
 */
export function externalFilterFactors(clockHz: number): ExternalFilterFactors {
  return {
    lowPass: 1 - Math.exp((-2 * Math.PI * EXTERNAL_LOW_PASS_HZ) / clockHz),
    highPass: 1 - Math.exp((-2 * Math.PI * EXTERNAL_HIGH_PASS_HZ) / clockHz),
  };
}

/** Taps per polyphase branch; 4 branches × 12 taps = the 48-tap length BS.1770-4 suggests. */
const TAPS = 12;
/** Oversampling factor BS.1770-4 Annex 2 asks for at 44.1/48 kHz. */
export const TRUE_PEAK_OVERSAMPLING = 4;

/**
 * A 4× polyphase interpolator (Hann-windowed sinc, cut-off at the input
 * Nyquist frequency, each phase normalised to unity gain at DC) that
 * tracks the largest absolute inter-sample value of one channel, as
 * BS.1770-4 Annex 2 describes for true-peak metering.
 */
export class TruePeakInterpolator {
  private readonly phases: Float64Array;
  /** Doubled ring: each sample is stored twice so a window is always contiguous. */
  private readonly history = new Float64Array(2 * TAPS);
  private at = 0;
  /** Largest absolute interpolated value seen so far (full scale 1). */
  peak = 0;

  constructor() {
    const phases = new Float64Array(TAPS * TRUE_PEAK_OVERSAMPLING);
    const centre = TAPS / 2 - 1;
    const halfSpan = TAPS / 2 + 1;
    for (let p = 0; p < TRUE_PEAK_OVERSAMPLING; p++) {
      let sum = 0;
      for (let k = 0; k < TAPS; k++) {
        // Distance in input samples between the interpolated instant and input sample n-k.
        const d = k - centre + p / TRUE_PEAK_OVERSAMPLING;
        const sinc = d === 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
        const coefficient = sinc * (0.5 + 0.5 * Math.cos((Math.PI * d) / halfSpan));
        phases[p * TAPS + k] = coefficient;
        sum += coefficient;
      }
      for (let k = 0; k < TAPS; k++) phases[p * TAPS + k] /= sum;
    }
    this.phases = phases;
  }

  /** Feeds one sample (full scale 1) and updates {@link TruePeakInterpolator.peak}. */
  push(x: number): void {
    const h = this.history;
    const at = this.at;
    h[at] = x;
    h[at + TAPS] = x;
    this.at = at + 1 === TAPS ? 0 : at + 1;
    // Newest sample is at at+TAPS; the window runs from at+1 (oldest) to at+TAPS.
    const start = at + 1;
    const c = this.phases;
    let peak = this.peak;
    for (let p = 0; p < TRUE_PEAK_OVERSAMPLING; p++) {
      let y = 0;
      const base = p * TAPS;
      for (let k = 0; k < TAPS; k++) y += c[base + k] * h[start + TAPS - 1 - k];
      const m = y < 0 ? -y : y;
      if (m > peak) peak = m;
    }
    this.peak = peak;
  }
}

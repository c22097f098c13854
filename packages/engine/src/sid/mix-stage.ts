/**
 * Even-order distortion of the SID's output mixer and volume stage.
 *
 * The voices, the filter outputs and the master volume meet in op-amp stages
 * whose transfer curves are not straight, so a real SID (and reSIDfp, which
 * models those op-amps) adds a second harmonic to every voice and
 * intermodulation products between voices. Measured on libsidplayfp 2.4's
 * reSIDfp with one full-level triangle voice at 240 Hz: the 2nd harmonic sits at
 * -36 dB (6581) and -40 dB (8580) below the fundamental and falls by 6 dB per
 * halving of the voice level, so it is quadratic. On the 6581 it hardly depends
 * on the volume register (the curve acts before the volume stage); on the 8580 it
 * falls with the volume (it acts after).
 *
 * Both stages are modelled as `x + k·x²`, with `k` fitted to those
 * measurements in the chip's output units (see {@link SidChip}'s output scale).
 */
export interface MixStageCurve {
  /** Quadratic term of the mixer stage, applied to the voice and filter sum before the volume. */
  readonly beforeVolume: number;
  /** Quadratic term of the output stage, applied after the volume. */
  readonly afterVolume: number;
}

/**
 * 6581: mostly the mixer op-amp (the 2nd harmonic drops only 1 dB at volume 8 and 4 dB at
 * volume 4), partly after the volume stage. Fitted to -36.3, -37.3 and -40.2 dB at volumes
 * 15, 8 and 4.
 */
export const MIX_STAGE_6581: MixStageCurve = { beforeVolume: 0.0176, afterVolume: 0.056 };

/** 8580: after the volume stage. Fitted to -39.6 dB at volume 15 (-45 and -51 at 8 and 4). */
export const MIX_STAGE_8580: MixStageCurve = { beforeVolume: 0, afterVolume: 0.066 };

/**
 * Gain of the volume stage for each 4-bit volume, relative to volume 15. Not
 * proportional to the register: measured on reSIDfp (RMS of a full-level voice
 * at each volume), the 6581's gain is 12 % above proportional at the bottom
 * (0.075 at volume 1, 0.569 at 8) and the 8580's about 1.5 % above. Both fit
 * `a·v − c·v²` within 0.5 %.
 *
 * @param model - chip revision
 * @param volume - volume register value (0–15)
 */
export function volumeGain(model: '6581' | '8580', volume: number): number {
  const [a, c] = model === '6581' ? [0.0753, 0.000573] : [0.0687, 0.000137];
  const at15 = 15 * a - 225 * c;
  return (volume * a - volume * volume * c) / at15;
}

/**
 * Output level of the 6581 relative to the mixer's units (where three in-phase full-level
 * voices reach about ±1 at volume 15). libsidplayfp 2.4 (reSIDfp) plays real tunes about
 * 12.5 dB quieter than those units (median RMS difference over the 34 6581 tunes of the
 * stride-12 fidelity sample; its peaks stay below 0.5 of full scale), so without this gain
 * loud tunes clip, which smears their spectra.
 */
export const OUTPUT_GAIN_6581 = 0.237;

/**
 * Output level of the 8580, as {@link OUTPUT_GAIN_6581}: reSIDfp's 8580 plays about 17.1 dB below
 * the mixer's units. Measured with single voices at volume 15 (triangle, saw, pulse, the four
 * combined waveforms and filtered noise all came out 0.8-0.9 dB louder than libsidplayfp 2.4 at
 * 0.155, as did the power spectra of the 34 8580 tunes of the stride-6 fidelity sample).
 */
export const OUTPUT_GAIN_8580 = 0.1403;

/**
 * DC level at the 6581's output pins that the board's AC coupling removes, in output units
 * (full scale 1). None is modelled: the 6581's power-on step comes from its large voice DC.
 */
export const OUTPUT_BIAS_6581 = 0;

/**
 * DC level at the 8580's output pins that the board's AC coupling removes, in output units
 * (full scale 1). It is inaudible once the coupling capacitor has charged, but at power-on the
 * capacitor is empty, so the output starts with a step that decays through the 1.6 Hz high-pass:
 * libsidplayfp 2.4 (reSIDfp) starts every 8580 tune with it (a tune that writes nothing but the
 * driver's volume 15 starts at -6,500 of 32,768, -2,500 after 1,000 samples, -520 after 10,000),
 * ten times the 8580's volume step (±460 for volume 0 ↔ 15). Fitted to that render's largest
 * low-frequency spectrogram bin (the frame the step falls in) with the volume step included.
 */
export const OUTPUT_BIAS_8580 = 0.08;

import {
  ensureCombinedWaveforms,
  ensurePlainWaveforms,
  needsCombinedWaveforms,
  sharedWaveformTables,
  type WaveformTables,
} from './combined-waveforms.js';
import {
  FILTER_6581_OPENING,
  FILTER_6581_OPENING_HZ,
  FILTER_6581_OPENING_MAX,
  FILTER_6581_SATURATION_LEVEL,
  filter6581CutoffHz,
  filter6581InverseQ,
  filter6581PassGain,
} from './filter-6581.js';
import { FILTER_8580_PASS_GAIN, filter8580CutoffHz, filter8580InverseQ } from './filter-8580.js';
import {
  MIX_STAGE_6581,
  MIX_STAGE_8580,
  type MixStageCurve,
  OUTPUT_BIAS_6581,
  OUTPUT_BIAS_8580,
  OUTPUT_GAIN_6581,
  OUTPUT_GAIN_8580,
  volumeGain,
} from './mix-stage.js';
import { buildEnvelopeDac, centredSidDacEntry, fillCentredSidDac } from './sid-dac.js';
import type { SidModel } from './sid-types.js';
import { storedSidDacTables } from './stored-sid-dac-tables.js';

/**
 * Everything that differs between the 6581 and the 8580, precomputed so the
 * chip's cycle loop only does table look-ups.
 */
export interface SidModelProfile {
  /** Chip revision described. */
  readonly model: SidModel;
  /**
   * Waveform tables; their entries are filled in when a voice first selects a
   * waveform that reads them ({@link SidModelProfile.prepareVoiceOutput}).
   */
  readonly waveforms: WaveformTables;
  /**
   * Waveform DAC output for each 12-bit value, relative to the voice's zero
   * level and divided by 2048 (so a full swing spans about 2.0). Only entry 0
   * (a silent voice's output) is valid until {@link SidModelProfile.prepareVoiceOutput}
   * first sees a voice output something else; the table is then filled in place.
   */
  readonly waveDac: Float32Array;
  /**
   * Fills in, once, what a voice with waveform register value `waveform`
   * (0–15) holding DAC input `output` reads: the waveform tables (plain, and
   * combined when the waveform needs them) and the whole waveform DAC, unless
   * the voice is silent (both 0). Call on every waveform change, model switch
   * and state load, before the cycle loop runs; it never runs in the loop.
   */
  readonly prepareVoiceOutput: (waveform: number, output: number) => void;
  /** Envelope DAC output for each 8-bit envelope value, 0 to 1. */
  readonly envelopeDac: Float32Array;
  /**
   * DC level each voice adds to the mix regardless of its envelope, in the
   * waveform DAC's units. Large on the 6581, which is why $D418 volume writes
   * alone are audible there ("digis"); about a fifth of that on the 8580.
   */
  readonly voiceDc: number;
  /**
   * Filter cutoff in Hz for an 11-bit FC value. Each value is computed on its
   * first use and then remembered: a tune visits few of the 2048, and
   * computing them all up front dominated a fresh process's first player.
   */
  readonly cutoffHz: (fc: number) => number;
  /** Gain of the filter outputs relative to the direct path for an 11-bit FC value (remembered likewise). */
  readonly filterPassGain: (fc: number) => number;
  /** Filter damping 1/Q for each resonance value. */
  readonly inverseQ: Float64Array;
  /** Gain of the volume stage for a volume register value, 1 at 15 (computed on first use, then remembered). */
  readonly volumeGain: (volume: number) => number;
  /** Even-order distortion of the mixer and volume stages. */
  readonly mixStage: MixStageCurve;
  /**
   * Gain from the mixer's units (three in-phase full-level voices reach about ±1 at volume 15)
   * to the output sample, so a tune plays at reSIDfp's level (see mix-stage.ts).
   */
  readonly outputGain: number;
  /**
   * DC level of the output pins in output units, removed by the board's AC coupling once its
   * capacitor has charged (so only the power-on step is audible; see mix-stage.ts).
   */
  readonly outputBias: number;
  /** Integrator input saturation level, or 0 for a linear filter. */
  readonly saturationLevel: number;
  /**
   * Level-dependent opening of the filter's integrators (6581; 0 = linear): gain scale
   * `1 + k x^2`, k = `filterOpening` × (`filterOpeningHz` / cutoff)².
   */
  readonly filterOpening: number;
  /** Cutoff (Hz) at which the opening has strength `filterOpening`. */
  readonly filterOpeningHz: number;
  /** Cap of the opening's gain scale. */
  readonly filterOpeningMax: number;
  /** The 6581's saw selector can drive the accumulator MSB low when combined with other waveforms. */
  readonly sawPullsAccumulatorMsb: boolean;
  /** Cycles the waveform DAC holds its last value after the waveform is set to 0. */
  readonly floatingOutputTtl: number;
  /** Cycles between the fading of successive bits of that floating value. */
  readonly floatingOutputFade: number;
  /** Cycles the test bit must be held before the noise register starts filling with ones. */
  readonly shiftRegisterResetTtl: number;
  /** Cycles between successive ones filling the noise register while the test bit is held. */
  readonly shiftRegisterFade: number;
  /** Cycles a value on the data bus survives before reading write-only registers returns 0. */
  readonly busValueTtl: number;
}

/** `curve` over the register values 0 … `count` − 1, each computed once, on its first use. */
function remembered(count: number, curve: (value: number) => number): (value: number) => number {
  const values = new Float64Array(count).fill(Number.NaN);
  return (at) => {
    let value = values[at];
    if (Number.isNaN(value)) {
      value = curve(at);
      values[at] = value;
    }
    return value;
  };
}

/** Waveform DAC input at a voice's zero level: the 6581's DAC sits on a bias (about 0x380), the 8580's is centred. */
function waveDacZeroAt(model: SidModel): number {
  return model === '6581' ? 0x380 : 0x800;
}

/**
 * What a silent voice outputs (waveform DAC input 0, relative to the zero
 * level and divided by 2048): entry 0 of {@link SidModelProfile.waveDac}.
 */
export function silentVoiceOutput(model: SidModel): number {
  return centredSidDacEntry(12, model, waveDacZeroAt(model), 2048, 0);
}

function buildProfile(model: SidModel): SidModelProfile {
  const is6581 = model === '6581';
  const dacZeroAt = waveDacZeroAt(model);
  // The package stores what a new chip needs of the DACs (bit for bit the computed values),
  // so a fresh process's first player does not run the ladder model before its first sample.
  const stored = storedSidDacTables(model);
  // Until a voice selects a waveform every voice outputs DAC input 0; the table is
  // filled when one first does (building it was a large part of a fresh process's first player).
  const waveDac = new Float32Array(4096);
  waveDac[0] = stored?.silentVoiceOutput ?? silentVoiceOutput(model);
  let waveDacReady = false;
  const waveforms = sharedWaveformTables(model);
  const prepareVoiceOutput = (waveform: number, output: number): void => {
    if (waveform === 0 && output === 0) return;
    if (!waveDacReady) {
      fillCentredSidDac(waveDac, 12, model, dacZeroAt, 2048);
      waveDacReady = true;
    }
    ensurePlainWaveforms(waveforms);
    if (needsCombinedWaveforms(waveform)) ensureCombinedWaveforms(waveforms);
  };
  const envelopeDac = stored?.envelopeDac ?? buildEnvelopeDac(model);
  const inverseQ = new Float64Array(16);
  for (let res = 0; res < 16; res++) {
    inverseQ[res] = is6581 ? filter6581InverseQ(res) : filter8580InverseQ(res);
  }
  return {
    model,
    waveforms,
    waveDac,
    prepareVoiceOutput,
    envelopeDac,
    // 8580: a volume 15 -> 0 write with silent voices steps reSIDfp's output by about 480 of
    // 32,768 (0 -> 15: -435), which 0.1 reproduces at OUTPUT_GAIN_8580 (0.02 gave 101).
    voiceDc: is6581 ? 0.5 : 0.1,
    cutoffHz: remembered(2048, is6581 ? filter6581CutoffHz : filter8580CutoffHz),
    filterPassGain: is6581 ? remembered(2048, filter6581PassGain) : () => FILTER_8580_PASS_GAIN,
    inverseQ,
    volumeGain: remembered(16, (volume) => volumeGain(model, volume)),
    mixStage: is6581 ? MIX_STAGE_6581 : MIX_STAGE_8580,
    outputGain: is6581 ? OUTPUT_GAIN_6581 : OUTPUT_GAIN_8580,
    outputBias: is6581 ? OUTPUT_BIAS_6581 : OUTPUT_BIAS_8580,
    saturationLevel: is6581 ? FILTER_6581_SATURATION_LEVEL : 0,
    filterOpening: is6581 ? FILTER_6581_OPENING : 0,
    filterOpeningHz: FILTER_6581_OPENING_HZ,
    filterOpeningMax: FILTER_6581_OPENING_MAX,
    sawPullsAccumulatorMsb: is6581,
    floatingOutputTtl: is6581 ? 54_000 : 800_000,
    floatingOutputFade: is6581 ? 1_400 : 50_000,
    // libsidplayfp 2.4's reSIDfp, and OSC3 read back under it with the test bit held.
    shiftRegisterResetTtl: is6581 ? 50_000 : 986_000,
    shiftRegisterFade: is6581 ? 15_000 : 314_300,
    busValueTtl: is6581 ? 0x1d00 : 0xa2000,
  };
}

const profiles = new Map<SidModel, SidModelProfile>();

/**
 * Returns the (shared, immutable) profile of `model`.
 *
 * @param model - chip revision
 */
export function sidModelProfile(model: SidModel): SidModelProfile {
  let profile = profiles.get(model);
  if (!profile) {
    profile = buildProfile(model);
    profiles.set(model, profile);
  }
  return profile;
}

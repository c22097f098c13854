import { SidflowError } from '@sidflow/core';
import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { HalfbandDecimator } from './halfband-decimator.js';
import { PolyphaseInterpolator } from './polyphase-interpolator.js';

/** Options of {@link Resampler}. */
export interface ResamplerOptions {
  /** Input rate in Hz, a positive integer: the CPU clock (985,248 PAL, 1,022,727 NTSC). */
  inputRate: number;
  /** Output rate in Hz, an integer in 8,000 … 192,000, at most half the input rate. */
  outputRate: number;
  /** Passband edge in Hz; default min(20,000, 0.45 × outputRate). */
  passbandHz?: number;
}

/** Designed stopband attenuation of every stage (the cascade measures ≥ 80 dB). */
const ATTENUATION_DB = 90;
/** Input samples handled per internal block; the stage buffers are sized for it. */
const BLOCK = 4096;
/** Spare room of the last half-band stage over its worst-case fill (see `chooseStages`). */
const HALFBAND_MARGIN = 0.09;

/**
 * Band-limited resampler from one float sample per CPU cycle to an audio rate.
 *
 * Two stages: a chain of half-band decimators (÷2 each) down to an
 * intermediate rate between ~1.1 and ~2.2 × the output rate, then a polyphase
 * windowed-sinc FIR (256 phases, linear interpolation between phases) at an
 * exact rational ratio. The passband runs to `passbandHz`; the stopband
 * (≥ 80 dB) starts at outputRate − passbandHz, so anything that could alias
 * lands above the passband (the reSID convention): with 44.1 kHz output, tones
 * from 24.1 kHz up are removed, and 22.05–24.1 kHz may fold into 20–22.05 kHz.
 *
 * Streaming and allocation-free after construction: call `process` with any
 * chunk size; chunked and one-shot processing give identical samples. The
 * filters delay the signal by a few output samples; the first outputs are the
 * filters' response to the silence before the stream.
 */
export class Resampler {
  /** Input rate in Hz. */
  readonly inputRate: number;
  /** Output rate in Hz. */
  readonly outputRate: number;
  /** Passband edge in Hz. */
  readonly passbandHz: number;
  private readonly decimators: HalfbandDecimator[];
  private readonly interpolator: PolyphaseInterpolator;

  /** @param options - rates and passband */
  constructor(options: ResamplerOptions) {
    const { inputRate, outputRate } = options;
    if (!Number.isInteger(inputRate) || inputRate <= 0) {
      throw new SidflowError(
        'RESAMPLER_BAD_RATE',
        `input rate must be a positive integer, got ${inputRate}`,
      );
    }
    if (!Number.isInteger(outputRate) || outputRate < 8000 || outputRate > 192_000) {
      throw new SidflowError(
        'RESAMPLER_BAD_RATE',
        `output rate must be an integer in 8000..192000, got ${outputRate}`,
      );
    }
    if (outputRate * 2 > inputRate) {
      throw new SidflowError(
        'RESAMPLER_BAD_RATE',
        `output rate ${outputRate} must be at most half the input rate ${inputRate}`,
      );
    }
    const pass = options.passbandHz ?? Math.min(20_000, 0.45 * outputRate);
    if (!(pass > 0 && pass < 0.5 * outputRate)) {
      throw new SidflowError(
        'RESAMPLER_BAD_PASSBAND',
        `passband ${pass} Hz must lie in (0, ${outputRate / 2})`,
      );
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.passbandHz = pass;
    // Everything below `protect` must stay free of aliases until the last stage.
    const protect = outputRate - pass;
    let stages = 0;
    while ((inputRate / 2 ** (stages + 1)) * (1 - HALFBAND_MARGIN) >= 2 * protect) stages++;
    this.decimators = [];
    let rate = inputRate;
    let block = BLOCK;
    for (let s = 0; s < stages; s++) {
      this.decimators.push(new HalfbandDecimator(protect / rate, ATTENUATION_DB, block));
      rate /= 2;
      block = Math.ceil(block / 2) + 1;
    }
    const factor = 2 ** stages;
    // Intermediate sample period in units of 1 / (factor × outputRate): exactly inputRate.
    this.interpolator = new PolyphaseInterpolator(
      inputRate,
      factor * outputRate,
      rate,
      pass,
      protect,
      ATTENUATION_DB,
      block,
    );
  }

  /** Most samples one `process` call can return for `inCount` input samples. */
  maxOutput(inCount: number): number {
    return Math.ceil((inCount * this.outputRate) / this.inputRate) + 2;
  }

  /** Number of half-band ÷2 stages before the polyphase stage. */
  get halfbandStages(): number {
    return this.decimators.length;
  }

  /** Taps per output of the polyphase stage. */
  get polyphaseTaps(): number {
    return this.interpolator.taps;
  }

  /** Forgets all history (silence before the next input). */
  reset(): void {
    for (const d of this.decimators) d.reset();
    this.interpolator.reset();
  }

  /**
   * Resamples `inCount` samples of `input` from `inOffset`, writing to `output`
   * from `outOffset`. `output` needs room for {@link Resampler.maxOutput}(inCount).
   * @returns number of samples written
   */
  process(
    input: Float32Array,
    inOffset: number,
    inCount: number,
    output: Float32Array,
    outOffset: number,
  ): number {
    const decimators = this.decimators;
    const stages = decimators.length;
    const interpolator = this.interpolator;
    let produced = 0;
    while (inCount > 0) {
      const n = Math.min(inCount, BLOCK);
      const first = stages > 0 ? decimators[0].buffer : interpolator.buffer;
      let at = stages > 0 ? decimators[0].length : interpolator.length;
      for (let i = 0; i < n; i++) first[at++] = input[inOffset + i];
      if (stages > 0) decimators[0].length = at;
      else interpolator.length = at;
      for (let s = 0; s < stages; s++) {
        if (s + 1 < stages) {
          const next = decimators[s + 1];
          next.length += decimators[s].run(next.buffer, next.length);
        } else {
          interpolator.length += decimators[s].run(interpolator.buffer, interpolator.length);
        }
      }
      produced += interpolator.run(output, outOffset + produced);
      inOffset += n;
      inCount -= n;
    }
    return produced;
  }

  /** Writes all filter history and the output clock. */
  saveState(w: StateWriter): void {
    w.u8(this.decimators.length);
    for (const d of this.decimators) d.saveState(w);
    this.interpolator.saveState(w);
  }

  /** Restores what {@link Resampler.saveState} wrote (same rates required). */
  loadState(r: StateReader): void {
    const stages = r.u8();
    if (stages !== this.decimators.length) {
      throw new SidflowError(
        'SNAPSHOT_MISMATCH',
        `snapshot resampler has ${stages} stages, this one ${this.decimators.length}`,
      );
    }
    for (const d of this.decimators) d.loadState(r);
    this.interpolator.loadState(r);
  }
}

import { SidflowError } from '@sidflow/core';
import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import { HalfbandDecimator, halfbandWingTaps } from './halfband-decimator.js';
import { PolyphaseInterpolator, polyphaseTaps } from './polyphase-interpolator.js';

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
/**
 * Cost of one polyphase tap relative to one half-band multiply, for choosing
 * the stage count: a tap is evaluated at two neighbouring phases, and the
 * per-output bookkeeping is heavier (measured ≈ 3 on V8).
 */
const POLYPHASE_TAP_COST = 3;
/** Spare room of the last possible half-band stage over its worst-case fill. */
const HALFBAND_MARGIN = 0.09;

/**
 * Band-limited resampler from one float sample per CPU cycle to an audio rate.
 *
 * Three parts: a chain of half-band decimators (÷2 each; the first reads the
 * caller's input in place), a polyphase windowed-sinc FIR (256 phases, linear
 * interpolation between phases) at an exact rational ratio to twice the output
 * rate, and a final half-band ÷2 to the output rate. The polyphase stage only
 * has to pass `passbandHz` and stop from outputRate + passbandHz, so it is
 * short (12–16 taps); the steep transition, symmetric about outputRate / 2, is
 * exactly what a half-band filter at twice the output rate does cheaply. The
 * chain length minimises the estimated multiplies per second.
 *
 * The passband runs to `passbandHz`; the stopband (≥ 80 dB) starts at
 * outputRate − passbandHz, so anything that could alias lands above the
 * passband (the reSID convention): with 44.1 kHz output, tones from 24.1 kHz
 * up are removed, and 22.05–24.1 kHz may fold into 20–22.05 kHz.
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
  private readonly finalDecimator: HalfbandDecimator;
  /** Output of the final half-band before conversion to the caller's Float32Array. */
  private readonly scratch: Float64Array;

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
    let feasible = 0;
    while ((inputRate / 2 ** (feasible + 1)) * (1 - HALFBAND_MARGIN) >= 2 * protect) feasible++;
    // Each ÷2 stage lowers the polyphase input rate (fewer taps) but gets
    // steeper itself as its rate nears 2 × protect: take the cheapest count.
    let stages = feasible;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let count = 0; count <= feasible; count++) {
      let cost = 0;
      let rate = inputRate;
      for (let s = 0; s < count; s++) {
        cost += (halfbandWingTaps(protect / rate, ATTENUATION_DB) + 1) * (rate / 2);
        rate /= 2;
      }
      const taps = polyphaseTaps(rate, pass, outputRate + pass, ATTENUATION_DB);
      cost += POLYPHASE_TAP_COST * taps * 2 * outputRate;
      if (cost < bestCost) {
        bestCost = cost;
        stages = count;
      }
    }
    this.decimators = [];
    let rate = inputRate;
    let block = BLOCK;
    for (let s = 0; s < stages; s++) {
      this.decimators.push(new HalfbandDecimator(protect / rate, ATTENUATION_DB, block));
      rate /= 2;
      block = Math.ceil(block / 2) + 1;
    }
    const factor = 2 ** stages;
    // The polyphase stage only has to reach twice the output rate, so its
    // transition runs from the passband edge up to outputRate + pass (what
    // lies between is removed by the final half-band): a short filter.
    // Intermediate sample period in units of 1 / (factor × 2 × outputRate): exactly inputRate.
    this.interpolator = new PolyphaseInterpolator(
      inputRate,
      factor * 2 * outputRate,
      rate,
      pass,
      outputRate + pass,
      ATTENUATION_DB,
      block,
    );
    // Its outputs per block, with room for the rounding of the output clock.
    const doubled = Math.ceil((block * 2 * outputRate) / rate) + 2;
    // The steep passband-to-stopband transition, centred on outputRate / 2,
    // is exactly a half-band filter at twice the output rate.
    this.finalDecimator = new HalfbandDecimator(pass / (2 * outputRate), ATTENUATION_DB, doubled);
    this.scratch = new Float64Array(Math.ceil(doubled / 2) + 2);
  }

  /** Most samples one `process` call can return for `inCount` input samples. */
  maxOutput(inCount: number): number {
    return Math.ceil((inCount * this.outputRate) / this.inputRate) + 2;
  }

  /** Number of half-band ÷2 stages before the polyphase stage (not counting the final one). */
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
    this.finalDecimator.reset();
  }

  /**
   * Silences the filters' history but keeps the output clock, so the output
   * stays on the same sample grid (used when a seek restarts synthesis).
   */
  clearHistory(): void {
    for (const d of this.decimators) d.clearHistory();
    this.interpolator.clearHistory();
    this.finalDecimator.clearHistory();
  }

  /**
   * Advances the output clock as if `inCount` input samples had been
   * processed, without filtering anything (fast seeking); the history becomes
   * silence. Allocation-free.
   * @returns the number of samples {@link Resampler.process} would have written
   */
  skip(inCount: number): number {
    let count = inCount;
    const decimators = this.decimators;
    for (let i = 0; i < decimators.length; i++) count = decimators[i].skip(count);
    count = this.interpolator.skip(count);
    return this.finalDecimator.skip(count);
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
    const finalDecimator = this.finalDecimator;
    const scratch = this.scratch;
    let produced = 0;
    while (inCount > 0) {
      const n = Math.min(inCount, BLOCK);
      if (stages > 0) {
        const next = stages > 1 ? decimators[1] : interpolator;
        next.length += decimators[0].runFrom(input, inOffset, n, next.buffer, next.length);
      } else {
        const buffer = interpolator.buffer;
        let at = interpolator.length;
        for (let i = inOffset, end = inOffset + n; i < end; i++) buffer[at++] = input[i];
        interpolator.length = at;
      }
      for (let s = 1; s < stages; s++) {
        const next = s + 1 < stages ? decimators[s + 1] : interpolator;
        next.length += decimators[s].run(next.buffer, next.length);
      }
      finalDecimator.length += interpolator.run(finalDecimator.buffer, finalDecimator.length);
      const made = finalDecimator.run(scratch, 0);
      for (let i = 0, o = outOffset + produced; i < made; i++) output[o + i] = scratch[i];
      produced += made;
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
    this.finalDecimator.saveState(w);
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
    this.finalDecimator.loadState(r);
  }
}

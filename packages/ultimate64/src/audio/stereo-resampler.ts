import { InvalidArgumentError } from '../errors.js';

/** Options of {@link StereoResampler}. */
export interface StereoResamplerOptions {
  /** Input rate in Hz (e.g. 47,983). */
  inputRate: number;
  /** Output rate in Hz (e.g. 44,100). */
  outputRate: number;
  /** Taps per output sample (even). Default 64. */
  taps?: number;
  /**
   * Polyphase table rows. Default 4,096: each output uses the nearest row (time
   * error ≤ 1/8,192 input sample, below −70 dB even at 20 kHz). Below 2,048 the
   * coefficients are interpolated between rows instead (slower, for small tables).
   */
  phases?: number;
  /** Kaiser window β (stopband ≈ 80 dB at the default 7.86). */
  beta?: number;
  /** Most input frames one `process` call gets. Default 4,096. */
  maxInputFrames?: number;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/**
 * Band-limited resampler for interleaved stereo s16, any rational-free ratio
 * (47,983 → 44,100 Hz has no small common factor): a Kaiser-windowed sinc
 * polyphase FIR with a fine table of 4,096 phases (the nearest one is used).
 * The cutoff sits at half the lower rate; the transition band lies
 * symmetrically around it, so with 64 taps the passband runs to about 20 kHz
 * and anything that could fold back lands above it.
 *
 * Zero delay: output frame j is the signal at input time j × in/out, so the
 * output is aligned with the input; the filter looks ahead `taps / 2` input
 * frames, which {@link StereoResampler.finish} supplies as silence.
 * Allocation-free after construction.
 */
export class StereoResampler {
  /** Input rate in Hz. */
  readonly inputRate: number;
  /** Output rate in Hz. */
  readonly outputRate: number;
  private readonly taps: number;
  private readonly phases: number;
  private readonly table: Float32Array;
  private readonly coeffs: Float32Array;
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  private readonly maxInput: number;
  /** With a fine table the nearest row is exact enough and saves the coefficient interpolation. */
  private readonly nearest: boolean;
  /** Absolute input index of buffer position 0. */
  private bufferStart: number;
  /** Input frames held from bufferStart. */
  private held: number;
  /** Integer part of the next output's input time. */
  private position = 0;
  /** Fractional part × outputRate. */
  private fraction = 0;
  private outputCount = 0;

  /** @param options - rates and filter size */
  constructor(options: StereoResamplerOptions) {
    const { inputRate, outputRate } = options;
    for (const [name, rate] of [
      ['inputRate', inputRate],
      ['outputRate', outputRate],
    ] as const) {
      if (!Number.isInteger(rate) || rate < 1000 || rate > 384_000) {
        throw new InvalidArgumentError(
          name,
          `must be an integer rate in 1000..384000 Hz, got ${rate}`,
        );
      }
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.taps = options.taps ?? 64;
    this.phases = options.phases ?? 4096;
    if (this.taps < 4 || this.taps % 2 !== 0) {
      throw new InvalidArgumentError('taps', `must be an even number ≥ 4, got ${this.taps}`);
    }
    const beta = options.beta ?? 7.857;
    const half = this.taps / 2;
    // Cutoff at half the lower rate, in cycles per input sample.
    const cutoff = (0.5 * Math.min(inputRate, outputRate)) / inputRate;
    const norm = besselI0(beta);
    this.table = new Float32Array((this.phases + 1) * this.taps);
    for (let p = 0; p <= this.phases; p++) {
      const f = p / this.phases;
      let sum = 0;
      const row = p * this.taps;
      for (let k = 0; k < this.taps; k++) {
        const d = f + half - 1 - k; // distance from the output time to input sample k
        const x = 2 * cutoff * d;
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = d / half;
        const window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / norm;
        const h = 2 * cutoff * sinc * window;
        this.table[row + k] = h;
        sum += h;
      }
      // Unity gain at DC for every phase, so a constant stays constant.
      for (let k = 0; k < this.taps; k++) this.table[row + k] /= sum;
    }
    this.coeffs = new Float32Array(this.taps);
    this.nearest = this.phases >= 2048;
    this.maxInput = options.maxInputFrames ?? 4096;
    this.left = new Float32Array(this.taps * 2 + this.maxInput * 2);
    this.right = new Float32Array(this.left.length);
    // Silence before the stream: the first output needs half - 1 frames of history.
    this.bufferStart = -(half - 1);
    this.held = half - 1;
  }

  /** Most output frames one call can return for `inFrames` input frames. */
  maxOutput(inFrames: number): number {
    return Math.ceil(((inFrames + this.taps) * this.outputRate) / this.inputRate) + 2;
  }

  /** Output frames produced so far. */
  get produced(): number {
    return this.outputCount;
  }

  /**
   * Takes `frames` stereo frames from `input` (interleaved, from `inOffset`
   * frames), writes interleaved output to `output` from frame `outOffset`, at
   * most `limit` frames; returns frames written. Output needs room for
   * {@link StereoResampler.maxOutput}.
   */
  process(
    input: Int16Array | null,
    inOffset: number,
    frames: number,
    output: Int16Array,
    outOffset: number,
    limit = Number.POSITIVE_INFINITY,
  ): number {
    if (frames > this.maxInput) {
      let written = 0;
      for (let done = 0; done < frames; done += this.maxInput) {
        const n = Math.min(this.maxInput, frames - done);
        written += this.process(
          input,
          inOffset + done,
          n,
          output,
          outOffset + written,
          limit - written,
        );
      }
      return written;
    }
    this.compact();
    const left = this.left;
    const right = this.right;
    let at = this.held;
    if (input) {
      for (let i = 0, s = inOffset * 2; i < frames; i++, s += 2) {
        left[at] = input[s];
        right[at] = input[s + 1];
        at++;
      }
    } else {
      left.fill(0, at, at + frames);
      right.fill(0, at, at + frames);
      at += frames;
    }
    this.held = at;
    return this.drain(output, outOffset, limit);
  }

  /** Supplies the look-ahead as silence and returns the last outputs (at most `limit`). */
  finish(output: Int16Array, outOffset: number, limit = Number.POSITIVE_INFINITY): number {
    return this.process(null, 0, this.taps / 2, output, outOffset, limit);
  }

  private drain(output: Int16Array, outOffset: number, limit: number): number {
    const taps = this.taps;
    const half = taps / 2;
    const table = this.table;
    const coeffs = this.coeffs;
    const left = this.left;
    const right = this.right;
    const phases = this.phases;
    const inRate = this.inputRate;
    const outRate = this.outputRate;
    const available = this.bufferStart + this.held; // first absolute index not held
    let written = 0;
    let o = outOffset * 2;
    while (written < limit && this.position + half < available) {
      const base = this.position - half + 1 - this.bufferStart;
      let l = 0;
      let r = 0;
      if (this.nearest) {
        const a = Math.round((this.fraction * phases) / outRate) * taps;
        for (let k = 0; k < taps; k++) {
          const c = table[a + k];
          l += c * left[base + k];
          r += c * right[base + k];
        }
      } else {
        const phase = (this.fraction * phases) / outRate;
        const row = Math.floor(phase);
        const mix = phase - row;
        const a = row * taps;
        const b = a + taps;
        for (let k = 0; k < taps; k++)
          coeffs[k] = table[a + k] + (table[b + k] - table[a + k]) * mix;
        for (let k = 0; k < taps; k++) {
          l += coeffs[k] * left[base + k];
          r += coeffs[k] * right[base + k];
        }
      }
      output[o++] = l > 32767 ? 32767 : l < -32768 ? -32768 : Math.round(l);
      output[o++] = r > 32767 ? 32767 : r < -32768 ? -32768 : Math.round(r);
      written++;
      this.fraction += inRate;
      while (this.fraction >= outRate) {
        this.fraction -= outRate;
        this.position++;
      }
    }
    this.outputCount += written;
    return written;
  }

  /** Drops input no future output needs, keeping room for the next block. */
  private compact(): void {
    if (this.held + this.maxInput <= this.left.length) return;
    const drop = this.position - this.taps / 2 + 1 - this.bufferStart;
    if (drop <= 0) return;
    this.left.copyWithin(0, drop, this.held);
    this.right.copyWithin(0, drop, this.held);
    this.held -= drop;
    this.bufferStart += drop;
  }
}

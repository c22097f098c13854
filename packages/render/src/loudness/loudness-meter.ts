import { type Biquad, kWeightingFilters } from './k-weighting.js';
import { TruePeakInterpolator } from './true-peak-interpolator.js';

/** Loudness figures of one render, as stored in availability manifests. */
export interface LoudnessStats {
  /** ITU-R BS.1770-4 / EBU R128 integrated loudness in LUFS; `null` when every block is gated out (silence). */
  readonly integratedLufs: number | null;
  /** True peak (4× oversampled) in dBTP; `null` for digital silence. */
  readonly truePeakDbtp: number | null;
  /** Largest absolute sample in dBFS; `null` for digital silence. */
  readonly samplePeakDbfs: number | null;
  /** Mean sample value per channel, full scale ±1 (a DC offset). */
  readonly dcOffset: readonly number[];
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

function toDb(value: number): number | null {
  return value > 0 ? 20 * Math.log10(value) : null;
}

function blockLoudness(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/**
 * Measures integrated loudness (ITU-R BS.1770-4: K-weighting, 400 ms blocks
 * every 100 ms, the −70 LUFS absolute gate and the −10 LU relative gate),
 * true peak (4× oversampling) and DC offset of a stream of 16-bit samples,
 * in one pass and with constant memory apart from one number per 100 ms.
 * Channel weights are 1 (left, right or mono), as BS.1770 gives for the
 * front channels.
 */
export class LoudnessMeter {
  private readonly stages: [Biquad, Biquad];
  /** Biquad state per channel: x1, x2, y1, y2 of the shelf, then of the high-pass. */
  private readonly state: Float64Array;
  private readonly peaks: TruePeakInterpolator[] = [];
  private readonly sums: Float64Array;
  private readonly subBlockFrames: number;
  private subBlockEnergy = 0;
  private subBlockFill = 0;
  private readonly recent = new Float64Array(4);
  private subBlocks = 0;
  private blocks = new Float64Array(1024);
  private blockCount = 0;
  private samplePeak = 0;
  private frames = 0;

  /**
   * @param sampleRate - frames per second
   * @param channels - interleaved channel count
   */
  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    this.stages = kWeightingFilters(sampleRate);
    this.state = new Float64Array(channels * 8);
    this.sums = new Float64Array(channels);
    for (let c = 0; c < channels; c++) this.peaks.push(new TruePeakInterpolator());
    this.subBlockFrames = Math.round(sampleRate / 10);
  }

  /**
   * Feeds interleaved samples (whole frames).
   *
   * @param samples - s16 samples, full scale ±32768
   * @param count - how many samples of `samples` to use (default all)
   */
  push(samples: Int16Array, count = samples.length): void {
    const channels = this.channels;
    const [shelf, highPass] = this.stages;
    const [sb0, sb1, sb2] = shelf.b;
    const [sa1, sa2] = shelf.a;
    const [hb0, hb1, hb2] = highPass.b;
    const [ha1, ha2] = highPass.a;
    const st = this.state;
    let energy = this.subBlockEnergy;
    let fill = this.subBlockFill;
    let samplePeak = this.samplePeak;
    for (let i = 0; i + channels <= count; i += channels) {
      for (let c = 0; c < channels; c++) {
        const x = samples[i + c] / 32768;
        this.sums[c] += x;
        const ax = x < 0 ? -x : x;
        if (ax > samplePeak) samplePeak = ax;
        this.peaks[c].push(x);
        const s = c * 8;
        const y = sb0 * x + sb1 * st[s] + sb2 * st[s + 1] - sa1 * st[s + 2] - sa2 * st[s + 3];
        st[s + 1] = st[s];
        st[s] = x;
        st[s + 3] = st[s + 2];
        st[s + 2] = y;
        const z = hb0 * y + hb1 * st[s + 4] + hb2 * st[s + 5] - ha1 * st[s + 6] - ha2 * st[s + 7];
        st[s + 5] = st[s + 4];
        st[s + 4] = y;
        st[s + 7] = st[s + 6];
        st[s + 6] = z;
        energy += z * z;
      }
      if (++fill === this.subBlockFrames) {
        this.endSubBlock(energy);
        energy = 0;
        fill = 0;
      }
    }
    this.frames += Math.floor(count / channels);
    this.subBlockEnergy = energy;
    this.subBlockFill = fill;
    this.samplePeak = samplePeak;
  }

  private endSubBlock(energy: number): void {
    this.recent[this.subBlocks % 4] = energy;
    this.subBlocks++;
    if (this.subBlocks < 4) return;
    const meanSquare =
      (this.recent[0] + this.recent[1] + this.recent[2] + this.recent[3]) /
      (4 * this.subBlockFrames);
    if (this.blockCount === this.blocks.length) {
      const grown = new Float64Array(this.blocks.length * 2);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    this.blocks[this.blockCount++] = meanSquare;
  }

  /** The figures for everything fed so far. */
  result(): LoudnessStats {
    let gatedSum = 0;
    let gatedCount = 0;
    for (let i = 0; i < this.blockCount; i++) {
      const z = this.blocks[i];
      if (z > 0 && blockLoudness(z) > ABSOLUTE_GATE_LUFS) {
        gatedSum += z;
        gatedCount++;
      }
    }
    let integrated: number | null = null;
    if (gatedCount > 0) {
      const threshold = blockLoudness(gatedSum / gatedCount) + RELATIVE_GATE_LU;
      let sum = 0;
      let count = 0;
      for (let i = 0; i < this.blockCount; i++) {
        const z = this.blocks[i];
        if (z > 0) {
          const l = blockLoudness(z);
          if (l > ABSOLUTE_GATE_LUFS && l > threshold) {
            sum += z;
            count++;
          }
        }
      }
      if (count > 0) integrated = blockLoudness(sum / count);
    }
    let truePeak = this.samplePeak;
    for (const p of this.peaks) if (p.peak > truePeak) truePeak = p.peak;
    return {
      integratedLufs: integrated,
      truePeakDbtp: toDb(truePeak),
      samplePeakDbfs: toDb(this.samplePeak),
      dcOffset: Array.from(this.sums, (s) => (this.frames > 0 ? s / this.frames : 0)),
    };
  }
}

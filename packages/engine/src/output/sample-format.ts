import { SidflowError } from '@sidflow/core';

/**
 * Converts one float sample (full scale ±1) to a signed 16-bit value: scaled by
 * 32767, rounded half away from zero, clipped to −32768 … 32767. No dither, so
 * the conversion is deterministic.
 */
export function floatToInt16(value: number): number {
  const scaled = value * 32767;
  if (scaled >= 32767) return 32767;
  if (scaled <= -32768) return -32768;
  // NaN falls through both comparisons; silence is the only safe answer.
  if (Number.isNaN(scaled)) return 0;
  return scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
}

/**
 * Converts `count` float samples from `input[inOffset]` to Int16 in
 * `output[outOffset]` (see {@link floatToInt16}).
 */
export function convertFloatToInt16(
  input: Float32Array,
  inOffset: number,
  count: number,
  output: Int16Array,
  outOffset: number,
): void {
  for (let i = 0; i < count; i++) output[outOffset + i] = floatToInt16(input[inOffset + i]);
}

/** Output channel layout. */
export type ChannelCount = 1 | 2;

/**
 * Mixes the float outputs of 1–3 SIDs (one resampled signal per chip, each
 * full scale ±1) into interleaved Int16 frames.
 *
 * Mono: the average of all chips. Stereo: one chip goes to both sides; two
 * chips are hard left / right; three chips are left, centre, right, where the
 * centre chip feeds each side at half the weight of a side chip
 * (L = (2·s0 + s1) / 3, R = (s1 + 2·s2) / 3), so full scale stays full scale.
 * Writes `count × channels` values from `outOffset`; allocation-free.
 */
export function mixSidsToInt16(
  sources: readonly Float32Array[],
  sourceOffset: number,
  count: number,
  channels: ChannelCount,
  output: Int16Array,
  outOffset: number,
): void {
  const chips = sources.length;
  if (chips < 1 || chips > 3) {
    throw new SidflowError('MIX_BAD_SID_COUNT', `can mix 1 to 3 SIDs, got ${chips}`);
  }
  if (channels !== 1 && channels !== 2) {
    throw new SidflowError('MIX_BAD_CHANNELS', `channels must be 1 or 2, got ${String(channels)}`);
  }
  const a = sources[0];
  const b = chips > 1 ? sources[1] : a;
  const c = chips > 2 ? sources[2] : a;
  let o = outOffset;
  let i = sourceOffset;
  const end = sourceOffset + count;
  if (channels === 1) {
    if (chips === 1) {
      for (; i < end; i++) output[o++] = floatToInt16(a[i]);
    } else if (chips === 2) {
      for (; i < end; i++) output[o++] = floatToInt16((a[i] + b[i]) * 0.5);
    } else {
      for (; i < end; i++) output[o++] = floatToInt16((a[i] + b[i] + c[i]) / 3);
    }
    return;
  }
  if (chips === 1) {
    for (; i < end; i++) {
      const v = floatToInt16(a[i]);
      output[o++] = v;
      output[o++] = v;
    }
  } else if (chips === 2) {
    for (; i < end; i++) {
      output[o++] = floatToInt16(a[i]);
      output[o++] = floatToInt16(b[i]);
    }
  } else {
    for (; i < end; i++) {
      output[o++] = floatToInt16((2 * a[i] + b[i]) / 3);
      output[o++] = floatToInt16((b[i] + 2 * c[i]) / 3);
    }
  }
}

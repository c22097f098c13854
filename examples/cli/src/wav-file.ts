import { writeFileAtomic } from '@sidflow/core';
import { encodeWavHeader, WAV_HEADER_BYTES } from '@sidflow/render';

/** Wraps interleaved signed 16-bit PCM in the 44-byte canonical RIFF/WAVE header. */
export function encodeWav(pcm: Int16Array, sampleRate: number, channels: number): Uint8Array {
  const dataBytes = pcm.length * 2;
  const out = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  out.set(encodeWavHeader(sampleRate, channels, dataBytes));
  const view = new DataView(out.buffer);
  for (let i = 0; i < pcm.length; i++) view.setInt16(WAV_HEADER_BYTES + i * 2, pcm[i], true);
  return out;
}

/** Writes a WAV file atomically. */
export async function writeWav(
  path: string,
  pcm: Int16Array,
  sampleRate: number,
  channels: number,
): Promise<void> {
  await writeFileAtomic(path, encodeWav(pcm, sampleRate, channels));
}

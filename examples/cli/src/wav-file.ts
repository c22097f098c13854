import { writeFileAtomic } from '@sidflow/core';

/** Wraps interleaved signed 16-bit PCM in the 44-byte canonical RIFF/WAVE header. */
export function encodeWav(pcm: Int16Array, sampleRate: number, channels: number): Uint8Array {
  const dataBytes = pcm.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(44 + i * 2, pcm[i], true);
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

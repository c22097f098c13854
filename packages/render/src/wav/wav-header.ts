/** Size of the canonical RIFF/WAVE header this package writes. */
export const WAV_HEADER_BYTES = 44;

/**
 * Builds the 44-byte RIFF header of a 16-bit PCM WAV file.
 *
 * @param sampleRate - frames per second
 * @param channels - 1 (mono) or 2 (interleaved stereo)
 * @param dataBytes - size of the PCM data that follows
 * @returns the header bytes
 */
export function encodeWavHeader(
  sampleRate: number,
  channels: number,
  dataBytes: number,
): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[at + i] = text.charCodeAt(i);
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
  return header;
}

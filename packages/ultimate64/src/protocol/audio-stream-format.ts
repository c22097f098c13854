/** Stereo frames in one audio datagram. */
export const AUDIO_FRAMES_PER_PACKET = 192;
/** Bytes of one audio datagram: u16 sequence + 192 × 2 × s16. */
export const AUDIO_PACKET_BYTES = 2 + AUDIO_FRAMES_PER_PACKET * 4;
/** Audio stream sample rate of a PAL machine (derived from the video clock, not 48 kHz). */
export const PAL_AUDIO_RATE = 47_983;
/** Audio stream sample rate of an NTSC machine. */
export const NTSC_AUDIO_RATE = 47_940;

/** The audio stream rate of a PAL or NTSC machine. */
export function audioRateFor(video: 'PAL' | 'NTSC'): number {
  return video === 'NTSC' ? NTSC_AUDIO_RATE : PAL_AUDIO_RATE;
}

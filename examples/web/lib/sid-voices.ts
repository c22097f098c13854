/** What one SID voice is doing in one frame, decoded from its registers. */
export interface VoiceFrame {
  /** Oscillator frequency in Hz (0 when silent). */
  frequency: number;
  /** Whether the envelope gate is open. */
  gate: boolean;
  /** Waveform bits of the control register (triangle 0x10, saw 0x20, pulse 0x40, noise 0x80). */
  waveform: number;
}

/** PAL C64 CPU clock; the oscillator advances freq/2^24 of a cycle per clock tick. */
const PAL_CLOCK_HZ = 985_248;

/**
 * Decodes the three voices from $D400–$D418 as last written: the 16-bit
 * frequency word (registers 0–1, 7–8, 14–15) and the control register
 * (4, 11, 18).
 *
 * @param registers - at least 19 register bytes
 * @param clockHz - the machine's CPU clock (PAL by default)
 */
export function decodeVoices(registers: Uint8Array, clockHz = PAL_CLOCK_HZ): VoiceFrame[] {
  const voices: VoiceFrame[] = [];
  for (let v = 0; v < 3; v++) {
    const base = v * 7;
    const word = registers[base] | (registers[base + 1] << 8);
    const control = registers[base + 4];
    voices.push({
      frequency: (word * clockHz) / 16_777_216,
      gate: (control & 0x01) !== 0,
      waveform: control & 0xf0,
    });
  }
  return voices;
}

/**
 * Maps a frequency to a MIDI-style note number (69 = A4 = 440 Hz), the
 * vertical axis of the piano roll; `null` for 0 Hz.
 */
export function noteNumber(frequency: number): number | null {
  if (!(frequency > 0)) return null;
  return 69 + 12 * Math.log2(frequency / 440);
}

/** `m:ss` for a position in seconds. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

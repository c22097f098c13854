/** PAL C64 system clock in Hz; the SID oscillators run at this rate. */
export const PAL_CLOCK_HZ = 985_248;

/** Number of notes in the player's frequency table: C0 (0) to B7 (95). */
export const NOTE_COUNT = 96;

/**
 * SID frequency register value (Fout = value × clock / 2^24) of equal-tempered note
 * `note` (C0 = 0, A4 = 57 = 440 Hz) on a PAL machine, clamped to 16 bits (B7 does not fit).
 */
export function palFrequencyRegister(note: number): number {
  const hertz = 440 * 2 ** ((note - 57) / 12);
  return Math.min(0xffff, Math.round((hertz * 2 ** 24) / PAL_CLOCK_HZ));
}

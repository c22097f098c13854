/**
 * Cycles between envelope steps for each 4-bit attack/decay/release value.
 * The SID's 15-bit rate counter is compared with these values; they are the
 * measured periods (attack 0 ≈ 2 ms from 0 to 255 at ~1 MHz, release 15 ≈ 24 s
 * to 0 once the exponential divider is included).
 */
export const ENVELOPE_RATE_PERIODS: readonly number[] = [
  9, 32, 63, 95, 149, 220, 267, 313, 392, 977, 1954, 3126, 3907, 11720, 19532, 31251,
];

/**
 * Modulus of the envelope rate counter. The chip's counter is a 15-bit LFSR,
 * which runs through 2^15 − 1 states, so a period set below the current count
 * (the ADSR delay bug) waits 32,767 − count + period cycles, as in reSIDfp.
 */
export const ENVELOPE_RATE_COUNTER_MODULUS = 0x7fff;

/**
 * Exponential-divider period that takes effect when the envelope counter
 * reaches `level`, or 0 when `level` is not a switch point. Decay and release
 * approximate an exponential curve by stepping less often at low levels:
 * every step above 93, every 2nd down to 54, 4th to 26, 8th to 14, 16th to 6
 * and every 30th below that.
 *
 * @param level - the envelope counter value just reached (0–255)
 */
export function exponentialPeriodAt(level: number): number {
  switch (level) {
    case 0xff:
      return 1;
    case 0x5d:
      return 2;
    case 0x36:
      return 4;
    case 0x1a:
      return 8;
    case 0x0e:
      return 16;
    case 0x06:
      return 30;
    case 0x00:
      return 1;
    default:
      return 0;
  }
}

/** Lowest cutoff of the 8580 filter (FC = 0), in Hz. */
const CUTOFF_MIN_HZ_8580 = 30;
/** Highest cutoff of the 8580 filter (FC = 2047), in Hz. */
const CUTOFF_MAX_HZ_8580 = 12500;

/**
 * 8580 cutoff frequency in Hz: the 8580's filter is nearly linear in the FC
 * register, from about 30 Hz to 12.5 kHz.
 *
 * @param fc - 11-bit cutoff register value (0–2047)
 */
export function filter8580CutoffHz(fc: number): number {
  return CUTOFF_MIN_HZ_8580 + ((CUTOFF_MAX_HZ_8580 - CUTOFF_MIN_HZ_8580) * fc) / 2047;
}

/**
 * Damping (1/Q) of the 8580 filter: each resonance step multiplies Q by 2^(1/8),
 * giving Q ≈ 0.707 at 0 and ≈ 2.6 at 15.
 *
 * @param resonance - 4-bit resonance register value (0–15)
 */
export function filter8580InverseQ(resonance: number): number {
  return 2 ** ((4 - resonance) / 8);
}

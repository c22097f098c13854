/** Status register bit masks of the 6510 (`N V - B D I Z C`). */
export const CpuFlag = {
  /** Carry. */
  C: 0x01,
  /** Zero. */
  Z: 0x02,
  /** Interrupt disable. */
  I: 0x04,
  /** Decimal mode. */
  D: 0x08,
  /** Break: not a register bit; only set in the copy of P pushed by BRK and PHP. */
  B: 0x10,
  /** Unused bit 5: always reads as 1. */
  U: 0x20,
  /** Overflow. */
  V: 0x40,
  /** Negative. */
  N: 0x80,
} as const;

/**
 * The "magic" constant of ANE ($8B, a.k.a. XAA): A = (A | magic) & X & imm. Real chips show
 * $00, $EE, $EF, $FE or $FF depending on the part and its temperature. libsidplayfp (our
 * reference) uses $FF in its normal build, the value visual6502.org measured on MOS 6510s ($EE
 * is only used for the Lorenz test suite), so we use $FF too.
 */
export const ANE_MAGIC = 0xff;

/** The "magic" constant of LXA ($AB, a.k.a. OAL/ATX): A = X = (A | magic) & imm; as {@link ANE_MAGIC}. */
export const LXA_MAGIC = 0xff;

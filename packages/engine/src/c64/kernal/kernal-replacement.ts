import { Op } from './opcodes.js';

/** Where the replacement KERNAL's IRQ/BRK entry sits (libsidplayfp 2.4's stand-in; the real KERNAL's is $FF48). */
export const KERNAL_IRQ_ENTRY = 0xffa0;
/** A JAM byte that the NMI and reset vectors point at (libsidplayfp 2.4's stand-in). */
export const KERNAL_HALT = 0xea39;

/**
 * Builds our own 8 KiB KERNAL replacement for $E000–$FFFF. Every byte is
 * generated here (no ROM content), laid out as libsidplayfp 2.4 lays out its
 * stand-in when it runs without ROMs (measured byte for byte with sidtrace):
 * the IRQ/BRK entry at $FFA0 pushes A, X, Y and jumps through ($0314) (it does
 * not test the B flag, so BRK goes the same way); NMI and reset vectors point
 * at a JAM at $EA39; everything else is zero. So a handler that ends with the
 * real KERNAL's exits ($EA31, $EA7E, $EA81) executes BRK and re-enters its
 * own handler, exactly as under libsidplayfp 2.4 (the SID drivers install
 * their own exit at $0314 and never go there).
 */
export function buildKernalReplacement(): Uint8Array {
  const rom = new Uint8Array(0x2000);
  const put = (address: number, ...bytes: number[]): void => {
    rom.set(bytes, address - 0xe000);
  };
  put(KERNAL_IRQ_ENTRY, Op.PHA, Op.TXA, Op.PHA, Op.TYA, Op.PHA, Op.JMP_IND, 0x14, 0x03);
  put(KERNAL_HALT, Op.JAM);
  put(0xfffa, lo(KERNAL_HALT), hi(KERNAL_HALT));
  put(0xfffc, lo(KERNAL_HALT), hi(KERNAL_HALT));
  put(0xfffe, lo(KERNAL_IRQ_ENTRY), hi(KERNAL_IRQ_ENTRY));
  return rom;
}

function lo(word: number): number {
  return word & 0xff;
}

function hi(word: number): number {
  return (word >> 8) & 0xff;
}

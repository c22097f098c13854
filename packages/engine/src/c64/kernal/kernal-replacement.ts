import { Op } from './opcodes.js';

/** Where the replacement KERNAL's IRQ/BRK entry sits (the real KERNAL's address). */
export const KERNAL_IRQ_ENTRY = 0xff48;
/** IRQ exit that restores Y/X/A and returns (the RAM vector $0314's default target). */
export const KERNAL_IRQ_EXIT = 0xea31;
/** NMI entry: SEI, then JMP ($0318). */
export const KERNAL_NMI_ENTRY = 0xfe43;
/** The NMI vector's default target: a bare RTI. */
export const KERNAL_NMI_EXIT = 0xfe47;
/** Reset entry of the replacement: a JAM (the PSID/RSID driver replaces the reset vector). */
export const KERNAL_RESET = 0xfce2;

/**
 * Builds our own 8 KiB KERNAL replacement for $E000–$FFFF. Every byte is
 * generated here (no ROM content): it carries only what SID tunes use of the
 * KERNAL when libsidplayfp runs without ROMs — the hardware vectors, the IRQ
 * entry at $FF48 (push A/X/Y, JMP ($0314); like libsidplayfp it does not test
 * the B flag, so BRK goes the same way), the $EA31 exit (restore Y/X/A, RTI; no
 * CIA acknowledge, matching libsidplayfp's stand-in so timing matches), the NMI
 * entry at $FE43 (SEI, JMP ($0318)) with a bare RTI at $FE47, and a JAM at the
 * reset entry. Everything else is zero, as in libsidplayfp: a tune jumping to
 * another KERNAL address (e.g. the real $EA7E/$EA81 exits) executes BRK, which
 * re-enters the IRQ path, exactly as it does there.
 */
export function buildKernalReplacement(): Uint8Array {
  const rom = new Uint8Array(0x2000);
  const put = (address: number, ...bytes: number[]): void => {
    rom.set(bytes, address - 0xe000);
  };
  const restoreAndReturn = [Op.PLA, Op.TAY, Op.PLA, Op.TAX, Op.PLA, Op.RTI];
  put(KERNAL_IRQ_ENTRY, Op.PHA, Op.TXA, Op.PHA, Op.TYA, Op.PHA, Op.JMP_IND, 0x14, 0x03);
  put(KERNAL_IRQ_EXIT, ...restoreAndReturn);
  put(KERNAL_NMI_ENTRY, Op.SEI, Op.JMP_IND, 0x18, 0x03);
  put(KERNAL_NMI_EXIT, Op.RTI);
  put(KERNAL_RESET, Op.JAM);
  put(0xfffa, lo(KERNAL_NMI_ENTRY), hi(KERNAL_NMI_ENTRY));
  put(0xfffc, lo(KERNAL_RESET), hi(KERNAL_RESET));
  put(0xfffe, lo(KERNAL_IRQ_ENTRY), hi(KERNAL_IRQ_ENTRY));
  return rom;
}

function lo(word: number): number {
  return word & 0xff;
}

function hi(word: number): number {
  return (word >> 8) & 0xff;
}

import { setWord } from './install-tune.js';

/** BASIC's vectors at $0300–$030B after its cold start (documented C64 facts). */
const BASIC_VECTORS = [0xe38b, 0xa483, 0xa57c, 0xa71a, 0xa7e4, 0xae86];

/**
 * The KERNAL's RAM vectors at $0314–$0333 after its reset: IRQ $EA31, BRK
 * $FE66, NMI $FE47, then OPEN … SAVE.
 */
const KERNAL_VECTORS = [
  0xea31, 0xfe66, 0xfe47, 0xf34a, 0xf291, 0xf20e, 0xf250, 0xf333, 0xf157, 0xf1ca, 0xf6ed, 0xf13e,
  0xf32f, 0xfe66, 0xf4a5, 0xf5ed,
];

/**
 * Gives $0000–$03FF the state the KERNAL's and BASIC's cold start leave, as an
 * RSID tune expects to find it (libsidplayfp copies a recorded image; we set
 * the facts tunes rely on): the port ($00 = $2F, $01 = $37), BASIC's program
 * and memory pointers, the memory bounds and screen page, and the RAM vectors.
 */
export function applyPowerOnLowRam(ram: Uint8Array): void {
  ram.fill(0, 0, 0x400);
  ram[0x00] = 0x2f;
  ram[0x01] = 0x37;
  setWord(ram, 0x2b, 0x0801); // start of BASIC text
  setWord(ram, 0x2d, 0x0803); // start of variables
  setWord(ram, 0x2f, 0x0803);
  setWord(ram, 0x31, 0x0803);
  setWord(ram, 0x33, 0xa000); // bottom of strings
  setWord(ram, 0x37, 0xa000); // top of BASIC memory
  setWord(ram, 0x0281, 0x0800); // KERNAL memory bottom
  setWord(ram, 0x0283, 0xa000); // KERNAL memory top
  ram[0x0288] = 0x04; // screen page
  ram[0x0310] = 0x4c; // USR: JMP illegal quantity
  setWord(ram, 0x0311, 0xb248);
  for (let i = 0; i < BASIC_VECTORS.length; i++) setWord(ram, 0x0300 + 2 * i, BASIC_VECTORS[i]);
  for (let i = 0; i < KERNAL_VECTORS.length; i++) setWord(ram, 0x0314 + 2 * i, KERNAL_VECTORS[i]);
}

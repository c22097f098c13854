/**
 * The 6502 opcode bytes our generated 6502 code (KERNAL replacement, PSID/RSID
 * driver) uses, named mnemonic_mode.
 */
export const Op = {
  /** Halts the 6510 (an undocumented JAM opcode). */
  JAM: 0x02,
  /** PHP. */
  PHP: 0x08,
  /** ORA absolute. */
  ORA_ABS: 0x0d,
  /** JSR absolute. */
  JSR: 0x20,
  /** PLP. */
  PLP: 0x28,
  /** RTI. */
  RTI: 0x40,
  /** PHA. */
  PHA: 0x48,
  /** JMP absolute. */
  JMP: 0x4c,
  /** EOR absolute. */
  EOR_ABS: 0x4d,
  /** CLI. */
  CLI: 0x58,
  /** RTS. */
  RTS: 0x60,
  /** PLA. */
  PLA: 0x68,
  /** JMP indirect. */
  JMP_IND: 0x6c,
  /** SEI. */
  SEI: 0x78,
  /** STA zero page. */
  STA_ZP: 0x85,
  /** DEY. */
  DEY: 0x88,
  /** TXA. */
  TXA: 0x8a,
  /** STY absolute. */
  STY_ABS: 0x8c,
  /** STA absolute. */
  STA_ABS: 0x8d,
  /** STX absolute. */
  STX_ABS: 0x8e,
  /** TYA. */
  TYA: 0x98,
  /** LDY immediate. */
  LDY_IMM: 0xa0,
  /** LDX immediate. */
  LDX_IMM: 0xa2,
  /** LDA zero page. */
  LDA_ZP: 0xa5,
  /** TAY. */
  TAY: 0xa8,
  /** LDA immediate. */
  LDA_IMM: 0xa9,
  /** TAX. */
  TAX: 0xaa,
  /** LDY absolute. */
  LDY_ABS: 0xac,
  /** LDA absolute. */
  LDA_ABS: 0xad,
  /** LDX absolute. */
  LDX_ABS: 0xae,
  /** INY. */
  INY: 0xc8,
  /** DEX. */
  DEX: 0xca,
  /** DEC absolute. */
  DEC_ABS: 0xce,
  /** BNE relative. */
  BNE: 0xd0,
  /** INX. */
  INX: 0xe8,
  /** BEQ relative. */
  BEQ: 0xf0,
} as const;

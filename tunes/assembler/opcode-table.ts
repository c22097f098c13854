/**
 * The 6502 addressing modes, named the way the operand is written:
 * `imp` (none), `acc` (`A`), `imm` (`#n`), `zp`/`zpx`/`zpy` (`n`, `n,X`, `n,Y` on page zero),
 * `abs`/`abx`/`aby` (16-bit forms), `ind` (`(nn)`), `izx` (`(n,X)`), `izy` (`(n),Y`), `rel` (branches).
 */
export type AddressingMode =
  | 'imp'
  | 'acc'
  | 'imm'
  | 'zp'
  | 'zpx'
  | 'zpy'
  | 'abs'
  | 'abx'
  | 'aby'
  | 'ind'
  | 'izx'
  | 'izy'
  | 'rel';

/** Opcode byte of each addressing mode one mnemonic supports. */
export type OpcodeModes = Partial<Record<AddressingMode, number>>;

/** Operand size in bytes (after the opcode) of each addressing mode. */
export const OPERAND_SIZE: Readonly<Record<AddressingMode, number>> = {
  imp: 0,
  acc: 0,
  imm: 1,
  zp: 1,
  zpx: 1,
  zpy: 1,
  abs: 2,
  abx: 2,
  aby: 2,
  ind: 2,
  izx: 1,
  izy: 1,
  rel: 1,
};

// The eight "group one" ALU instructions share one layout: base | mode offset.
function groupOne(base: number): OpcodeModes {
  return {
    izx: base + 0x01,
    zp: base + 0x05,
    imm: base + 0x09,
    abs: base + 0x0d,
    izy: base + 0x11,
    zpx: base + 0x15,
    aby: base + 0x19,
    abx: base + 0x1d,
  };
}

// Shifts and rotates: accumulator plus the four memory forms.
function shift(base: number): OpcodeModes {
  return {
    zp: base + 0x06,
    acc: base + 0x0a,
    abs: base + 0x0e,
    zpx: base + 0x16,
    abx: base + 0x1e,
  };
}

/** Every documented NMOS 6502 instruction (56 mnemonics, 151 opcodes), keyed by upper-case mnemonic. */
export const OPCODE_TABLE: Readonly<Record<string, OpcodeModes>> = {
  ORA: groupOne(0x00),
  AND: groupOne(0x20),
  EOR: groupOne(0x40),
  ADC: groupOne(0x60),
  STA: { izx: 0x81, zp: 0x85, abs: 0x8d, izy: 0x91, zpx: 0x95, aby: 0x99, abx: 0x9d },
  LDA: groupOne(0xa0),
  CMP: groupOne(0xc0),
  SBC: groupOne(0xe0),
  ASL: shift(0x00),
  ROL: shift(0x20),
  LSR: shift(0x40),
  ROR: shift(0x60),
  BPL: { rel: 0x10 },
  BMI: { rel: 0x30 },
  BVC: { rel: 0x50 },
  BVS: { rel: 0x70 },
  BCC: { rel: 0x90 },
  BCS: { rel: 0xb0 },
  BNE: { rel: 0xd0 },
  BEQ: { rel: 0xf0 },
  BIT: { zp: 0x24, abs: 0x2c },
  BRK: { imp: 0x00 },
  CLC: { imp: 0x18 },
  SEC: { imp: 0x38 },
  CLI: { imp: 0x58 },
  SEI: { imp: 0x78 },
  CLV: { imp: 0xb8 },
  CLD: { imp: 0xd8 },
  SED: { imp: 0xf8 },
  CPX: { imm: 0xe0, zp: 0xe4, abs: 0xec },
  CPY: { imm: 0xc0, zp: 0xc4, abs: 0xcc },
  DEC: { zp: 0xc6, abs: 0xce, zpx: 0xd6, abx: 0xde },
  INC: { zp: 0xe6, abs: 0xee, zpx: 0xf6, abx: 0xfe },
  DEX: { imp: 0xca },
  DEY: { imp: 0x88 },
  INX: { imp: 0xe8 },
  INY: { imp: 0xc8 },
  JMP: { abs: 0x4c, ind: 0x6c },
  JSR: { abs: 0x20 },
  LDX: { imm: 0xa2, zp: 0xa6, abs: 0xae, zpy: 0xb6, aby: 0xbe },
  LDY: { imm: 0xa0, zp: 0xa4, abs: 0xac, zpx: 0xb4, abx: 0xbc },
  NOP: { imp: 0xea },
  PHA: { imp: 0x48 },
  PHP: { imp: 0x08 },
  PLA: { imp: 0x68 },
  PLP: { imp: 0x28 },
  RTI: { imp: 0x40 },
  RTS: { imp: 0x60 },
  STX: { zp: 0x86, abs: 0x8e, zpy: 0x96 },
  STY: { zp: 0x84, abs: 0x8c, zpx: 0x94 },
  TAX: { imp: 0xaa },
  TAY: { imp: 0xa8 },
  TSX: { imp: 0xba },
  TXA: { imp: 0x8a },
  TXS: { imp: 0x9a },
  TYA: { imp: 0x98 },
};

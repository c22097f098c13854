import { describe, expect, it } from 'vitest';
import {
  type AddressingMode,
  AssemblerError,
  assemble,
  OPCODE_TABLE,
  OPERAND_SIZE,
} from '../assembler/index.js';

/** Bytes of `source` assembled at $1000, as plain numbers. */
function bytesOf(source: string): number[] {
  return Array.from(assemble(`.org $1000\n${source}`).bytes);
}

/** The assembler error `source` throws (fails the test when it assembles). */
function errorOf(source: string): AssemblerError {
  try {
    assemble(source);
  } catch (error) {
    if (error instanceof AssemblerError) return error;
    throw error;
  }
  throw new Error(`expected an AssemblerError from:\n${source}`);
}

// An independent transcription of the documented opcode matrix, mode by mode.
const DOCUMENTED = `
imp BRK=00 PHP=08 CLC=18 PLP=28 SEC=38 RTI=40 PHA=48 CLI=58 RTS=60 PLA=68 SEI=78 DEY=88 TXA=8A
imp TYA=98 TXS=9A TAY=A8 TAX=AA CLV=B8 TSX=BA INY=C8 DEX=CA CLD=D8 INX=E8 NOP=EA SED=F8
acc ASL=0A ROL=2A LSR=4A ROR=6A
imm ORA=09 AND=29 EOR=49 ADC=69 LDY=A0 LDX=A2 LDA=A9 CPY=C0 CMP=C9 CPX=E0 SBC=E9
zp ORA=05 ASL=06 BIT=24 AND=25 ROL=26 EOR=45 LSR=46 ADC=65 ROR=66 STY=84 STA=85 STX=86
zp LDY=A4 LDA=A5 LDX=A6 CPY=C4 CMP=C5 DEC=C6 CPX=E4 SBC=E5 INC=E6
zpx ORA=15 ASL=16 AND=35 ROL=36 EOR=55 LSR=56 ADC=75 ROR=76 STY=94 STA=95 LDY=B4 LDA=B5
zpx CMP=D5 DEC=D6 SBC=F5 INC=F6
zpy STX=96 LDX=B6
abs ORA=0D ASL=0E JSR=20 BIT=2C AND=2D ROL=2E JMP=4C EOR=4D LSR=4E ADC=6D ROR=6E STY=8C
abs STA=8D STX=8E LDY=AC LDA=AD LDX=AE CPY=CC CMP=CD DEC=CE CPX=EC SBC=ED INC=EE
abx ORA=1D ASL=1E AND=3D ROL=3E EOR=5D LSR=5E ADC=7D ROR=7E STA=9D LDY=BC LDA=BD CMP=DD
abx DEC=DE SBC=FD INC=FE
aby ORA=19 AND=39 EOR=59 ADC=79 STA=99 LDA=B9 LDX=BE CMP=D9 SBC=F9
ind JMP=6C
izx ORA=01 AND=21 EOR=41 ADC=61 STA=81 LDA=A1 CMP=C1 SBC=E1
izy ORA=11 AND=31 EOR=51 ADC=71 STA=91 LDA=B1 CMP=D1 SBC=F1
rel BPL=10 BMI=30 BVC=50 BVS=70 BCC=90 BCS=B0 BNE=D0 BEQ=F0`;

function documentedOpcodes(): Map<string, number> {
  const opcodes = new Map<string, number>();
  for (const line of DOCUMENTED.trim().split('\n')) {
    const [mode, ...entries] = line.trim().split(/\s+/);
    for (const entry of entries) {
      const [mnemonic, hex] = entry.split('=');
      opcodes.set(`${mnemonic} ${mode}`, Number.parseInt(hex, 16));
    }
  }
  return opcodes;
}

// Operand text that selects each mode, and the operand bytes it must produce.
const OPERAND: Record<AddressingMode, [string, number[]]> = {
  imp: ['', []],
  acc: ['A', []],
  imm: ['#$42', [0x42]],
  zp: ['$42', [0x42]],
  zpx: ['$42,X', [0x42]],
  zpy: ['$42,Y', [0x42]],
  abs: ['$1234', [0x34, 0x12]],
  abx: ['$1234,x', [0x34, 0x12]],
  aby: ['$1234, Y', [0x34, 0x12]],
  ind: ['($1234)', [0x34, 0x12]],
  izx: ['($42,X)', [0x42]],
  izy: ['($42),Y', [0x42]],
  rel: ['*+$12', [0x10]],
};

describe('assemble: opcodes and addressing modes', () => {
  it('has exactly the 151 documented opcodes of the 56 mnemonics', () => {
    const table = new Map<string, number>();
    for (const [mnemonic, modes] of Object.entries(OPCODE_TABLE)) {
      for (const [mode, opcode] of Object.entries(modes)) table.set(`${mnemonic} ${mode}`, opcode!);
    }
    expect(Object.keys(OPCODE_TABLE)).toHaveLength(56);
    expect(table.size).toBe(151);
    expect(new Set(table.values()).size).toBe(151);
    expect(table).toEqual(documentedOpcodes());
  });

  it('encodes every mnemonic in every addressing mode it has', () => {
    for (const [key, opcode] of documentedOpcodes()) {
      const [mnemonic, mode] = key.split(' ') as [string, AddressingMode];
      const [operand, operandBytes] = OPERAND[mode];
      const bytes = bytesOf(`  ${mnemonic.toLowerCase()} ${operand}`);
      expect(bytes, key).toEqual([opcode, ...operandBytes]);
      expect(bytes.length, key).toBe(1 + OPERAND_SIZE[mode]);
    }
  });

  it('takes the absolute form when no zero-page form exists, and implied ASL as accumulator', () => {
    expect(bytesOf('lda $42,y')).toEqual([0xb9, 0x42, 0x00]);
    expect(bytesOf('jsr $0042')).toEqual([0x20, 0x42, 0x00]);
    expect(bytesOf('asl')).toEqual([0x0a]);
    expect(bytesOf('lda #-1')).toEqual([0xa9, 0xff]);
  });

  it('encodes backward and forward branches relative to the next instruction', () => {
    expect(bytesOf('loop: dex\n bne loop')).toEqual([0xca, 0xd0, 0xfd]);
    expect(bytesOf(' beq done\n nop\ndone: rts')).toEqual([0xf0, 0x01, 0xea, 0x60]);
    expect(bytesOf(' bcc *')).toEqual([0x90, 0xfe]);
  });
});

describe('assemble: labels, constants and directives', () => {
  it('resolves forward references, giving them the absolute form', () => {
    const program = assemble(`
        .org $C000
start:  lda data        ; forward: absolute even though data is known later
        ldx zero        ; backward constant on page zero: zero-page form
        jmp start
zero = $10
data:   .byte 7`);
    expect(program.origin).toBe(0xc000);
    expect(Array.from(program.bytes)).toEqual([
      0xad, 0x09, 0xc0, 0xae, 0x10, 0x00, 0x4c, 0x00, 0xc0, 0x07,
    ]);
    expect(program.symbols.get('data')).toBe(0xc009);
    expect(program.symbols.get('zero')).toBe(0x10);
  });

  it('uses the zero-page form for a constant defined before use', () => {
    expect(bytesOf('ptr = $fb\n lda (ptr),y\n sta ptr+1')).toEqual([0xb1, 0xfb, 0x85, 0xfc]);
  });

  it('writes .byte, .word, .text and .fill data and zero-fills .org gaps', () => {
    const program = assemble(`
        .org $2000
        .byte 1, $ff, %101, 'A', "hi;x", <$1234, >$1234
        .word $1234, end
        .text "OK"
        .fill 3, $ea
        .org $2018
end:    .fill 2`);
    expect(Array.from(program.bytes)).toEqual([
      1, 0xff, 5, 0x41, 0x68, 0x69, 0x3b, 0x78, 0x34, 0x12, 0x34, 0x12, 0x18, 0x20, 0x4f, 0x4b,
      0xea, 0xea, 0xea, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('evaluates expression operators with precedence and parentheses', () => {
    const program = assemble(`
        .org $1000
base = $1234
a = base + 2 * 3          ; $123A
b = (base - 4) / 2        ; $0918
c = <base + >base         ; $34 + $12
d = -3 * -(1 + 1)         ; 6
e = 7 / 2 - 10 / 4        ; 3 - 2
here:   .byte <(* - here)`);
    expect(program.symbols.get('a')).toBe(0x123a);
    expect(program.symbols.get('b')).toBe(0x918);
    expect(program.symbols.get('c')).toBe(0x46);
    expect(program.symbols.get('d')).toBe(6);
    expect(program.symbols.get('e')).toBe(1);
    expect(Array.from(program.bytes)).toEqual([0]);
  });

  it('accepts predefined symbols and a default origin', () => {
    const program = assemble('lda #VALUE', { origin: 0x0801, symbols: { VALUE: 9 } });
    expect(program.origin).toBe(0x0801);
    expect(Array.from(program.bytes)).toEqual([0xa9, 9]);
  });
});

describe('assemble: errors name the line', () => {
  const cases: [string, string, string, number][] = [
    ['unknown mnemonic', ' nop\n\n lda #1\n foo #2', 'ASM_UNKNOWN_MNEMONIC', 4],
    ['undefined symbol', ' nop\n jmp nowhere', 'ASM_UNDEFINED_SYMBOL', 2],
    ['duplicate label', 'x: nop\nx: nop', 'ASM_DUPLICATE_SYMBOL', 2],
    ['branch too far', 'top: nop\n .fill 200\n bne top', 'ASM_BRANCH_OUT_OF_RANGE', 3],
    ['store immediate', ' sta #1', 'ASM_BAD_ADDRESSING_MODE', 1],
    ['LDX indexed by X', '\n ldx $1234,x', 'ASM_BAD_ADDRESSING_MODE', 2],
    ['indirect Y on JMP', ' jmp ($10),y', 'ASM_BAD_ADDRESSING_MODE', 1],
    ['indexed branch', ' bne $10,x', 'ASM_BAD_ADDRESSING_MODE', 1],
    ['immediate too big', ' lda #256', 'ASM_VALUE_OUT_OF_RANGE', 1],
    ['byte too big', ' nop\n .byte 1, 300', 'ASM_VALUE_OUT_OF_RANGE', 2],
    ['zero page Y only', ' stx $1234,y', 'ASM_VALUE_OUT_OF_RANGE', 1],
    ['division by zero', 'a = 4 / (2 - 2)', 'ASM_DIVISION_BY_ZERO', 1],
    ['org backwards', ' .org $2000\n nop\n .org $1000', 'ASM_ORIGIN_BACKWARDS', 3],
    ['unknown directive', ' .bogus 1', 'ASM_SYNTAX', 1],
    ['unterminated string', ' .byte "abc', 'ASM_SYNTAX', 1],
    ['missing operand', ' .byte 1,,2', 'ASM_SYNTAX', 1],
    ['bad expression', ' lda #(1+2', 'ASM_SYNTAX', 1],
    ['trailing garbage', ' lda #1 2', 'ASM_SYNTAX', 1],
  ];
  for (const [name, source, code, line] of cases) {
    it(name, () => {
      const error = errorOf(source);
      expect(error.code).toBe(code);
      expect(error.line).toBe(line);
      expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    });
  }
});

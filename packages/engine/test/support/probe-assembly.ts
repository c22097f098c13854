/** A 6502 instruction with an absolute address operand (low byte first). */
export const abs = (opcode: number, address: number): number[] => [
  opcode,
  address & 0xff,
  address >> 8,
];
/** LDA absolute. */
export const lda = (address: number): number[] => abs(0xad, address);
/** STA absolute. */
export const sta = (address: number): number[] => abs(0x8d, address);
/** JMP absolute. */
export const jmp = (address: number): number[] => abs(0x4c, address);
/** LDA immediate. */
export const ldaImm = (value: number): number[] => [0xa9, value];

/**
 * The probe programs' common start: SEI, RAM under the ROMs with I/O visible
 * ($01 = $35), and the IRQ vector (and the NMI vector when given) pointed at the
 * handlers in RAM.
 */
export function vectorSetup(irqHandler: number, nmiHandler?: number): number[] {
  const bytes = [
    0x78, // SEI
    ...ldaImm(0x35),
    0x85,
    0x01, // STA $01
    ...ldaImm(irqHandler & 0xff),
    ...sta(0xfffe),
    ...ldaImm(irqHandler >> 8),
    ...sta(0xffff),
  ];
  if (nmiHandler !== undefined) {
    bytes.push(
      ...ldaImm(nmiHandler & 0xff),
      ...sta(0xfffa),
      ...ldaImm(nmiHandler >> 8),
      ...sta(0xfffb),
    );
  }
  return bytes;
}

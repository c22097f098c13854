export type { AssembledProgram, AssembleOptions } from './assemble.js';
export { assemble } from './assemble.js';
export type { AssemblerErrorCode } from './assembler-error.js';
export { AssemblerError } from './assembler-error.js';
export type { ExpressionContext } from './expression.js';
export { evaluateExpression } from './expression.js';
export type { AddressingMode, OpcodeModes } from './opcode-table.js';
export { OPCODE_TABLE, OPERAND_SIZE } from './opcode-table.js';

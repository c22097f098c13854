import { SidflowError } from '../../packages/core/src/errors.js';

/** Stable codes of {@link AssemblerError}, one per kind of bad input. */
export type AssemblerErrorCode =
  | 'ASM_SYNTAX'
  | 'ASM_UNKNOWN_MNEMONIC'
  | 'ASM_BAD_ADDRESSING_MODE'
  | 'ASM_UNDEFINED_SYMBOL'
  | 'ASM_DUPLICATE_SYMBOL'
  | 'ASM_VALUE_OUT_OF_RANGE'
  | 'ASM_BRANCH_OUT_OF_RANGE'
  | 'ASM_DIVISION_BY_ZERO'
  | 'ASM_ORIGIN_BACKWARDS'
  | 'ASM_PHASE_ERROR';

/**
 * A problem in assembly source. The message starts with `line N:` so a
 * failing build points straight at the offending source line.
 */
export class AssemblerError extends SidflowError {
  /** 1-based source line the problem was found on. */
  readonly line: number;

  /**
   * @param code - which kind of problem it is
   * @param line - 1-based source line number
   * @param message - explanation without the line prefix
   */
  constructor(code: AssemblerErrorCode, line: number, message: string) {
    super(code, `line ${line}: ${message}`);
    this.line = line;
  }
}

import { SidflowError } from '../errors.js';

/** Stable codes of {@link HvscParseError}, one per malformed input kind. */
export type HvscParseErrorCode =
  | 'HVSC_SONGLENGTHS_SYNTAX'
  | 'HVSC_SONG_LENGTH_INVALID'
  | 'HVSC_STIL_SYNTAX'
  | 'HVSC_BUGLIST_SYNTAX';

/**
 * Thrown when an HVSC text database (Songlengths.md5, STIL.txt, BUGlist.txt)
 * or one song length does not follow its format.
 */
export class HvscParseError extends SidflowError {
  /** Which format rule was broken. */
  declare readonly code: HvscParseErrorCode;
  /** 1-based line of the input the error was found on, when it came from a file. */
  readonly line: number | undefined;

  /**
   * @param code - which format rule was broken
   * @param message - what was wrong, naming the offending text
   * @param line - 1-based line number in the input, if known
   */
  constructor(code: HvscParseErrorCode, message: string, line?: number) {
    super(code, line === undefined ? message : `line ${line}: ${message}`);
    this.line = line;
  }
}

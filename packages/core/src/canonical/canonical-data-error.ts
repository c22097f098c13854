import { SidflowError } from '../errors.js';

/** Stable codes of {@link CanonicalDataError}. */
export type CanonicalDataErrorCode =
  | 'CANONICAL_UNSUPPORTED_VALUE'
  | 'CANONICAL_NON_FINITE_NUMBER'
  | 'CANONICAL_CYCLE'
  | 'CANONICAL_BAD_JSON'
  | 'CANONICAL_INVALID'
  | 'CANONICAL_IO';

/**
 * Canonical data could not be written (a value JSON cannot represent
 * deterministically) or read (bad JSON, schema mismatch). Reading errors
 * name the file and, for JSONL, the 1-based line.
 */
export class CanonicalDataError extends SidflowError {
  /** File involved, when known. */
  readonly file: string | null;
  /** 1-based JSONL line, when the problem is on one line. */
  readonly line: number | null;

  /**
   * @param code - which kind of failure
   * @param message - explanation naming the offending path or line
   * @param location - file and line involved, when known
   * @param options - standard error options, e.g. `cause`
   */
  constructor(
    code: CanonicalDataErrorCode,
    message: string,
    location: { file?: string | null; line?: number | null } = {},
    options?: ErrorOptions,
  ) {
    const file = location.file ?? null;
    const line = location.line ?? null;
    const where = file === null ? '' : line === null ? `${file}: ` : `${file}:${line}: `;
    const prefix = file === null && line !== null ? `line ${line}: ` : where;
    super(code, `${prefix}${message}`, options);
    this.file = file;
    this.line = line;
  }
}

import { SidflowError } from '../errors.js';

/**
 * A file or folder of an HVSC tree could not be read (missing, no
 * permission, a symlink loop, ...). The file system error is the `cause`.
 */
export class HvscReadError extends SidflowError {
  /** Always `HVSC_READ_FAILED`. */
  declare readonly code: 'HVSC_READ_FAILED';
  /** File system path that failed. */
  readonly file: string;

  /**
   * @param file - file system path that failed
   * @param cause - the underlying error, usually a Node `ErrnoException`
   */
  constructor(file: string, cause: unknown) {
    const reason =
      (cause as { code?: unknown })?.code ?? (cause as Error)?.message ?? 'unknown error';
    super('HVSC_READ_FAILED', `cannot read ${file}: ${String(reason)}`, { cause });
    this.file = file;
  }
}

/**
 * Base class of every error SIDFlow packages throw on purpose. Callers can
 * catch `SidflowError` to tell expected failures (bad input, missing files,
 * rejected options) from bugs, and switch on {@link SidflowError.code}.
 */
export class SidflowError extends Error {
  /** Stable machine-readable identifier, e.g. `SID_BAD_MAGIC`. */
  readonly code: string;

  /**
   * @param code - stable machine-readable identifier of the failure
   * @param message - human-readable explanation naming what was wrong
   * @param options - standard error options, e.g. `cause`
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

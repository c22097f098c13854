import { SidflowError } from '../errors.js';

/** Stable codes of {@link RenderNamingError}. */
export type RenderNamingErrorCode = 'RENDER_NAME_INVALID_PART' | 'RENDER_NAME_UNPARSABLE';

/**
 * A rendered file name could not be built (a part is out of range) or
 * parsed (it does not follow `$name[-$trackIndex]-$platform-$chip.$encoding`).
 */
export class RenderNamingError extends SidflowError {
  /**
   * @param code - which kind of failure
   * @param message - explanation naming the offending part
   */
  constructor(code: RenderNamingErrorCode, message: string) {
    super(code, message);
  }
}

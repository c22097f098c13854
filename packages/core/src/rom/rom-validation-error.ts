import { SidflowError } from '../errors.js';

/** Stable codes of {@link RomValidationError}. */
export type RomValidationErrorCode =
  | 'ROM_UNKNOWN_KIND'
  | 'ROM_WRONG_SIZE'
  | 'ROM_UNKNOWN_DUMP'
  | 'ROM_BAD_MANIFEST';

/**
 * A user-supplied ROM image was refused: wrong size for its kind (the
 * message gives the size expected and seen) or not a dump listed in the
 * manifest (the message gives the hashes seen, so a user can add it).
 */
export class RomValidationError extends SidflowError {
  /**
   * @param code - which kind of failure
   * @param message - explanation with the expected size or the hash seen
   */
  constructor(code: RomValidationErrorCode, message: string) {
    super(code, message);
  }
}

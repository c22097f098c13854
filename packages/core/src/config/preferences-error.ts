import { SidflowError } from '../errors.js';

/** Stable codes of {@link PreferencesError}. */
export type PreferencesErrorCode =
  | 'PREFERENCES_BAD_JSON'
  | 'PREFERENCES_NOT_A_RECORD'
  | 'PREFERENCES_BAD_VERSION'
  | 'PREFERENCES_FUTURE_VERSION'
  | 'PREFERENCES_INVALID';

/**
 * A stored preferences record could not be read or migrated: it is not an
 * object, has no usable `version`, was written by a newer SIDFlow, or has
 * fields that do not fit its version's schema.
 */
export class PreferencesError extends SidflowError {
  /** The `version` field seen, when there was a numeric one. */
  readonly version: number | null;

  /**
   * @param code - which kind of failure
   * @param message - explanation naming the offending field(s)
   * @param version - the `version` field seen, if numeric
   */
  constructor(code: PreferencesErrorCode, message: string, version: number | null = null) {
    super(code, message);
    this.version = version;
  }
}

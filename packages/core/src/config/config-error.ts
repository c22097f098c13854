import { SidflowError } from '../errors.js';

/** Stable codes of {@link ConfigError}. */
export type ConfigErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_UNREADABLE'
  | 'CONFIG_BAD_JSON'
  | 'CONFIG_INVALID'
  | 'CONFIG_BAD_ENV';

/**
 * A `.sidflow.json` file or a `SIDFLOW_*` variable could not be used. The
 * message names the file (or variable) and every offending path, e.g.
 * `render.m4aBitrate: expected integer ≥ 32, got "abc"`.
 */
export class ConfigError extends SidflowError {
  /** The config file involved, or `null` when the problem is not tied to a file. */
  readonly file: string | null;
  /** One line per problem, each starting with the offending path or variable. */
  readonly problems: readonly string[];

  /**
   * @param code - which kind of failure
   * @param file - the config file involved, or `null`
   * @param problems - one line per problem, each naming its path
   * @param options - standard error options, e.g. `cause`
   */
  constructor(
    code: ConfigErrorCode,
    file: string | null,
    problems: readonly string[],
    options?: ErrorOptions,
  ) {
    const where = file === null ? 'config' : file;
    super(code, `${where}: ${problems.join('; ')}`, options);
    this.file = file;
    this.problems = problems;
  }
}

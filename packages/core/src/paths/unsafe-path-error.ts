import { SidflowError } from '../errors.js';

/** Why a user-supplied path was refused. */
export type UnsafePathReason =
  | 'EMPTY'
  | 'NUL_BYTE'
  | 'ABSOLUTE'
  | 'TRAVERSAL'
  | 'SYMLINK_ESCAPE'
  | 'DANGLING_SYMLINK'
  | 'ROOT_MISSING';

/**
 * A user-supplied path was refused because it could reach outside its
 * root. {@link UnsafePathError.reason} says why; the code is always
 * `UNSAFE_PATH`.
 */
export class UnsafePathError extends SidflowError {
  /** Why the path was refused. */
  readonly reason: UnsafePathReason;
  /** The path as supplied. */
  readonly userPath: string;

  /**
   * @param reason - why the path was refused
   * @param userPath - the path as supplied
   * @param detail - human-readable explanation
   */
  constructor(reason: UnsafePathReason, userPath: string, detail: string) {
    super('UNSAFE_PATH', `unsafe path ${JSON.stringify(userPath)} (${reason}): ${detail}`);
    this.reason = reason;
    this.userPath = userPath;
  }
}

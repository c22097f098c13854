import { SidflowError } from '@sidflow/core';

/** Why the tune library refused a request. */
export type TuneLibraryErrorCode = 'TUNE_NOT_FOUND' | 'TUNE_BAD_ID' | 'HVSC_NOT_CONFIGURED';

/** A tune or folder requested from the web app's library does not exist or may not be read. */
export class TuneLibraryError extends SidflowError {
  declare readonly code: TuneLibraryErrorCode;

  /**
   * @param code - why the request was refused
   * @param message - what was asked for and what to do about it
   */
  constructor(code: TuneLibraryErrorCode, message: string) {
    super(code, message);
  }

  /** The HTTP status a route answers this error with. */
  get status(): number {
    return this.code === 'TUNE_NOT_FOUND' ? 404 : 400;
  }
}

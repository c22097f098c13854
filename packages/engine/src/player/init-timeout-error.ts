import { SidflowError } from '@sidflow/core';

/**
 * Recorded when a tune's init routine has not returned within the budget
 * (2 s of emulated time). Playback continues, as libsidplayfp's driver does:
 * many tunes play from init and never return.
 */
export class InitTimeoutError extends SidflowError {
  /** The budget that passed, in CPU cycles. */
  readonly cycles: number;

  /** @param cycles - the budget that passed, in CPU cycles */
  constructor(cycles: number) {
    super('ENGINE_INIT_TIMEOUT', `init did not return within ${cycles} cycles; playback continues`);
    this.cycles = cycles;
  }
}

import { SidflowError } from '@sidflow/core';

/** Thrown at player creation for an RSID BASIC tune when no BASIC ROM was supplied. */
export class NeedsBasicRomError extends SidflowError {
  /** @param message - which tune needs the ROM */
  constructor(message = 'this RSID tune is a C64 BASIC program; supply a BASIC ROM to play it') {
    super('ENGINE_NEEDS_BASIC_ROM', message);
  }
}

import { parseSidFile } from '../sid-file/index.js';
import { type HvscTuneFacts, hvscTuneFacts } from './hvsc-tune-facts.js';

/**
 * Parses a SID file's header into {@link HvscTuneFacts}, tolerating the rule
 * bends real HVSC tunes have (they land in `warnings`).
 *
 * @throws `SidFileError` when the header cannot be decoded at all
 */
export function readTuneFacts(bytes: Uint8Array): HvscTuneFacts {
  return hvscTuneFacts(parseSidFile(bytes));
}

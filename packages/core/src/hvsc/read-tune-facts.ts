import { decodeSidBytes } from '../sid-file/parse-sid-file.js';
import { type HvscTuneFacts, hvscTuneFacts } from './hvsc-tune-facts.js';

/**
 * Parses a SID file's header into {@link HvscTuneFacts}, tolerating the rule
 * bends real HVSC tunes have (they land in `warnings`). The bytes are decoded
 * in place, not copied as `parseSidFile` does: the facts keep no view of
 * them, so the caller may reuse the buffer as soon as this returns.
 *
 * @throws `SidFileError` when the header cannot be decoded at all
 */
export function readTuneFacts(bytes: Uint8Array): HvscTuneFacts {
  return hvscTuneFacts(decodeSidBytes(bytes, false));
}

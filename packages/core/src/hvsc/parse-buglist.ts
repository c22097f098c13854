import { parseStilDocument } from './parse-stil-document.js';
import type { StilDatabase } from './stil-database.js';

/**
 * Parses HVSC's `DOCUMENTS/BUGlist.txt`: the STIL format with `BUG:` fields
 * describing known faults of a tune. The `(Reporter)` credit line under a bug
 * stays part of the `BUG` text. Bytes are decoded as ISO-8859-1.
 *
 * @throws {@link HvscParseError} `HVSC_BUGLIST_SYNTAX` naming the first bad line
 */
export function parseBuglist(input: string | Uint8Array): StilDatabase {
  return parseStilDocument(input, 'HVSC_BUGLIST_SYNTAX');
}

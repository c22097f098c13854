import { parseStilDocument } from './parse-stil-document.js';
import type { StilDatabase } from './stil-database.js';

/**
 * Parses HVSC's `DOCUMENTS/STIL.txt` (the SID Tune Information List): per
 * file and per subtune `TITLE`, `ARTIST`, `COMMENT`, `NAME`, `AUTHOR` (and any
 * other `WORD:`) fields, plus folder comments. Bytes are decoded as ISO-8859-1.
 *
 * @throws {@link HvscParseError} `HVSC_STIL_SYNTAX` naming the first bad line
 */
export function parseStil(input: string | Uint8Array): StilDatabase {
  return parseStilDocument(input, 'HVSC_STIL_SYNTAX');
}

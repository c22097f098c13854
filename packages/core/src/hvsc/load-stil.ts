import { parseStil } from './parse-stil.js';
import { readWholeFile } from './read-whole-file.js';
import type { StilDatabase } from './stil-database.js';

/**
 * Reads and parses a `STIL.txt` file (usually `C64Music/DOCUMENTS/STIL.txt`).
 *
 * @throws {@link HvscReadError} when the file cannot be read
 * @throws {@link HvscParseError} when it is malformed
 */
export async function loadStil(file: string | URL): Promise<StilDatabase> {
  return parseStil(await readWholeFile(file));
}

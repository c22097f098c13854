import { parseBuglist } from './parse-buglist.js';
import { readWholeFile } from './read-whole-file.js';
import type { StilDatabase } from './stil-database.js';

/**
 * Reads and parses a `BUGlist.txt` file (usually `C64Music/DOCUMENTS/BUGlist.txt`).
 *
 * @throws {@link HvscReadError} when the file cannot be read
 * @throws {@link HvscParseError} when it is malformed
 */
export async function loadBuglist(file: string | URL): Promise<StilDatabase> {
  return parseBuglist(await readWholeFile(file));
}

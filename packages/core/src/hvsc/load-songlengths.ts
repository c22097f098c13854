import { parseSonglengths } from './parse-songlengths.js';
import { readWholeFile } from './read-whole-file.js';
import type { SonglengthsDatabase } from './songlengths-database.js';

/**
 * Reads and parses a `Songlengths.md5` file (usually `C64Music/DOCUMENTS/Songlengths.md5`).
 *
 * @throws {@link HvscReadError} when the file cannot be read
 * @throws {@link HvscParseError} when it is malformed
 */
export async function loadSonglengths(file: string | URL): Promise<SonglengthsDatabase> {
  return parseSonglengths(await readWholeFile(file));
}

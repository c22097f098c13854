import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CanonicalDataError } from './canonical-data-error.js';
import { parseCanonicalJson, parseJsonl, stringifyJsonl } from './canonical-jsonl.js';
import { stringifyCanonical } from './stringify-canonical.js';
import { writeFileAtomic } from './write-file-atomic.js';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CanonicalDataError(
      'CANONICAL_IO',
      `cannot read (${code})`,
      { file: path },
      {
        cause: error,
      },
    );
  }
}

/**
 * Writes a value as a canonical JSON file, atomically.
 *
 * @param path - destination; its folder must exist
 * @param value - the value (see {@link stringifyCanonical} for what is accepted)
 * @returns the exact text written
 * @throws {@link CanonicalDataError} when the value cannot be written canonically
 */
export async function writeCanonicalJsonFile(path: string, value: unknown): Promise<string> {
  const text = stringifyCanonical(value);
  await writeFileAtomic(path, text);
  return text;
}

/**
 * Writes records as a canonical JSONL file, atomically (the whole file is
 * replaced; use an appender for logs).
 *
 * @param path - destination; its folder must exist
 * @param records - the records
 * @returns the exact text written
 * @throws {@link CanonicalDataError} when a record cannot be written canonically
 */
export async function writeJsonlFile(path: string, records: Iterable<unknown>): Promise<string> {
  const text = stringifyJsonl(records);
  await writeFileAtomic(path, text);
  return text;
}

/**
 * Reads and validates a JSON file.
 *
 * @param path - the file
 * @param schema - schema the document must match
 * @returns the validated document
 * @throws {@link CanonicalDataError} `CANONICAL_IO`, `CANONICAL_BAD_JSON` or `CANONICAL_INVALID`
 */
export async function readCanonicalJsonFile<T = unknown>(
  path: string,
  schema?: z.ZodType<T>,
): Promise<T> {
  return parseCanonicalJson(await readText(path), schema, { source: path });
}

/**
 * Reads and validates a JSONL file; errors name the 1-based line.
 *
 * @param path - the file
 * @param schema - schema each record must match
 * @returns the records in file order
 * @throws {@link CanonicalDataError} `CANONICAL_IO`, `CANONICAL_BAD_JSON` or `CANONICAL_INVALID`
 */
export async function readJsonlFile<T = unknown>(
  path: string,
  schema?: z.ZodType<T>,
): Promise<T[]> {
  return parseJsonl(await readText(path), schema, { source: path });
}

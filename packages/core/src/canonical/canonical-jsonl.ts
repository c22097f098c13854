import type { z } from 'zod';
import { describeValidationIssue } from '../config/describe-validation-issue.js';
import { CanonicalDataError } from './canonical-data-error.js';
import { stringifyCanonical } from './stringify-canonical.js';

/**
 * Writes records as canonical JSONL: one {@link stringifyCanonical} line per
 * record, each ending with `\n`.
 *
 * @param records - the records, usually objects
 * @returns the JSONL text (empty for no records)
 * @throws {@link CanonicalDataError} when a record cannot be written canonically
 */
export function stringifyJsonl(records: Iterable<unknown>): string {
  let out = '';
  for (const record of records) out += stringifyCanonical(record);
  return out;
}

/** Options of {@link parseJsonl} and {@link parseCanonicalJson}. */
export interface ParseCanonicalOptions {
  /** File the text came from, named in errors. */
  readonly source?: string | null;
}

/**
 * Validates one parsed value against a schema.
 *
 * @param schema - the schema, or `undefined` to accept any value
 * @param value - the parsed value
 * @param location - file and line for error messages
 * @returns the validated value
 * @throws {@link CanonicalDataError} `CANONICAL_INVALID` naming the path(s)
 */
export function validateCanonical<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  location: { file?: string | null; line?: number | null },
): T {
  if (schema === undefined) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeValidationIssue(issue, value));
  throw new CanonicalDataError('CANONICAL_INVALID', problems.join('; '), location);
}

/**
 * Reads JSONL text, validating each line with `schema` when given. Lines
 * may end with `\n` or `\r\n`; the final newline is optional; blank lines
 * are errors because canonical writers never produce them.
 *
 * @param text - the JSONL text
 * @param schema - schema each record must match
 * @param options - source name for errors
 * @returns the records in file order
 * @throws {@link CanonicalDataError} `CANONICAL_BAD_JSON` or `CANONICAL_INVALID` with the 1-based line
 */
export function parseJsonl<T = unknown>(
  text: string,
  schema?: z.ZodType<T>,
  options: ParseCanonicalOptions = {},
): T[] {
  const file = options.source ?? null;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const records: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (content.trim() === '') {
      throw new CanonicalDataError('CANONICAL_BAD_JSON', 'blank line', { file, line });
    }
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new CanonicalDataError(
        'CANONICAL_BAD_JSON',
        `not valid JSON: ${(error as Error).message}`,
        { file, line },
        { cause: error },
      );
    }
    records.push(validateCanonical(schema, value, { file, line }));
  }
  return records;
}

/**
 * Reads one JSON document, validating it with `schema` when given.
 *
 * @param text - the JSON text
 * @param schema - schema the document must match
 * @param options - source name for errors
 * @returns the validated document
 * @throws {@link CanonicalDataError} `CANONICAL_BAD_JSON` or `CANONICAL_INVALID`
 */
export function parseCanonicalJson<T = unknown>(
  text: string,
  schema?: z.ZodType<T>,
  options: ParseCanonicalOptions = {},
): T {
  const file = options.source ?? null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CanonicalDataError(
      'CANONICAL_BAD_JSON',
      `not valid JSON: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  return validateCanonical(schema, value, { file });
}

import type { z } from 'zod';

/** Longest rendering of an offending value kept in an error message. */
const MAX_VALUE_CHARS = 60;

/**
 * Renders a value the way error messages quote it: JSON where possible,
 * shortened, and `nothing` for a missing value.
 *
 * @param value - the offending value
 * @returns a short human-readable rendering
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/**
 * Renders an issue path as `a.b[2].c`; the empty path renders as `(root)`.
 *
 * @param path - the path segments of a validation issue
 * @returns the dotted path
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `expected ${issue.origin} ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin} ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => describeValue(v)).join(' | ')}`;
    case 'invalid_format':
      return `expected ${issue.format}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

/**
 * Turns one zod issue into `path: expected …, got …`. Schemas built with a
 * custom message starting with `expected` keep it, so a field can state its
 * whole contract (e.g. `expected integer ≥ 32`) even when the type is wrong.
 *
 * @param issue - the zod issue
 * @param input - the value that was validated, used to quote the offending part
 * @returns one line naming the path, the expectation and the value seen
 */
export function describeValidationIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => `${formatIssuePath([...issue.path, key])}: unknown key`)
      .join('; ');
  }
  const where = formatIssuePath(issue.path);
  const wanted = issue.message.startsWith('expected ') ? issue.message : expectation(issue);
  return `${where}: ${wanted}, got ${describeValue(valueAt(input, issue.path))}`;
}

/**
 * Describes every issue of a failed validation, one per line.
 *
 * @param error - the zod error
 * @param input - the value that was validated
 * @returns the issues joined by newlines
 */
export function describeValidationError(error: z.ZodError, input: unknown): string {
  return error.issues.map((issue) => describeValidationIssue(issue, input)).join('\n');
}

import { CanonicalDataError } from './canonical-data-error.js';

/** Options of {@link stringifyCanonical}. */
export interface StringifyCanonicalOptions {
  /**
   * Leave out the trailing newline, e.g. to embed the text in a JSONL line.
   * Files should keep it.
   */
  readonly omitTrailingNewline?: boolean;
}

function pathText(path: readonly (string | number)[]): string {
  let out = '$';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  return out;
}

/**
 * Numbers use ECMAScript's Number-to-String, which is the shortest text
 * that round-trips and is identical in every conforming engine; `-0` is
 * written as `0` because JSON readers disagree on keeping its sign.
 */
function formatNumber(value: number, path: readonly (string | number)[]): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalDataError(
      'CANONICAL_NON_FINITE_NUMBER',
      `${pathText(path)}: ${String(value)} cannot be written as JSON`,
    );
  }
  return Object.is(value, -0) ? '0' : String(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: (string | number)[], seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatNumber(value, path);
    case 'object':
      break;
    default:
      throw new CanonicalDataError(
        'CANONICAL_UNSUPPORTED_VALUE',
        `${pathText(path)}: ${typeof value} cannot be written as canonical JSON`,
      );
  }
  if (value === null) return 'null';
  if (seen.has(value)) {
    throw new CanonicalDataError('CANONICAL_CYCLE', `${pathText(path)}: circular reference`);
  }
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      if (value[i] === undefined) {
        throw new CanonicalDataError(
          'CANONICAL_UNSUPPORTED_VALUE',
          `${pathText(path)}: undefined array element`,
        );
      }
      items.push(write(value[i], path, seen));
      path.pop();
    }
    out = `[${items.join(',')}]`;
  } else if (isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    // Code-unit order (plain sort) is locale-independent, hence reproducible everywhere.
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      const member = record[key];
      // Like JSON.stringify, an undefined property means "absent".
      if (member === undefined) continue;
      path.push(key);
      members.push(`${JSON.stringify(key)}:${write(member, path, seen)}`);
      path.pop();
    }
    out = `{${members.join(',')}}`;
  } else {
    throw new CanonicalDataError(
      'CANONICAL_UNSUPPORTED_VALUE',
      `${pathText(path)}: ${Object.prototype.toString.call(value)} is not a plain object or array`,
    );
  }
  seen.delete(value);
  return out;
}

/**
 * Writes a JSON value deterministically: object keys sorted recursively by
 * UTF-16 code unit, no whitespace, numbers in shortest round-trip form with
 * `-0` as `0`, a trailing newline. The same value always yields the same
 * bytes, so canonical files diff and hash cleanly.
 *
 * Only plain objects, arrays, strings, finite numbers, booleans and `null`
 * are accepted; object properties that are `undefined` are left out.
 *
 * @param value - the value to write
 * @param options - formatting options
 * @returns the canonical JSON text
 * @throws {@link CanonicalDataError} for NaN/Infinity, cycles and non-JSON values, naming the path
 */
export function stringifyCanonical(
  value: unknown,
  options: StringifyCanonicalOptions = {},
): string {
  const text = write(value, [], new Set());
  return options.omitTrailingNewline ? text : `${text}\n`;
}

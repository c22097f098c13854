import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parsed options: each value is a string, `true` for flags, or absent. */
export interface ParsedCommand {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses a command's arguments, turning Node's parse errors into usage errors. */
export function parseCommand(args: string[], options: OptionSpec): ParsedCommand {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function boundedOption(
  kind: 'integer' | 'number',
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  const valid = kind === 'integer' ? Number.isInteger(n) : Number.isFinite(n);
  if (typeof value !== 'string' || !valid || n < min || n > max) {
    const article = kind === 'integer' ? 'an' : 'a';
    throw new UsageError(
      `--${name} must be ${article} ${kind} from ${min} to ${max}, got "${value}"`,
    );
  }
  return n;
}

/** Reads an integer option within bounds, or its default when absent. */
export function intOption(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  return boundedOption('integer', value, name, min, max, fallback);
}

/** Reads a number option within bounds, or its default when absent. */
export function numberOption(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  return boundedOption('number', value, name, min, max, fallback);
}

/** The single positional FILE argument. */
export function fileArgument(positionals: string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length ? `expected one FILE, got ${positionals.length}` : 'missing FILE',
    );
  }
  return positionals[0];
}

/** Reads a string option, rejecting a bare flag. */
export function stringOption(
  value: string | boolean | undefined,
  name: string,
): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new UsageError(`--${name} needs a value`);
}

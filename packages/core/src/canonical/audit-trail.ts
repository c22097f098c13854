import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { describeValidationIssue } from '../config/describe-validation-issue.js';
import { CanonicalDataError } from './canonical-data-error.js';
import { readJsonlFile } from './canonical-files.js';
import { parseJsonl } from './canonical-jsonl.js';
import { stringifyCanonical } from './stringify-canonical.js';

/** Location of the audit trail inside the data folder. */
export const AUDIT_TRAIL_PATH = 'audit/admin-actions.jsonl';

const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lowercase hex digits (SHA-256)' })
  .nullable();

/** One admin action as recorded in `data/audit/admin-actions.jsonl`. */
export interface AuditEntry {
  /** Who did it (user name or service id). */
  actor: string;
  /** What was done, e.g. `model.publish`. */
  action: string;
  /** What it was done to, e.g. a data-relative path or a job id. */
  target: string;
  /** When, as an ISO 8601 UTC timestamp. */
  time: string;
  /** SHA-256 (hex) of the target's content before, or `null` if it did not exist. */
  before: string | null;
  /** SHA-256 (hex) of the target's content after, or `null` if it was removed. */
  after: string | null;
}

/** What {@link appendAuditEntry} takes: an {@link AuditEntry} whose `time` may be left out. */
export interface AuditEntryInput {
  /** Who did it. */
  readonly actor: string;
  /** What was done. */
  readonly action: string;
  /** What it was done to. */
  readonly target: string;
  /** When, as ISO 8601 UTC; defaults to now. */
  readonly time?: string;
  /** SHA-256 (hex) of the content before, or `null`. */
  readonly before: string | null;
  /** SHA-256 (hex) of the content after, or `null`. */
  readonly after: string | null;
}

/** Validates audit lines; strict so a misspelt field is caught rather than dropped. */
export const auditEntrySchema: z.ZodType<AuditEntry> = z.strictObject({
  actor: z.string().min(1),
  action: z.string().min(1),
  target: z.string().min(1),
  time: z.iso.datetime(),
  before: sha256Schema,
  after: sha256Schema,
});

/**
 * Appends one canonical line to `dataDir/audit/admin-actions.jsonl`. The file
 * is opened with O_APPEND, so concurrent appenders never interleave within a
 * line on local file systems, and fsynced before returning.
 *
 * @param dataDir - the data folder (holding `audit/`)
 * @param entry - the entry; `time` defaults to the current time
 * @returns the entry as written
 * @throws {@link CanonicalDataError} `CANONICAL_INVALID` when the entry is malformed
 */
export async function appendAuditEntry(
  dataDir: string,
  entry: AuditEntryInput,
): Promise<AuditEntry> {
  const candidate = { ...entry, time: entry.time ?? new Date().toISOString() };
  const result = auditEntrySchema.safeParse(candidate);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeValidationIssue(issue, candidate));
    throw new CanonicalDataError('CANONICAL_INVALID', `audit entry: ${problems.join('; ')}`);
  }
  const file = join(dataDir, AUDIT_TRAIL_PATH);
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(stringifyCanonical(result.data));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return result.data;
}

/**
 * Reads the whole audit trail; an absent file is an empty trail.
 *
 * @param dataDir - the data folder (holding `audit/`)
 * @returns the entries, oldest first
 * @throws {@link CanonicalDataError} when a line is malformed (naming the line)
 */
export async function readAuditTrail(dataDir: string): Promise<AuditEntry[]> {
  try {
    return await readJsonlFile(join(dataDir, AUDIT_TRAIL_PATH), auditEntrySchema);
  } catch (error) {
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    if (
      error instanceof CanonicalDataError &&
      error.code === 'CANONICAL_IO' &&
      cause?.code === 'ENOENT'
    ) {
      return [];
    }
    throw error;
  }
}

/**
 * Parses audit trail text (e.g. fetched from a server).
 *
 * @param text - JSONL text of the trail
 * @returns the entries, oldest first
 * @throws {@link CanonicalDataError} when a line is malformed (naming the line)
 */
export function parseAuditTrail(text: string): AuditEntry[] {
  return parseJsonl(text, auditEntrySchema);
}

import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveSafePath } from '../paths/resolve-safe-path.js';
import { type AuditEntry, appendAuditEntry } from './audit-trail.js';
import { CanonicalDataError } from './canonical-data-error.js';
import { stringifyJsonl } from './canonical-jsonl.js';
import { sha256Hex } from './sha256-hex.js';
import { stringifyCanonical } from './stringify-canonical.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Arguments of {@link writeCanonicalWithAudit}. */
export interface WriteCanonicalWithAuditOptions {
  /** The data folder; the file and the audit trail live inside it. */
  readonly dataDir: string;
  /** Destination relative to `dataDir`, e.g. `model/manifest.json`; checked with {@link resolveSafePath}. */
  readonly path: string;
  /** The content: a value written as canonical JSON, or records written as canonical JSONL. */
  readonly value: unknown;
  /** `json` (default) writes `value` as one document; `jsonl` needs an array and writes a line per item. */
  readonly format?: 'json' | 'jsonl';
  /** Who is acting. */
  readonly actor: string;
  /** What the action is, e.g. `model.publish`. */
  readonly action: string;
  /** What the audit entry names as target; defaults to `path`. */
  readonly target?: string;
}

/** What {@link writeCanonicalWithAudit} did. */
export interface WriteCanonicalWithAuditResult {
  /** Absolute real path written. */
  readonly file: string;
  /** The exact text written. */
  readonly text: string;
  /** The audit entry appended. */
  readonly entry: AuditEntry;
}

async function currentContent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes canonical data inside the data folder on behalf of an admin and
 * records it: hashes the old content (`null` if new), writes the new content
 * atomically, then appends `{ actor, action, target, time, before, after }`
 * to the audit trail. The file is written before the audit line so the trail
 * never claims a change that did not happen.
 *
 * @param options - destination, content and who/what for the audit entry
 * @returns the file written, its text and the audit entry
 * @throws {@link CanonicalDataError} for content that cannot be written canonically
 * @throws {@link UnsafePathError} when `path` could leave `dataDir`
 */
export async function writeCanonicalWithAudit(
  options: WriteCanonicalWithAuditOptions,
): Promise<WriteCanonicalWithAuditResult> {
  if (options.format === 'jsonl' && !Array.isArray(options.value)) {
    throw new CanonicalDataError(
      'CANONICAL_UNSUPPORTED_VALUE',
      'jsonl content must be an array of records',
    );
  }
  const text =
    options.format === 'jsonl'
      ? stringifyJsonl(options.value as unknown[])
      : stringifyCanonical(options.value);
  await mkdir(options.dataDir, { recursive: true });
  const file = await resolveSafePath(options.dataDir, options.path);
  const previous = await currentContent(file);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
  const entry = await appendAuditEntry(options.dataDir, {
    actor: options.actor,
    action: options.action,
    target: options.target ?? options.path,
    before: previous === null ? null : sha256Hex(previous),
    after: sha256Hex(text),
  });
  return { file, text, entry };
}

import { createHash } from 'node:crypto';
import { defaultRomManifest, ROM_SIZES, type RomKind, type RomManifest } from './rom-manifest.js';
import { RomValidationError } from './rom-validation-error.js';

/** A ROM image identified against the manifest. */
export interface RomIdentification {
  /** Which ROM it is. */
  readonly kind: RomKind;
  /** Name of the matching manifest entry. */
  readonly name: string;
  /** Commodore part number of the matching entry, or `null` if the entry has none. */
  readonly partNumber: string | null;
  /** SHA-256 of the image. */
  readonly sha256: string;
  /** MD5 of the image. */
  readonly md5: string;
  /** Which hash matched the entry. */
  readonly matchedBy: 'sha256' | 'md5';
}

const LABELS: Record<RomKind, string> = { kernal: 'KERNAL', basic: 'BASIC', chargen: 'CHARGEN' };

/**
 * Checks a user-supplied ROM image: its size must fit the kind and its hash
 * must be listed in the manifest. An entry with a SHA-256 matches on it;
 * entries without one match on MD5.
 *
 * @param kind - which ROM the user says it is
 * @param bytes - the image
 * @param manifest - known dumps; defaults to {@link defaultRomManifest}
 * @returns the identified dump with the image's hashes
 * @throws {@link RomValidationError} `ROM_UNKNOWN_KIND`, `ROM_WRONG_SIZE` (stating the size expected) or `ROM_UNKNOWN_DUMP` (stating the hashes seen)
 */
export function validateRom(
  kind: RomKind,
  bytes: Uint8Array,
  manifest: RomManifest = defaultRomManifest,
): RomIdentification {
  if (!Object.hasOwn(ROM_SIZES, kind)) {
    throw new RomValidationError(
      'ROM_UNKNOWN_KIND',
      `unknown ROM kind ${JSON.stringify(kind)}: expected "kernal", "basic" or "chargen"`,
    );
  }
  const label = LABELS[kind];
  const expected = ROM_SIZES[kind];
  if (bytes.length !== expected) {
    throw new RomValidationError(
      'ROM_WRONG_SIZE',
      `${label} ROM must be ${expected} bytes, got ${bytes.length}`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const md5 = createHash('md5').update(bytes).digest('hex');
  for (const entry of manifest.entries) {
    if (entry.kind !== kind) continue;
    const matchedBy =
      entry.sha256 !== undefined
        ? entry.sha256 === sha256
          ? 'sha256'
          : null
        : entry.md5 === md5
          ? 'md5'
          : null;
    if (matchedBy !== null) {
      return {
        kind,
        name: entry.name,
        partNumber: entry.partNumber ?? null,
        sha256,
        md5,
        matchedBy,
      };
    }
  }
  const known = manifest.entries
    .filter((entry) => entry.kind === kind)
    .map((entry) => entry.partNumber ?? entry.name);
  throw new RomValidationError(
    'ROM_UNKNOWN_DUMP',
    `${label} ROM with SHA-256 ${sha256} (MD5 ${md5}) is not a known dump` +
      (known.length > 0 ? `; known: ${known.join(', ')}` : '; the manifest lists none'),
  );
}

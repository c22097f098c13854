import { z } from 'zod';
import { describeValidationIssue } from '../config/describe-validation-issue.js';
import { RomValidationError } from './rom-validation-error.js';

/** The three C64 ROMs an emulator needs. */
export type RomKind = 'kernal' | 'basic' | 'chargen';

/** Exact image size of each ROM kind, in bytes: two 8 KiB 2364 chips and one 4 KiB 2332. */
export const ROM_SIZES: Readonly<Record<RomKind, number>> = {
  kernal: 8192,
  basic: 8192,
  chargen: 4096,
};

const hex = (digits: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${digits}}$`), {
    error: `expected ${digits} lowercase hex digits`,
  });

/** One known dump. Hashes and names only: ROM bytes are copyrighted and never shipped. */
export interface RomManifestEntry {
  /** Which ROM this is a dump of. */
  readonly kind: RomKind;
  /** Human-readable name, e.g. `C64 KERNAL revision 3`. */
  readonly name: string;
  /** Commodore part number, e.g. `901227-03`, when known. */
  readonly partNumber?: string;
  /** SHA-256 of the image (64 lowercase hex digits); preferred for matching. */
  readonly sha256?: string;
  /** MD5 of the image (32 lowercase hex digits), for dumps whose published fingerprint is MD5 only. */
  readonly md5?: string;
}

/** A list of known dumps. */
export interface RomManifest {
  /** The known dumps; each needs a `sha256` or an `md5`. */
  readonly entries: readonly RomManifestEntry[];
}

/** Validates one manifest entry read from JSON. */
export const romManifestEntrySchema: z.ZodType<RomManifestEntry> = z
  .strictObject({
    kind: z.enum(['kernal', 'basic', 'chargen']),
    name: z.string().min(1),
    partNumber: z.string().min(1).optional(),
    sha256: hex(64).optional(),
    md5: hex(32).optional(),
  })
  .refine((entry) => entry.sha256 !== undefined || entry.md5 !== undefined, {
    error: 'expected sha256 or md5',
  });

/** Validates a manifest read from JSON. */
export const romManifestSchema: z.ZodType<RomManifest> = z.strictObject({
  entries: z.array(romManifestEntrySchema),
});

/**
 * The standard C64 ROM set. Fingerprints are the MD5 values libsidplayfp's
 * ROM check recognises (`src/romCheck.h`); the BASIC one also matches the
 * list in zimmers.net's `firmware/computers/c64/revisions.txt`. SHA-256
 * values are not included because no public source could be checked for
 * them; add entries with {@link extendRomManifest} once verified.
 */
export const defaultRomManifest: RomManifest = {
  entries: [
    {
      kind: 'kernal',
      name: 'C64 KERNAL revision 1',
      partNumber: '901227-01',
      md5: '1ae0ea224f2b291dafa2c20b990bb7d4',
    },
    {
      kind: 'kernal',
      name: 'C64 KERNAL revision 2',
      partNumber: '901227-02',
      md5: '7360b296d64e18b88f6cf52289fd99a1',
    },
    {
      kind: 'kernal',
      name: 'C64 KERNAL revision 3',
      partNumber: '901227-03',
      md5: '39065497630802346bce17963f13c092',
    },
    {
      kind: 'basic',
      name: 'C64 BASIC V2',
      partNumber: '901226-01',
      md5: '57af4ae21d4b705c2991d98ed5c1f7b8',
    },
    {
      kind: 'chargen',
      name: 'C64 character generator',
      partNumber: '901225-01',
      md5: '12a4202f5331d45af846af6c58fba946',
    },
  ],
};

/**
 * Validates a manifest read from JSON (e.g. a user's own list of dumps).
 *
 * @param value - the parsed JSON
 * @returns the manifest
 * @throws {@link RomValidationError} `ROM_BAD_MANIFEST` naming the offending paths
 */
export function parseRomManifest(value: unknown): RomManifest {
  const result = romManifestSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeValidationIssue(issue, value));
  throw new RomValidationError('ROM_BAD_MANIFEST', `ROM manifest: ${problems.join('; ')}`);
}

/**
 * Returns a manifest with extra entries appended (the base is not changed).
 *
 * @param base - the manifest to extend, usually {@link defaultRomManifest}
 * @param entries - additional known dumps
 * @returns the combined manifest
 * @throws {@link RomValidationError} `ROM_BAD_MANIFEST` when an entry is malformed
 */
export function extendRomManifest(
  base: RomManifest,
  entries: readonly RomManifestEntry[],
): RomManifest {
  return parseRomManifest({ entries: [...base.entries, ...entries] });
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  defaultRomManifest,
  extendRomManifest,
  parseRomManifest,
  ROM_SIZES,
  type RomKind,
  type RomManifest,
  RomValidationError,
  validateRom,
} from '../src/rom/index.js';

/** Synthetic stand-ins for ROM images: deterministic bytes, never real ROM content. */
function syntheticRom(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7) & 0xff);
}
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

const kernal = syntheticRom(8192, 1);
const basic = syntheticRom(8192, 2);
const chargen = syntheticRom(4096, 3);
const manifest: RomManifest = {
  entries: [
    { kind: 'kernal', name: 'Test KERNAL', partNumber: 'T-01', sha256: sha256(kernal) },
    { kind: 'basic', name: 'Test BASIC', md5: md5(basic) },
    {
      kind: 'chargen',
      name: 'Test CHARGEN',
      partNumber: 'T-03',
      sha256: sha256(chargen),
      md5: md5(chargen),
    },
  ],
};

function thrown(fn: () => unknown): RomValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RomValidationError);
    return error as RomValidationError;
  }
  throw new Error('expected a RomValidationError');
}

describe('validateRom', () => {
  it('identifies dumps listed in the manifest by SHA-256 or MD5', () => {
    expect(validateRom('kernal', kernal, manifest)).toEqual({
      kind: 'kernal',
      name: 'Test KERNAL',
      partNumber: 'T-01',
      sha256: sha256(kernal),
      md5: md5(kernal),
      matchedBy: 'sha256',
    });
    expect(validateRom('basic', basic, manifest)).toMatchObject({
      partNumber: null,
      matchedBy: 'md5',
    });
    expect(validateRom('chargen', chargen, manifest).matchedBy).toBe('sha256');
  });

  it('states the expected size for wrong sizes', () => {
    const error = thrown(() => validateRom('kernal', new Uint8Array(8191), manifest));
    expect(error.code).toBe('ROM_WRONG_SIZE');
    expect(error.message).toBe('KERNAL ROM must be 8192 bytes, got 8191');
    expect(thrown(() => validateRom('chargen', kernal, manifest)).message).toBe(
      'CHARGEN ROM must be 4096 bytes, got 8192',
    );
  });

  it('states the hash seen for unknown dumps', () => {
    const other = syntheticRom(8192, 9);
    const error = thrown(() => validateRom('kernal', other, manifest));
    expect(error.code).toBe('ROM_UNKNOWN_DUMP');
    expect(error.message).toBe(
      `KERNAL ROM with SHA-256 ${sha256(other)} (MD5 ${md5(other)}) is not a known dump; known: T-01`,
    );
    // A right-sized image of another kind is not accepted in its place.
    expect(thrown(() => validateRom('basic', kernal, manifest)).message).toContain(
      'known: Test BASIC',
    );
    expect(thrown(() => validateRom('basic', basic, { entries: [] })).message).toContain(
      'lists none',
    );
  });

  it('does not match an entry on MD5 when it has a SHA-256', () => {
    const entry = { kind: 'kernal' as const, name: 'X', sha256: 'f'.repeat(64), md5: md5(kernal) };
    expect(thrown(() => validateRom('kernal', kernal, { entries: [entry] })).code).toBe(
      'ROM_UNKNOWN_DUMP',
    );
  });

  it('rejects unknown kinds', () => {
    expect(thrown(() => validateRom('floppy' as RomKind, kernal)).code).toBe('ROM_UNKNOWN_KIND');
  });

  it('checks against the default manifest when none is given', () => {
    expect(thrown(() => validateRom('kernal', kernal)).message).toContain(
      'known: 901227-01, 901227-02, 901227-03',
    );
  });
});

describe('defaultRomManifest', () => {
  it('lists the standard C64 set by part number, with hashes only', () => {
    expect(defaultRomManifest.entries.map((e) => `${e.kind} ${e.partNumber}`)).toEqual([
      'kernal 901227-01',
      'kernal 901227-02',
      'kernal 901227-03',
      'basic 901226-01',
      'chargen 901225-01',
    ]);
    expect(parseRomManifest(defaultRomManifest)).toEqual(defaultRomManifest);
    expect(ROM_SIZES).toEqual({ kernal: 8192, basic: 8192, chargen: 4096 });
  });
});

describe('parseRomManifest and extendRomManifest', () => {
  it('extends without changing the base', () => {
    const extended = extendRomManifest(defaultRomManifest, manifest.entries);
    expect(extended.entries).toHaveLength(defaultRomManifest.entries.length + 3);
    expect(defaultRomManifest.entries).toHaveLength(5);
    expect(validateRom('kernal', kernal, extended).name).toBe('Test KERNAL');
  });

  it('rejects malformed manifests naming the path', () => {
    const bad = thrown(() =>
      parseRomManifest({ entries: [{ kind: 'kernal', name: 'X', sha256: 'ABC' }] }),
    );
    expect(bad.code).toBe('ROM_BAD_MANIFEST');
    expect(bad.message).toContain('entries[0].sha256: expected 64 lowercase hex digits');
    expect(
      thrown(() => parseRomManifest({ entries: [{ kind: 'kernal', name: 'X' }] })).message,
    ).toContain('expected sha256 or md5');
    expect(thrown(() => parseRomManifest({ entries: [], extra: 1 })).message).toContain(
      'extra: unknown key',
    );
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CanonicalDataError,
  parseCanonicalJson,
  parseJsonl,
  readCanonicalJsonFile,
  readJsonlFile,
  sha256Hex,
  stringifyCanonical,
  stringifyJsonl,
  validateCanonical,
  writeCanonicalJsonFile,
  writeFileAtomic,
  writeJsonlFile,
} from '../src/canonical/index.js';

const temp = mkdtempSync(join(tmpdir(), 'sidflow-canonical-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function thrown(fn: () => unknown): CanonicalDataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CanonicalDataError);
    return error as CanonicalDataError;
  }
  throw new Error('expected a CanonicalDataError');
}

async function rejected(promise: Promise<unknown>): Promise<CanonicalDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CanonicalDataError);
    return error as CanonicalDataError;
  }
  throw new Error('expected a CanonicalDataError');
}

describe('stringifyCanonical', () => {
  it('sorts keys recursively, writes compactly and ends with a newline', () => {
    expect(stringifyCanonical({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}\n',
    );
    expect(stringifyCanonical('x', { omitTrailingNewline: true })).toBe('"x"');
  });

  it('sorts by code unit, independent of locale', () => {
    expect(stringifyCanonical({ b: 0, B: 0, ä: 0, a: 0, '10': 0, '9': 0 })).toBe(
      '{"10":0,"9":0,"B":0,"a":0,"b":0,"ä":0}\n',
    );
  });

  it('formats numbers in shortest round-trip form with no negative zero', () => {
    expect(stringifyCanonical([0, -0, 1, -1, 0.1, 1 / 3, 1e21, 1.5e-7, 2 ** 53])).toBe(
      '[0,0,1,-1,0.1,0.3333333333333333,1e+21,1.5e-7,9007199254740992]\n',
    );
  });

  it('rejects NaN and Infinity naming the path', () => {
    const error = thrown(() => stringifyCanonical({ a: [1, Number.NaN] }));
    expect(error.code).toBe('CANONICAL_NON_FINITE_NUMBER');
    expect(error.message).toBe('$.a[1]: NaN cannot be written as JSON');
    expect(thrown(() => stringifyCanonical(-Infinity)).message).toContain('-Infinity');
  });

  it('omits undefined properties but rejects undefined elsewhere', () => {
    expect(stringifyCanonical({ a: undefined, b: 1 })).toBe('{"b":1}\n');
    expect(thrown(() => stringifyCanonical([undefined])).code).toBe('CANONICAL_UNSUPPORTED_VALUE');
    expect(thrown(() => stringifyCanonical(undefined)).code).toBe('CANONICAL_UNSUPPORTED_VALUE');
  });

  it('rejects non-JSON values', () => {
    for (const value of [1n, () => 1, Symbol('s'), new Date(0), new Map(), new Uint8Array(1)]) {
      expect(thrown(() => stringifyCanonical({ v: value })).code).toBe(
        'CANONICAL_UNSUPPORTED_VALUE',
      );
    }
    expect(stringifyCanonical(Object.assign(Object.create(null), { k: true }))).toBe(
      '{"k":true}\n',
    );
  });

  it('rejects cycles but allows shared references', () => {
    const shared = { x: 1 };
    expect(stringifyCanonical({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}\n');
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(thrown(() => stringifyCanonical(cyclic)).code).toBe('CANONICAL_CYCLE');
  });

  it('round-trips every JSON value and is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stringifyCanonical(value);
        const reparsed = JSON.parse(text);
        expect(stringifyCanonical(reparsed)).toBe(text);
        expect(text.endsWith('\n')).toBe(true);
        expect(text.slice(0, -1)).not.toContain('\n');
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(stringifyCanonical(reversed)).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSONL', () => {
  const schema = z.object({ id: z.number().int(), name: z.string() });

  it('writes one canonical line per record', () => {
    expect(
      stringifyJsonl([
        { name: 'a', id: 1 },
        { id: 2, name: 'b' },
      ]),
    ).toBe('{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n');
    expect(stringifyJsonl([])).toBe('');
  });

  it('reads records back, with or without the final newline and with CRLF', () => {
    expect(parseJsonl('{"id":1,"name":"a"}\n{"id":2,"name":"b"}', schema)).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(parseJsonl('{"id":1,"name":"a"}\r\n', schema)).toEqual([{ id: 1, name: 'a' }]);
    expect(parseJsonl('')).toEqual([]);
  });

  it('reports the line of bad JSON, blank lines and schema mismatches', () => {
    const bad = thrown(() =>
      parseJsonl('{"id":1,"name":"a"}\n{oops}\n', schema, { source: 'f.jsonl' }),
    );
    expect(bad.code).toBe('CANONICAL_BAD_JSON');
    expect(bad.line).toBe(2);
    expect(bad.file).toBe('f.jsonl');
    expect(bad.message.startsWith('f.jsonl:2: not valid JSON')).toBe(true);
    const blank = thrown(() => parseJsonl('{"id":1,"name":"a"}\n\n{"id":1,"name":"a"}\n', schema));
    expect(blank.line).toBe(2);
    expect(blank.message).toBe('line 2: blank line');
    const invalid = thrown(() =>
      parseJsonl('{"id":1,"name":"a"}\n{"id":1.5,"name":"a"}\n', schema),
    );
    expect(invalid.code).toBe('CANONICAL_INVALID');
    expect(invalid.line).toBe(2);
    expect(invalid.message).toBe('line 2: id: expected int, got 1.5');
  });
});

describe('parseCanonicalJson and validateCanonical', () => {
  it('parses and validates one document', () => {
    expect(parseCanonicalJson('{"a":1}', z.object({ a: z.number() }))).toEqual({ a: 1 });
    expect(parseCanonicalJson('[1]')).toEqual([1]);
    expect(thrown(() => parseCanonicalJson('{', undefined, { source: 'm.json' })).message).toMatch(
      /^m\.json: not valid JSON/,
    );
    const error = thrown(() => validateCanonical(z.object({ a: z.string() }), { a: 1 }, {}));
    expect(error.message).toBe('a: expected string, got 1');
    expect(error.file).toBeNull();
    expect(error.line).toBeNull();
  });
});

describe('writeFileAtomic', () => {
  it('replaces content and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(temp, 'atomic-'));
    const file = join(dir, 'out.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, new TextEncoder().encode('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('cleans up the temporary file and keeps the target when the rename fails', async () => {
    const dir = mkdtempSync(join(temp, 'atomic-fail-'));
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(readdirSync(target)).toEqual(['keep']);
  });

  it('fails without leftovers when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(temp, 'no-such-dir', 'f'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('canonical files', () => {
  it('write and read JSON and JSONL files', async () => {
    const dir = mkdtempSync(join(temp, 'files-'));
    const json = join(dir, 'm.json');
    expect(await writeCanonicalJsonFile(json, { b: 2, a: 1 })).toBe('{"a":1,"b":2}\n');
    expect(readFileSync(json, 'utf8')).toBe('{"a":1,"b":2}\n');
    expect(await readCanonicalJsonFile(json, z.object({ a: z.number(), b: z.number() }))).toEqual({
      a: 1,
      b: 2,
    });
    const jsonl = join(dir, 'r.jsonl');
    await writeJsonlFile(jsonl, [{ x: 1 }, { x: 2 }]);
    expect(await readJsonlFile(jsonl, z.object({ x: z.number() }))).toEqual([{ x: 1 }, { x: 2 }]);
    writeFileSync(jsonl, '{"x":1}\n{"x":"2"}\n');
    const error = await rejected(readJsonlFile(jsonl, z.object({ x: z.number() })));
    expect(error.message).toBe(`${jsonl}:2: x: expected number, got "2"`);
  });

  it('report unreadable files as CANONICAL_IO', async () => {
    const error = await rejected(readCanonicalJsonFile(join(temp, 'missing.json')));
    expect(error.code).toBe('CANONICAL_IO');
    expect(error.message).toContain('ENOENT');
  });
});

describe('sha256Hex', () => {
  it('hashes strings as UTF-8 and bytes as given', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(sha256Hex('abc'));
  });
});

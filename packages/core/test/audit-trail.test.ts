import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AUDIT_TRAIL_PATH,
  appendAuditEntry,
  CanonicalDataError,
  parseAuditTrail,
  readAuditTrail,
  sha256Hex,
  writeCanonicalWithAudit,
} from '../src/canonical/index.js';
import { UnsafePathError } from '../src/paths/index.js';

const temp = mkdtempSync(join(tmpdir(), 'sidflow-audit-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const hashA = 'a'.repeat(64);

describe('appendAuditEntry', () => {
  it('appends canonical lines to data/audit/admin-actions.jsonl, creating the folder', async () => {
    const dataDir = join(temp, 'append');
    const first = await appendAuditEntry(dataDir, {
      actor: 'admin',
      action: 'cache.clear',
      target: 'cache',
      time: '2026-01-02T03:04:05.000Z',
      before: hashA,
      after: null,
    });
    expect(first.time).toBe('2026-01-02T03:04:05.000Z');
    const second = await appendAuditEntry(dataDir, {
      actor: 'admin',
      action: 'job.start',
      target: 'job-1',
      before: null,
      after: null,
    });
    expect(Number.isNaN(Date.parse(second.time))).toBe(false);
    const text = readFileSync(join(dataDir, AUDIT_TRAIL_PATH), 'utf8');
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `{"action":"cache.clear","actor":"admin","after":null,"before":"${hashA}","target":"cache","time":"2026-01-02T03:04:05.000Z"}`,
    );
    expect(await readAuditTrail(dataDir)).toEqual([first, second]);
  });

  it('refuses malformed entries without writing', async () => {
    const dataDir = join(temp, 'malformed');
    await expect(
      appendAuditEntry(dataDir, {
        actor: '',
        action: 'x',
        target: 't',
        before: 'ABC',
        after: null,
      }),
    ).rejects.toThrow(CanonicalDataError);
    await expect(
      appendAuditEntry(dataDir, {
        actor: 'a',
        action: 'x',
        target: 't',
        time: 'yesterday',
        before: null,
        after: null,
      }),
    ).rejects.toThrow('audit entry: time: expected datetime, got "yesterday"');
    expect(await readAuditTrail(dataDir)).toEqual([]);
  });

  it('keeps every line intact under concurrent appends', async () => {
    const dataDir = join(temp, 'concurrent');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendAuditEntry(dataDir, {
          actor: `worker-${i}`,
          action: 'feedback.ingest',
          target: `t${i}`.padEnd(500, 'x'),
          before: null,
          after: hashA,
        }),
      ),
    );
    const entries = await readAuditTrail(dataDir);
    expect(entries).toHaveLength(40);
    expect(new Set(entries.map((e) => e.actor)).size).toBe(40);
  });
});

describe('readAuditTrail and parseAuditTrail', () => {
  it('reports malformed lines with their number', async () => {
    const dataDir = join(temp, 'broken');
    mkdirSync(join(dataDir, 'audit'), { recursive: true });
    writeFileSync(join(dataDir, AUDIT_TRAIL_PATH), '{"actor":"a"}\n');
    await expect(readAuditTrail(dataDir)).rejects.toMatchObject({
      code: 'CANONICAL_INVALID',
      line: 1,
    });
    expect(() => parseAuditTrail('not json\n')).toThrow(CanonicalDataError);
  });

  it('propagates read errors other than a missing file', async () => {
    const dataDir = join(temp, 'dir-as-file');
    mkdirSync(join(dataDir, AUDIT_TRAIL_PATH), { recursive: true });
    await expect(readAuditTrail(dataDir)).rejects.toMatchObject({ code: 'CANONICAL_IO' });
  });
});

describe('writeCanonicalWithAudit', () => {
  it('writes canonical JSON and records before/after hashes', async () => {
    const dataDir = join(temp, 'with-audit');
    const created = await writeCanonicalWithAudit({
      dataDir,
      path: 'model/manifest.json',
      value: { version: 2, name: 'base' },
      actor: 'admin',
      action: 'model.publish',
    });
    expect(created.text).toBe('{"name":"base","version":2}\n');
    expect(readFileSync(created.file, 'utf8')).toBe(created.text);
    expect(created.entry).toMatchObject({
      actor: 'admin',
      action: 'model.publish',
      target: 'model/manifest.json',
      before: null,
      after: sha256Hex(created.text),
    });
    const updated = await writeCanonicalWithAudit({
      dataDir,
      path: 'model/manifest.json',
      value: { version: 3, name: 'base' },
      actor: 'admin',
      action: 'model.publish',
      target: 'base-model',
    });
    expect(updated.entry.before).toBe(sha256Hex(created.text));
    expect(updated.entry.after).toBe(sha256Hex(updated.text));
    expect(updated.entry.target).toBe('base-model');
    expect((await readAuditTrail(dataDir)).map((e) => e.after)).toEqual([
      created.entry.after,
      updated.entry.after,
    ]);
  });

  it('writes JSONL when asked', async () => {
    const dataDir = join(temp, 'with-audit-jsonl');
    const result = await writeCanonicalWithAudit({
      dataDir,
      path: 'classified/batch.jsonl',
      value: [{ b: 1, a: 2 }, { c: 3 }],
      format: 'jsonl',
      actor: 'worker',
      action: 'classify',
    });
    expect(result.text).toBe('{"a":2,"b":1}\n{"c":3}\n');
  });

  it('refuses paths leaving the data folder and unwritable values, without auditing', async () => {
    const dataDir = join(temp, 'with-audit-refused');
    const outside = mkdtempSync(join(temp, 'outside-'));
    mkdirSync(dataDir, { recursive: true });
    symlinkSync(outside, join(dataDir, 'escape'));
    await expect(
      writeCanonicalWithAudit({ dataDir, path: '../x.json', value: 1, actor: 'a', action: 'b' }),
    ).rejects.toThrow(UnsafePathError);
    await expect(
      writeCanonicalWithAudit({
        dataDir,
        path: 'escape/x.json',
        value: 1,
        actor: 'a',
        action: 'b',
      }),
    ).rejects.toMatchObject({ reason: 'SYMLINK_ESCAPE' });
    await expect(
      writeCanonicalWithAudit({
        dataDir,
        path: 'x.json',
        value: Number.NaN,
        actor: 'a',
        action: 'b',
      }),
    ).rejects.toThrow(CanonicalDataError);
    expect(await readAuditTrail(dataDir)).toEqual([]);
  });

  it('requires an array for JSONL content', async () => {
    const dataDir = join(temp, 'with-audit-jsonl-bad');
    await expect(
      writeCanonicalWithAudit({
        dataDir,
        path: 'x.jsonl',
        value: { a: 1 },
        format: 'jsonl',
        actor: 'a',
        action: 'b',
      }),
    ).rejects.toMatchObject({ code: 'CANONICAL_UNSUPPORTED_VALUE' });
  });

  it('propagates read errors of the existing file', async () => {
    const dataDir = join(temp, 'with-audit-dir');
    mkdirSync(join(dataDir, 'taken.json'), { recursive: true });
    await expect(
      writeCanonicalWithAudit({ dataDir, path: 'taken.json', value: 1, actor: 'a', action: 'b' }),
    ).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchProgress, readAvailabilityManifest, renderBatch } from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'render-batch-'));
const input = join(dir, 'in');

beforeAll(() => {
  mkdirSync(join(input, 'DEMOS', 'A'), { recursive: true });
  mkdirSync(join(input, 'GAMES'), { recursive: true });
  copyFileSync(
    join(root, 'tunes', 'sid', 'korobeiniki.sid'),
    join(input, 'DEMOS', 'korobeiniki.sid'),
  );
  copyFileSync(
    join(root, 'tunes', 'sid', 'greensleeves.sid'),
    join(input, 'DEMOS', 'A', 'greensleeves.sid'),
  );
  copyFileSync(
    join(root, '..', 'shared', 'hvsc-sample', 'C64Music', 'GAMES', 'M-R', 'Munch.sid'),
    join(input, 'GAMES', 'Munch.SID'),
  );
  writeFileSync(join(input, 'GAMES', 'corrupt.sid'), 'PSID but nothing else that a tune needs');
  writeFileSync(join(input, 'GAMES', 'notes.txt'), 'not a tune');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function allFiles(d: string): string[] {
  return readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      relative(
        d,
        join((e as unknown as { parentPath?: string; path: string }).parentPath ?? e.path, e.name),
      ),
    )
    .sort();
}

async function manifestsIntact(out: string): Promise<number> {
  let checked = 0;
  for (const f of allFiles(out).filter((n) => n.endsWith('.sidflow.json'))) {
    const m = await readAvailabilityManifest(join(out, f));
    for (const r of m!.renders) {
      for (const file of r.files) {
        const bytes = readFileSync(join(out, f, '..', file.file));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
        checked++;
      }
    }
  }
  return checked;
}

describe('renderBatch', () => {
  it('renders a tree with a worker pool, mirrors folders, reports failures per tune and carries on; a rerun resumes', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'DEMOS'), { recursive: true });
    // A temporary file of a killed earlier run (its process id no longer exists).
    writeFileSync(
      join(out, 'DEMOS', '.korobeiniki-sidflow-8580r5.flac.99999999-00ab.partial'),
      'half',
    );
    const progress: BatchProgress[] = [];
    const summary = await renderBatch({
      input,
      outDir: out,
      jobs: 2,
      seconds: 0.5,
      formats: ['flac', 'm4a'],
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toMatchObject({
      tunes: 4,
      rendered: 3,
      upToDate: 0,
      aborted: false,
      staleTempsRemoved: 1,
    });
    expect(summary.failed).toEqual([
      expect.objectContaining({
        file: join(input, 'GAMES', 'corrupt.sid'),
        status: 'failed',
        code: 'RENDER_BAD_TUNE',
      }),
    ]);
    expect(summary.emulationMs).toBeGreaterThan(0);
    expect(summary.encodingMs).toBeGreaterThan(0);
    expect(summary.audioSeconds).toBeCloseTo(1.5, 5);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toMatchObject({ total: 4, rendered: 3, failed: 1, etaMs: 0 });
    expect(progress[0].etaMs).toBeGreaterThan(0);
    const files = allFiles(out);
    expect(files).toEqual(
      expect.arrayContaining([
        'DEMOS/korobeiniki-sidflow-8580r5.flac',
        'DEMOS/korobeiniki.sidflow.json',
        'DEMOS/A/greensleeves-sidflow-8580r5.m4a',
        'GAMES/Munch-sidflow-6581.flac',
      ]),
    );
    expect(files.filter((f) => f.includes('.partial'))).toEqual([]);
    expect(await manifestsIntact(out)).toBe(6);

    const again = await renderBatch({
      input,
      outDir: out,
      jobs: 1,
      seconds: 0.5,
      formats: ['flac', 'm4a'],
    });
    expect(again).toMatchObject({ rendered: 0, upToDate: 3 });
    expect(again.failed).toHaveLength(1);
  }, 180_000);

  it('stops on abort without leaving partial files or damaged finished ones', async () => {
    const out = join(dir, 'aborted');
    const controller = new AbortController();
    const summary = await renderBatch({
      input,
      outDir: out,
      // Two lanes: when the first tune ends and aborts the batch, the other is mid-render.
      jobs: 2,
      seconds: 1,
      formats: ['flac'],
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(summary.aborted).toBe(true);
    expect(summary.rendered + summary.failed.length).toBeLessThan(4);
    if (existsSync(out)) expect(allFiles(out).filter((f) => f.includes('.partial'))).toEqual([]);
    if (existsSync(out)) await manifestsIntact(out);
  }, 180_000);
});

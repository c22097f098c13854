import { spawn, spawnSync } from 'node:child_process';
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
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'examples', 'cli', 'bin', 'sidflow.js');
const tune = join(root, 'tunes', 'sid', 'korobeiniki.sid');
let dir: string;

function sidflow(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    cwd: dir,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(d: string): string[] {
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

beforeAll(() => {
  if (!existsSync(join(root, 'packages', 'render', 'dist', 'batch-worker.js'))) {
    throw new Error(
      'the render package is not built: run `npm run build` (npm test does it first)',
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'sidflow-render-cli-'));
  mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
  for (const name of ['korobeiniki', 'greensleeves', 'minuet-in-g']) {
    copyFileSync(
      join(root, 'tunes', 'sid', `${name}.sid`),
      join(dir, 'in', name === 'greensleeves' ? 'sub' : '', `${name}.sid`),
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sidflow render', () => {
  it('renders one tune to the requested formats with stems and prints what it wrote', () => {
    const out = join(dir, 'one');
    const r = sidflow(
      'render',
      tune,
      '--seconds',
      '1',
      '--formats',
      'wav,flac',
      '--out',
      out,
      '--stems',
      '--chip',
      '6581',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('song 1 rendered with engine (6581)');
    expect(r.stdout).toMatch(/-?\d+(\.\d+)? LUFS/);
    expect(tree(out)).toEqual([
      'korobeiniki-sidflow-6581.flac',
      'korobeiniki-sidflow-6581.wav',
      'korobeiniki.sidflow.json',
      'korobeiniki_voice1-sidflow-6581.flac',
      'korobeiniki_voice1-sidflow-6581.wav',
      'korobeiniki_voice2-sidflow-6581.flac',
      'korobeiniki_voice2-sidflow-6581.wav',
      'korobeiniki_voice3-sidflow-6581.flac',
      'korobeiniki_voice3-sidflow-6581.wav',
    ]);
    const again = sidflow(
      'render',
      tune,
      '--seconds',
      '1',
      '--formats',
      'wav,flac',
      '--out',
      out,
      '--stems',
      '--chip',
      '6581',
    );
    expect(again.stdout).toContain('up to date');
  });

  it('renders a folder with a pool, shows progress with an ETA and a summary', () => {
    const out = join(dir, 'batch');
    const r = sidflow(
      'render',
      join(dir, 'in'),
      '--seconds',
      '0.5',
      '--formats',
      'm4a',
      '--out',
      out,
      '--jobs',
      '2',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /\[3\/3\] 3 rendered, 0 up to date, 0 failed, \d+m\d\ds elapsed, ETA 0m00s/,
    );
    expect(r.stdout).toMatch(
      /^3 tunes: 3 songs rendered, 0 up to date, 0 left out by the cache limits, 0 failed; .* tunes\/min/,
    );
    expect(tree(out)).toContain('sub/greensleeves-sidflow-8580r5.m4a');
  }, 120_000);

  it('survives a kill: no half-written file under a final name, and the rerun completes', async () => {
    const out = join(dir, 'killed');
    const child = spawn(
      process.execPath,
      [
        bin,
        'render',
        join(dir, 'in'),
        '--seconds',
        '2',
        '--formats',
        'flac',
        '--out',
        out,
        '--jobs',
        '2',
      ],
      {
        cwd: dir,
        stdio: 'ignore',
      },
    );
    // Kill once some temporary output exists, i.e. mid-render.
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      !(existsSync(out) && tree(out).some((f) => f.includes('.partial')))
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    for (const f of tree(out).filter((n) => !n.includes('.partial') && !n.endsWith('.json'))) {
      // Every finished name is listed in a manifest with its hash.
      const manifest = JSON.parse(
        readFileSync(join(out, f.replace(/-sidflow-.*$/, '.sidflow.json')), 'utf8'),
      );
      const entry = manifest.renders[0].files.find((x: { file: string }) => f.endsWith(x.file));
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, f)))
          .digest('hex'),
      ).toBe(entry.sha256);
    }
    const r = sidflow(
      'render',
      join(dir, 'in'),
      '--seconds',
      '2',
      '--formats',
      'flac',
      '--out',
      out,
      '--jobs',
      '2',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(tree(out).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(tree(out).filter((f) => f.endsWith('.flac'))).toHaveLength(3);
  }, 180_000);

  it('reports an unreachable Ultimate 64 with its typed error', async () => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    const r = sidflow(
      'render',
      tune,
      '--engine',
      'ultimate64',
      '--device',
      `127.0.0.1:${port}`,
      '--formats',
      'flac',
      '--out',
      join(dir, 'u64'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[RENDER_DEVICE_UNREACHABLE]');
  });

  it.each([
    [['--formats', 'mp3'], '--formats takes wav, flac and/or m4a'],
    [['--engine', 'vice'], '--engine must be one of auto, engine, sidplayfp, ultimate64'],
    [['--encoder', 'lame'], '--encoder must be one of auto, wasm, native'],
    [['--jobs', '0'], '--jobs must be an integer from 1 to 256'],
    [['--engine', 'ultimate64'], '--engine ultimate64 needs a device'],
  ])('rejects %j as a usage error', (args, message) => {
    const r = sidflow('render', tune, '--out', join(dir, 'x'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('reports a corrupt tune with its typed error and writes nothing', () => {
    const bad = join(dir, 'bad.sid');
    writeFileSync(bad, 'not a SID file, only text');
    const r = sidflow('render', bad, '--formats', 'flac', '--out', join(dir, 'bad'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[RENDER_BAD_TUNE]');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});

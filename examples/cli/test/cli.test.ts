import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'examples', 'cli', 'bin', 'sidflow.js');
const tune = join(root, 'tunes', 'sid', 'korobeiniki.sid');
let dir: string;

function sidflow(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'examples', 'cli', 'dist', 'main.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  }
  dir = mkdtempSync(join(tmpdir(), 'sidflow-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sidflow CLI', () => {
  it('prints help naming every command and exits 0', () => {
    const r = sidflow('--help');
    expect(r.code).toBe(0);
    for (const c of ['render', 'trace', 'bench']) expect(r.stdout).toContain(`sidflow ${c}`);
  });

  it('rejects an unknown command with exit code 2', () => {
    const r = sidflow('dance');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "dance"');
  });

  it('reports a missing --out as a usage error', () => {
    const r = sidflow('render', tune);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out is required');
  });

  it('reports an out-of-range option as a usage error', () => {
    const r = sidflow('render', tune, '--rate', '5', '--out', join(dir, 'x.wav'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rate must be an integer from 8000 to 192000');
  });

  it('renders a demo tune to a 16-bit mono WAV with sound in it', () => {
    const out = join(dir, 'korobeiniki.wav');
    const r = sidflow('render', tune, '--seconds', '2', '--rate', '22050', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const wav = readFileSync(out);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(22050);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(2 * 22050 * 2);
    let energy = 0;
    for (let i = 44; i < wav.length; i += 2) energy += Math.abs(wav.readInt16LE(i));
    expect(energy / ((wav.length - 44) / 2)).toBeGreaterThan(100);
  });

  it('fails with the typed error for a file that is not a SID tune', () => {
    const bad = join(dir, 'bad.sid');
    writeFileSync(bad, 'this is not a SID file at all, just text that is long enough');
    const r = sidflow('render', bad, '--out', join(dir, 'bad.wav'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[[A-Z][A-Z0-9_]+\]/);
    expect(existsSync(join(dir, 'bad.wav'))).toBe(false);
  });

  it('traces register snapshots in the sidtrace format', () => {
    const r = sidflow('trace', tune, '--song', '0', '--seconds', '1', '--every', '441');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(100);
    lines.forEach((line, i) => {
      const fields = line.split(' ');
      expect(fields[0]).toBe(String((i + 1) * 441));
      expect(fields.slice(1)).toHaveLength(25);
      for (const f of fields.slice(1)) expect(f).toMatch(/^[0-9a-f]{2}$/);
    });
    // The tune sets full volume in $D418 early on.
    expect(lines.at(-1)?.split(' ')[25]).toMatch(/^[0-9a-f]f$/);
  });

  it('traces every SID write with its cycle in the sidtrace format', () => {
    const r = sidflow('trace', tune, '--song', '1', '--seconds', '0.5', '--writes');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(50);
    let last = -1;
    for (const line of lines) {
      const m = /^(\d+) (\d) ([0-9a-f]{2}) ([0-9a-f]{2})$/.exec(line);
      expect(m, line).not.toBeNull();
      const cycle = Number(m![1]);
      expect(cycle).toBeGreaterThanOrEqual(last);
      expect(Number.parseInt(m![3], 16)).toBeLessThanOrEqual(0x18);
      last = cycle;
    }
    expect(last).toBeLessThan(0.5 * 985_248);
  });

  it('rejects --every together with --writes', () => {
    const r = sidflow('trace', tune, '--seconds', '1', '--every', '10', '--writes');
    expect(r.code).toBe(2);
  });
});

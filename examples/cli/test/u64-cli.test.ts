import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'examples', 'cli', 'bin', 'sidflow.js');
const tune = join(root, 'tunes', 'sid', 'korobeiniki.sid');
let dir: string;
const children: ChildProcess[] = [];

function sidflow(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `sidflow u64 simulate` and returns its HOST:PORT from the JSON line it prints first. */
async function simulator(...args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [bin, 'u64', 'simulate', '--http', '127.0.0.1:0', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return (JSON.parse(line) as { host: string }).host;
  throw new Error('the simulator exited without printing its address');
}

let host: string;
let lockedLossy: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'examples', 'cli', 'dist', 'main.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  }
  dir = mkdtempSync(join(tmpdir(), 'sidflow-u64-cli-'));
  [host, lockedLossy] = await Promise.all([
    simulator('--speed', '8'),
    simulator('--speed', '20', '--loss', '0.1', '--loop-seconds', '1', '--password', 'pw'),
  ]);
});
afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('sidflow u64', () => {
  it('is listed in the help with every sub-command', () => {
    const r = sidflow('--help');
    for (const sub of [
      'simulate',
      'capture',
      'info',
      'play',
      'reset',
      'config get',
      'config set',
    ]) {
      expect(r.stdout).toContain(`sidflow u64 ${sub}`);
    }
  });

  it('prints device info as JSON', () => {
    const r = sidflow('u64', 'info', '--host', host);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      api: '0.1',
      product: 'Ultimate 64',
      firmware_version: '3.12',
    });
  });

  it('gets and sets config items, and reports a value the device refuses', () => {
    const set = sidflow(
      'u64',
      'config',
      'set',
      '--host',
      host,
      'UltiSID Configuration',
      'UltiSID 1 Filter Curve',
      '8580 Hi',
    );
    expect(set.code, set.stderr).toBe(0);
    const got = sidflow('u64', 'config', 'get', '--host', host, 'UltiSID Configuration');
    expect(JSON.parse(got.stdout)['UltiSID Configuration']['UltiSID 1 Filter Curve']).toBe(
      '8580 Hi',
    );
    const bad = sidflow(
      'u64',
      'config',
      'set',
      '--host',
      host,
      'UltiSID Configuration',
      'UltiSID 1 Filter Curve',
      '1234',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[U64_DEVICE_ERROR]');
  });

  it('plays a tune and resets the machine', () => {
    const play = sidflow('u64', 'play', '--host', host, '--timeout', '30000', tune, '--song', '1');
    expect(play.code, play.stderr).toBe(0);
    expect(play.stdout).toContain('playing');
    expect(sidflow('u64', 'reset', '--host', host).code).toBe(0);
  });

  it('captures a tune to a 44.1 kHz stereo WAV of exactly the requested length and prints the stats', () => {
    const out = join(dir, 'capture.wav');
    const r = sidflow(
      'u64',
      'capture',
      '--host',
      host,
      '--timeout',
      '30000',
      '--sid',
      tune,
      '--seconds',
      '2',
      '--listen',
      '127.0.0.1:0',
      '--out',
      out,
      '--max-loss',
      '0.05',
    );
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(stats).toMatchObject({ out, lost: 0, lossRate: 0, sampleRate: 44_100, seconds: 2 });
    const wav = readFileSync(out);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(24)).toBe(44_100);
    expect(wav.readUInt32LE(40)).toBe(2 * 44_100 * 4);
    expect(wav.length).toBe(44 + 2 * 44_100 * 4);
    let energy = 0;
    for (let i = 44; i < wav.length; i += 2) energy += Math.abs(wav.readInt16LE(i));
    expect(energy / ((wav.length - 44) / 2)).toBeGreaterThan(100);
  });

  it('fails with the typed error above --max-loss and writes no file', () => {
    const out = join(dir, 'lossy.wav');
    const r = sidflow(
      'u64',
      'capture',
      '--host',
      lockedLossy,
      '--timeout',
      '30000',
      '--password',
      'pw',
      '--sid',
      tune,
      '--seconds',
      '20',
      '--listen',
      '127.0.0.1:0',
      '--out',
      out,
      '--max-loss',
      '0.02',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[U64_CAPTURE_LOSS]');
    expect(existsSync(out)).toBe(false);
  });

  it('reports a missing password, an unreachable device and usage errors', () => {
    const locked = sidflow('u64', 'info', '--host', lockedLossy);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('[U64_AUTH]');
    const away = sidflow('u64', 'reset', '--host', '127.0.0.1:1', '--timeout', '500');
    expect(away.code).toBe(1);
    expect(away.stderr).toContain('[U64_UNREACHABLE]');
    const noHost = sidflow(
      'u64',
      'capture',
      '--sid',
      tune,
      '--seconds',
      '1',
      '--out',
      join(dir, 'x.wav'),
    );
    expect(noHost.code).toBe(2);
    expect(noHost.stderr).toContain('--host is required');
  });
});

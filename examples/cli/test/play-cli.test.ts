import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSidFile } from '@sidflow/core';
import { captureAudio, startSimulator, Ultimate64Client } from '@sidflow/ultimate64';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'examples', 'cli', 'bin', 'sidflow.js');
const tune = join(root, 'tunes', 'sid', 'ode-to-joy.sid');
let dir: string;
/** A PATH holding only `node`: no audio player, no sidplayfp. */
let bareEnv: NodeJS.ProcessEnv;

function sidflow(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env,
    maxBuffer: 1 << 26,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Runs the CLI without blocking this process (the device simulator lives here). */
function sidflowAsync(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [bin, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** Peak of what the (simulated) device sounds now, heard through its UDP audio stream. */
async function devicePeak(client: Ultimate64Client): Promise<number> {
  try {
    const { pcm } = await captureAudio({
      seconds: 0.25,
      listen: { host: '127.0.0.1', port: 0 },
      onListening: ({ port }) => client.startStream('audio', `127.0.0.1:${port}`),
    });
    return pcm.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  } finally {
    await client.stopStream('audio');
  }
}

function peak(pcm: Buffer, offset: number): number {
  let max = 0;
  for (let i = offset; i + 1 < pcm.length; i += 2)
    max = Math.max(max, Math.abs(pcm.readInt16LE(i)));
  return max;
}

beforeAll(() => {
  if (!existsSync(join(root, 'examples', 'cli', 'dist', 'main.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  }
  dir = mkdtempSync(join(tmpdir(), 'sidflow-play-cli-'));
  mkdirSync(join(dir, 'bin'));
  symlinkSync(process.execPath, join(dir, 'bin', 'node'));
  bareEnv = { ...process.env, PATH: join(dir, 'bin') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sidflow play', () => {
  it('is listed in the help', () => {
    const r = sidflow(['--help']);
    expect(r.stdout.toString()).toContain('sidflow play FILE.sid');
  });

  it('plays song 2 on the engine into an exact-length stereo WAV with sound', () => {
    const out = join(dir, 'engine.wav');
    const r = sidflow(['play', tune, '--song', '2', '--seconds', '1.5', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(/Playing "Ode to Joy" by .*, song 2\/2 on node/);
    const wav = readFileSync(out);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(40)).toBe(1.5 * 44100 * 4);
    expect(peak(wav, 44)).toBeGreaterThan(1000);
  });

  it('plays through sidplayfp into a WAV', () => {
    const out = join(dir, 'sidplayfp.wav');
    const r = sidflow(['play', tune, '--adapter', 'sidplayfp', '--seconds', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toContain('on sidplayfp');
    const wav = readFileSync(out);
    expect(wav.length).toBeGreaterThan(44 + 44100 * 2);
    expect(peak(wav, 44)).toBeGreaterThan(1000);
  });

  it('writes raw PCM to stdout when no player is on PATH and stdout is a pipe', () => {
    const r = sidflow(['play', tune, '--seconds', '0.5'], bareEnv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBe(0.5 * 44100 * 4);
    expect(peak(r.stdout, 0)).toBeGreaterThan(1000);
    expect(r.stderr).toContain('Playing "Ode to Joy"');
  });

  it('falls back to the engine when sidplayfp is missing, saying why', () => {
    const out = join(dir, 'fallback.wav');
    const r = sidflow(
      ['play', tune, '--adapter', 'sidplayfp', '--seconds', '0.5', '--out', out],
      bareEnv,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /sidplayfp is not available \(sidplayfp: sidplayfp not found on PATH.*\); playing on node/,
    );
    expect(readFileSync(out).readUInt32LE(40)).toBe(0.5 * 44100 * 4);
  });

  it('reports a corrupt tune in words, exit code 1', () => {
    const bad = join(dir, 'broken.sid');
    writeFileSync(bad, 'PSIX not a tune');
    const r = sidflow(['play', bad, '--seconds', '1', '--out', join(dir, 'x.wav')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a playable SID tune .*\[PLAYBACK_BAD_TUNE\]/);
  });

  it('rejects an unknown adapter and a missing device host as usage errors', () => {
    expect(sidflow(['play', tune, '--adapter', 'gramophone']).stderr).toContain(
      '--adapter must be engine, sidplayfp, ultimate64',
    );
    const r = sidflow(['play', tune, '--adapter', 'ultimate64'], {
      ...process.env,
      SIDFLOW_U64_HOST: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--adapter ultimate64 needs --host');
  });

  it('plays on an Ultimate 64 (the device simulator) and resets it at the end', async () => {
    const sim = await startSimulator({ password: 'pw', speed: 4 });
    const client = new Ultimate64Client({ host: sim.host, password: 'pw', timeoutMs: 10_000 });
    try {
      const { loadAddress, data } = parseSidFile(new Uint8Array(readFileSync(tune)));
      let exited = false;
      const run = sidflowAsync(
        ['play', tune, '--adapter', 'ultimate64', '--host', sim.host, '--seconds', '2'],
        { ...process.env, SIDFLOW_U64_PASSWORD: 'pw' },
      ).finally(() => {
        exited = true;
      });
      // The tune has reached the device once runners:sidplay put its data at the load address.
      const head = data.subarray(0, 32);
      while (!exited) {
        const memory = await client.readMemory(loadAddress, head.length);
        if (memory.every((b, i) => b === head[i])) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const during = await devicePeak(client);
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /Playing "Ode to Joy" by .*, song 1\/2 on ultimate64 \(device\) for 2 s/,
      );
      expect(r.stderr).not.toContain('not available');
      expect(during).toBeGreaterThan(1000);
      expect(await devicePeak(client)).toBe(0); // dispose reset the machine
    } finally {
      await sim.close();
    }
  });
});

// The orchestrator's Ultimate 64 engine with the real default capture (captureSidOnDevice
// from @sidflow/ultimate64) against the real device simulator: REST over HTTP, audio over UDP.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Ultimate64Simulator } from '@sidflow/ultimate64';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav, RenderError, readWavFile, render, type WavAudio } from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const tunePath = join(root, 'tunes', 'sid', 'ode-to-joy.sid');
const SECONDS = 2;
let sim: Ultimate64Simulator;
let dir: string;

beforeAll(async () => {
  // speed 4: the device streams four times real time, so a 2 s capture takes about 0.5 s.
  sim = await startSimulator({ password: 'pw', speed: 4 });
  dir = mkdtempSync(join(tmpdir(), 'sidflow-u64-render-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback TCP port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Left channel (or the only one) as floats. */
function firstChannel(wav: WavAudio): Float64Array {
  const out = new Float64Array(wav.samples.length / wav.channels);
  for (let i = 0; i < out.length; i++) out[i] = wav.samples[i * wav.channels];
  return out;
}

/** Highest normalised cross-correlation of `a` and `b` over lags up to ±`maxLag` samples. */
function bestCorrelation(a: Float64Array, b: Float64Array, maxLag: number): number {
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
      const x = a[i];
      const y = b[i + lag];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    if (aa > 0 && bb > 0) best = Math.max(best, ab / Math.sqrt(aa * bb));
  }
  return best;
}

describe('render on an Ultimate 64 (device simulator, default capture)', () => {
  it('renders 2 s to WAV and FLAC of the exact length, with sound that matches the engine', async () => {
    const progress: number[] = [];
    const device = await render(tunePath, 1, {
      outDir: join(dir, 'device'),
      formats: ['wav', 'flac'],
      seconds: SECONDS,
      engine: 'ultimate64',
      ultimate64: { host: sim.host, password: 'pw', listen: { host: '127.0.0.1', port: 0 } },
      onProgress: (p) => progress.push(p.seconds),
    });
    expect(device.status).toBe('rendered');
    expect(device.engine).toBe('ultimate64');
    const files = device.render!.files;
    const wavFile = files.find((f) => f.format === 'wav')!;
    const flacFile = files.find((f) => f.format === 'flac')!;
    expect(wavFile.file).toMatch(/c64u/);
    const wav = await readWavFile(join(dir, 'device', wavFile.file));
    expect(wav.channels).toBe(2);
    expect(wav.sampleRate).toBe(44_100);
    expect(wav.samples.length).toBe(SECONDS * 44_100 * 2);
    expect(progress.at(-1)).toBeCloseTo(SECONDS, 1);

    // The FLAC is lossless: decoded by the reference decoder it gives the WAV's samples.
    const decoded = parseWav(
      new Uint8Array(
        execFileSync('flac', ['-d', '-c', '-s', join(dir, 'device', flacFile.file)], {
          maxBuffer: 1 << 24,
        }),
      ),
    );
    expect(decoded.sampleRate).toBe(44_100);
    expect(decoded.samples).toEqual(wav.samples);

    // Same tune on our engine: the device's stream (its own engine at 47,983 Hz, resampled
    // by the capture) must carry the same music, aligned from the first sample.
    const engine = await render(tunePath, 1, {
      outDir: join(dir, 'engine'),
      formats: ['wav'],
      seconds: SECONDS,
      engine: 'engine',
    });
    const reference = await readWavFile(
      join(dir, 'engine', engine.render!.files.find((f) => f.format === 'wav')!.file),
    );
    const captured = firstChannel(wav);
    let peak = 0;
    for (const v of captured) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(1000);
    // Measured 0.9999997: the simulator plays with the same engine, so only resampling differs.
    expect(bestCorrelation(captured, firstChannel(reference), 64)).toBeGreaterThan(0.99);
  });

  it('an unreachable device gives RENDER_DEVICE_UNREACHABLE; auto falls back to the engine', async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const error = await render(tunePath, 1, {
      outDir: join(dir, 'unreachable'),
      formats: ['wav'],
      seconds: 0.5,
      engine: 'ultimate64',
      ultimate64: { host, probeTimeoutMs: 1000 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).code).toBe('RENDER_DEVICE_UNREACHABLE');
    expect((error as RenderError).message).toContain(`Ultimate 64 at ${host} is unreachable`);

    const auto = await render(tunePath, 1, {
      outDir: join(dir, 'auto'),
      formats: ['wav'],
      seconds: 0.5,
      ultimate64: { host, probeTimeoutMs: 1000 },
    });
    expect(auto.engine).toBe('engine');
    expect(auto.fallbacks.map((f) => f.engine)).toEqual(['ultimate64']);
    expect(readFileSync(join(dir, 'auto', auto.render!.files[0].file)).length).toBeGreaterThan(44);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hvscMd5, SonglengthsDatabase } from '@sidflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AudioEncoder,
  type CaptureSidOnDevice,
  type InvalidationEvent,
  LoudnessMeter,
  readAvailabilityManifest,
  readWavFile,
  render,
  type StatfsFunction,
  selectEncoder,
} from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const korobeiniki = join(root, 'tunes', 'sid', 'korobeiniki.sid');
const greensleeves = join(root, 'tunes', 'sid', 'greensleeves.sid');
const dir = mkdtempSync(join(tmpdir(), 'render-orchestrator-'));
let encoder: AudioEncoder;
let out = 0;
const nextDir = () => join(dir, `out${out++}`);

beforeAll(() => {
  encoder = selectEncoder('native');
});
afterAll(async () => {
  await encoder.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A file system with the given use, in 4 KiB blocks of a 1 GiB disk. */
function disk(usedPercent: number): StatfsFunction {
  const blocks = 262_144;
  const used = Math.round((blocks * usedPercent) / 100);
  return async () => ({ bsize: 4096, blocks, bfree: blocks - used, bavail: blocks - used });
}

const leftovers = (d: string) =>
  readdirSync(d).filter((f) => f.endsWith('.partial') || f.includes('.partial.'));

describe('render with the SIDFlow engine', () => {
  it('writes WAV, FLAC and M4A under the naming convention, with a manifest recording sizes, hashes and loudness', async () => {
    const outDir = nextDir();
    const r = await render(korobeiniki, 0, {
      outDir,
      formats: ['wav', 'flac', 'm4a'],
      seconds: 2,
      encoder,
      engine: 'engine',
    });
    expect(r.status).toBe('rendered');
    expect(r.engine).toBe('engine');
    const names = readdirSync(outDir).sort();
    expect(names).toEqual([
      'korobeiniki-sidflow-8580r5.flac',
      'korobeiniki-sidflow-8580r5.m4a',
      'korobeiniki-sidflow-8580r5.wav',
      'korobeiniki.sidflow.json',
    ]);
    const manifest = await readAvailabilityManifest(r.manifestPath);
    expect(manifest?.tune).toMatchObject({ name: 'korobeiniki', songs: 1, startSong: 1 });
    expect(manifest?.tune.md5).toBe(hvscMd5(readFileSync(korobeiniki)));
    const entry = manifest!.renders[0];
    expect(entry).toMatchObject({
      song: 1,
      engine: 'engine',
      platform: 'sidflow',
      chip: '8580r5',
      seconds: 2,
      channels: 1,
    });
    for (const f of entry.files) {
      const bytes = readFileSync(join(outDir, f.file));
      expect(f.bytes).toBe(bytes.length);
      const sha = spawnSync('sha256sum', [join(outDir, f.file)], { encoding: 'utf8' }).stdout.split(
        ' ',
      )[0];
      expect(f.sha256).toBe(sha);
    }
    const wav = await readWavFile(join(outDir, 'korobeiniki-sidflow-8580r5.wav'));
    expect(wav.seconds).toBe(2);
    const meter = new LoudnessMeter(wav.sampleRate, wav.channels);
    meter.push(wav.samples);
    expect(entry.loudness.integratedLufs).toBeCloseTo(meter.result().integratedLufs!, 1);
    expect(entry.loudness.dcOffset).toHaveLength(1);
    expect(r.timings.emulationMs).toBeGreaterThan(0);
    expect(r.timings.encodingMs).toBeGreaterThan(0);
  });

  it('skips an identical render, and invalidates a changed one through the hook', async () => {
    const outDir = nextDir();
    const options = {
      outDir,
      formats: ['flac' as const],
      seconds: 1,
      encoder,
      engine: 'engine' as const,
    };
    await render(korobeiniki, 0, options);
    const again = await render(korobeiniki, 0, options);
    expect(again.status).toBe('up-to-date');
    const events: InvalidationEvent[] = [];
    const changed = await render(korobeiniki, 0, {
      ...options,
      chip: '6581',
      onInvalidate: (e) => events.push(e),
    });
    expect(changed.status).toBe('rendered');
    expect(events).toEqual([
      expect.objectContaining({
        song: 1,
        reason: 'settings-changed',
        removed: ['korobeiniki-sidflow-8580r5.flac'],
      }),
    ]);
    expect(readdirSync(outDir).sort()).toEqual([
      'korobeiniki-sidflow-6581.flac',
      'korobeiniki.sidflow.json',
    ]);
    rmSync(join(outDir, 'korobeiniki-sidflow-6581.flac'));
    const repaired = await render(korobeiniki, 0, {
      ...options,
      chip: '6581',
      onInvalidate: (e) => events.push(e),
    });
    expect(repaired.status).toBe('rendered');
    expect(events.at(-1)?.reason).toBe('files-missing');
    const forced = await render(korobeiniki, 0, {
      ...options,
      chip: '6581',
      force: true,
      onInvalidate: (e) => events.push(e),
    });
    expect(forced.status).toBe('rendered');
    expect(events.at(-1)?.reason).toBe('forced');
  });

  it('renders each voice to its own files in the same pass (stems)', async () => {
    const outDir = nextDir();
    const r = await render(greensleeves, 0, {
      outDir,
      formats: ['wav'],
      seconds: 1.5,
      stems: true,
      encoder,
    });
    expect(r.render?.stems.map((s) => s.voice)).toEqual([0, 1, 2]);
    const voices = await Promise.all(
      r.render!.stems.map((s) => readWavFile(join(outDir, s.files[0].file)).then((w) => w.samples)),
    );
    const mix = (await readWavFile(join(outDir, r.render!.files[0].file))).samples;
    for (const v of voices) expect(v.length).toBe(mix.length);
    // Each stem differs from the mix and from the others; the voices that play are not silent.
    const energy = (s: Int16Array) => s.reduce((a, x) => a + Math.abs(x), 0) / s.length;
    expect(voices.filter((v) => energy(v) > 10).length).toBeGreaterThanOrEqual(2);
    expect(new Set(r.render!.stems.map((s) => s.files[0].sha256)).size).toBe(3);
    expect(r.render!.files[0].sha256).not.toBe(r.render!.stems[0].files[0].sha256);
    expect(r.render!.stems[0].files[0].file).toBe('greensleeves_voice1-sidflow-8580r5.wav');
  });

  it('normalises encoded files to a loudness target, within the true-peak ceiling', async () => {
    const outDir = nextDir();
    const r = await render(korobeiniki, 0, {
      outDir,
      formats: ['wav'],
      seconds: 2,
      normalizeLufs: -23,
      encoder,
    });
    const gain = r.render!.gainDb!;
    const before = r.render!.loudness;
    // Whichever way the target lies, the gain is a real change of level.
    expect(Math.abs(gain)).toBeGreaterThan(1);
    const expected = Math.min(-23 - before.integratedLufs!, -1 - before.truePeakDbtp!);
    expect(gain).toBeCloseTo(expected, 1);
    const wav = await readWavFile(join(outDir, r.render!.files[0].file));
    const meter = new LoudnessMeter(wav.sampleRate, wav.channels);
    meter.push(wav.samples);
    expect(meter.result().integratedLufs!).toBeCloseTo(before.integratedLufs! + gain, 0);
  });

  it('takes the length from Songlengths when it knows the song', async () => {
    const md5 = hvscMd5(readFileSync(korobeiniki));
    const songlengths = new SonglengthsDatabase([{ md5, lengthsMs: [1250] }]);
    const r = await render(korobeiniki, 0, {
      outDir: nextDir(),
      formats: ['wav'],
      songlengths,
      encoder,
    });
    expect(r.render?.seconds).toBe(1.25);
  });
});

describe('render with sidplayfp', () => {
  it('renders the exact length and records the platform', async () => {
    const outDir = nextDir();
    const r = await render(korobeiniki, 1, {
      outDir,
      formats: ['flac'],
      seconds: 1.5,
      engine: 'sidplayfp',
      chip: '6581',
      encoder,
    });
    expect(r.render).toMatchObject({
      engine: 'sidplayfp',
      platform: 'sidplayfp',
      chip: '6581',
      seconds: 1.5,
    });
    expect(existsSync(join(outDir, 'korobeiniki-sidplayfp-6581.flac'))).toBe(true);
  });

  it('reports a missing sidplayfp with RENDER_TOOL_MISSING', async () => {
    await expect(
      render(korobeiniki, 1, {
        outDir: nextDir(),
        seconds: 1,
        engine: 'sidplayfp',
        sidplayfpPath: '/nonexistent/sidplayfp',
        encoder,
      }),
    ).rejects.toMatchObject({ code: 'RENDER_TOOL_MISSING' });
  });
});

describe('Ultimate 64 capture', () => {
  let closedPort = 0;
  let listening: Server;
  beforeAll(async () => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    closedPort = (s.address() as { port: number }).port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    listening = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => listening.close(() => resolve())));

  it('fails with RENDER_DEVICE_UNREACHABLE when nothing answers', async () => {
    const outDir = nextDir();
    await expect(
      render(korobeiniki, 0, {
        outDir,
        seconds: 1,
        engine: 'ultimate64',
        ultimate64: { host: `127.0.0.1:${closedPort}` },
        encoder,
      }),
    ).rejects.toMatchObject({
      code: 'RENDER_DEVICE_UNREACHABLE',
      message: expect.stringContaining('ultimate64.host'),
    });
    expect(readdirSync(outDir).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('falls back to software under "hardware if available", and refuses under "hardware only"', async () => {
    const device = { host: `127.0.0.1:${closedPort}` };
    const r = await render(korobeiniki, 0, {
      outDir: nextDir(),
      seconds: 1,
      ultimate64: device,
      formats: ['flac'],
      encoder,
    });
    expect(r.engine).toBe('engine');
    expect(r.fallbacks).toEqual([
      expect.objectContaining({
        engine: 'ultimate64',
        error: expect.stringContaining('unreachable'),
      }),
    ]);
    await expect(
      render(korobeiniki, 0, {
        outDir: nextDir(),
        seconds: 1,
        ultimate64: device,
        rendering: 'hardware-only',
        encoder,
      }),
    ).rejects.toMatchObject({ code: 'RENDER_DEVICE_UNREACHABLE' });
    await expect(
      render(korobeiniki, 0, {
        outDir: nextDir(),
        seconds: 1,
        rendering: 'hardware-only',
        encoder,
      }),
    ).rejects.toMatchObject({ code: 'RENDER_DEVICE_NOT_CONFIGURED' });
  });

  it('passes the contract arguments to the capture function and stores its stereo audio as c64u', async () => {
    // Stand-in for @sidflow/ultimate64's captureSidOnDevice until it lands (the lead adds the simulator test).
    const calls: Parameters<CaptureSidOnDevice>[0][] = [];
    const capture: CaptureSidOnDevice = async (o) => {
      calls.push(o);
      const frames = Math.round(o.seconds * (o.sampleRate ?? 44100));
      const pcm = new Int16Array(frames * 2);
      for (let i = 0; i < frames; i++)
        pcm[2 * i] = pcm[2 * i + 1] = Math.round(8000 * Math.sin(i / 10));
      return { pcm, sampleRate: o.sampleRate ?? 44100, channels: 2 };
    };
    const outDir = nextDir();
    const host = `127.0.0.1:${(listening.address() as { port: number }).port}`;
    const r = await render(korobeiniki, 0, {
      outDir,
      seconds: 1,
      formats: ['flac'],
      ultimate64: { host, password: 'pw', capture },
      encoder,
    });
    expect(r.render).toMatchObject({
      engine: 'ultimate64',
      platform: 'c64u',
      channels: 2,
      seconds: 1,
    });
    expect(calls[0]).toMatchObject({
      host,
      password: 'pw',
      song: 1,
      seconds: 1,
      sampleRate: 44100,
    });
    expect(calls[0].sid).toEqual(new Uint8Array(readFileSync(korobeiniki)));
    expect(existsSync(join(outDir, 'korobeiniki-c64u-8580r5.flac'))).toBe(true);
  });
});

describe('render rules and bad input', () => {
  it('rejects a combination outside the render matrix, naming the closest alternatives', async () => {
    await expect(
      render(korobeiniki, 0, { outDir: nextDir(), engine: 'engine', time: 'real-time', encoder }),
    ).rejects.toMatchObject({
      code: 'RENDER_MODE_UNSUPPORTED',
      message: expect.stringContaining('server/prepared/engine'),
    });
  });

  it('rejects a corrupt tune and a missing song with RENDER_BAD_TUNE, writing nothing', async () => {
    const outDir = nextDir();
    await expect(
      render({ bytes: new Uint8Array(200), name: 'junk' }, 0, { outDir, encoder }),
    ).rejects.toMatchObject({
      code: 'RENDER_BAD_TUNE',
    });
    await expect(render(korobeiniki, 5, { outDir, encoder })).rejects.toMatchObject({
      code: 'RENDER_BAD_TUNE',
      message: expect.stringContaining('songs 1–1'),
    });
    expect(existsSync(outDir)).toBe(false);
  });

  it('fails before rendering when the render would cross the disk maximum', async () => {
    const outDir = nextDir();
    await expect(
      render(korobeiniki, 0, {
        outDir,
        seconds: 60,
        formats: ['wav', 'flac'],
        statfs: disk(94.9),
        encoder,
      }),
    ).rejects.toMatchObject({
      code: 'RENDER_DISK_LIMIT',
      maxPercent: 95,
      message: expect.stringContaining('95 %'),
    });
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('applies the 70 / 80 / 90 % cache thresholds in cache mode', async () => {
    const base = {
      seconds: 0.5,
      formats: ['wav', 'flac', 'm4a'] as const,
      cacheMode: 'cache' as const,
      encoder,
    };
    const limits = {
      cacheWav: true,
      stopWavAtPercent: 70,
      stopFlacAtPercent: 80,
      stopAllAtPercent: 90,
      maxDiskUsePercent: 95,
    };
    const formats = async (used: number) => {
      const r = await render(korobeiniki, 0, {
        ...base,
        outDir: nextDir(),
        statfs: disk(used),
        diskLimits: limits,
      });
      return {
        status: r.status,
        formats: r.render?.files.map((f) => f.format) ?? [],
        skipped: r.skippedFormats.map((s) => s.format),
      };
    };
    expect(await formats(50)).toEqual({
      status: 'rendered',
      formats: ['wav', 'flac', 'm4a'],
      skipped: [],
    });
    expect(await formats(75)).toEqual({
      status: 'rendered',
      formats: ['flac', 'm4a'],
      skipped: ['wav'],
    });
    expect(await formats(85)).toEqual({
      status: 'rendered',
      formats: ['m4a'],
      skipped: ['wav', 'flac'],
    });
    expect(await formats(92)).toEqual({
      status: 'cache-full',
      formats: [],
      skipped: ['wav', 'flac', 'm4a'],
    });
    const noWav = await render(korobeiniki, 0, {
      ...base,
      outDir: nextDir(),
      statfs: disk(10),
      diskLimits: { ...limits, cacheWav: false },
    });
    expect(noWav.skippedFormats).toEqual([
      expect.objectContaining({ format: 'wav', reason: expect.stringContaining('cacheWav') }),
    ]);
  });

  it('aborts with RENDER_ABORTED and leaves no partial file', async () => {
    const outDir = nextDir();
    const controller = new AbortController();
    const r = render(korobeiniki, 0, {
      outDir,
      seconds: 60,
      encoder,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.seconds > 1) controller.abort();
      },
    });
    await expect(r).rejects.toMatchObject({ code: 'RENDER_ABORTED' });
    expect(readdirSync(outDir)).toEqual([]);
    expect(leftovers(outDir)).toEqual([]);
    expect(statSync(outDir).isDirectory()).toBe(true);
  });
});

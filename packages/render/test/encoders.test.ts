import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AudioEncoder,
  createNativeEncoder,
  createWasmEncoder,
  readWavFile,
  selectEncoder,
} from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const tune = join(
  root,
  '..',
  'shared',
  'hvsc-sample',
  'C64Music',
  'MUSICIANS',
  'H',
  'Hubbard_Rob',
  'Commando.sid',
);
const dir = mkdtempSync(join(tmpdir(), 'render-encoders-'));
const wav = join(dir, 'commando.wav');
let wasm: AudioEncoder;

beforeAll(() => {
  // A real SID render (3 s, mono) as the encoders' input.
  const r = spawnSync('sidplayfp', ['-q', '-t3', `-w${wav}`, tune], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sidplayfp failed: ${r.stderr}`);
  wasm = createWasmEncoder();
});
afterAll(async () => {
  await wasm.close();
  rmSync(dir, { recursive: true, force: true });
});

function probe(path: string) {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,profile,sample_rate,channels,bit_rate:format=duration,format_name',
      '-of',
      'json',
      path,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as {
    streams: {
      codec_name: string;
      profile?: string;
      sample_rate: string;
      channels: number;
      bit_rate?: string;
    }[];
    format: { duration: string; format_name: string };
  };
  return {
    ...json.streams[0],
    duration: Number(json.format.duration),
    format: json.format.format_name,
  };
}

function decodePcm(path: string): Buffer {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], {
    maxBuffer: 1 << 26,
  });
  expect(r.status, r.stderr?.toString()).toBe(0);
  return r.stdout;
}

describe.each([
  ['native', () => createNativeEncoder()],
  ['wasm', () => wasm],
])('%s encoder', (kind, make) => {
  it('writes FLAC (level 5) that passes flac -t and decodes bit-identical, and AAC-LC M4A at 256 kbit/s ±5 %', async () => {
    const encoder = make();
    expect(encoder.kind).toBe(kind);
    const flac = join(dir, `${kind}.flac.partial`);
    const m4a = join(dir, `${kind}.m4a.partial`);
    await encoder.encode(wav, [
      { format: 'flac', path: flac },
      { format: 'm4a', path: m4a },
    ]);
    const source = await readWavFile(wav);

    const f = probe(flac);
    expect(f).toMatchObject({
      codec_name: 'flac',
      sample_rate: '44100',
      channels: 1,
      format: 'flac',
    });
    expect(f.duration).toBeCloseTo(source.seconds, 2);
    const t = spawnSync('flac', ['-t', '-s', flac], { encoding: 'utf8' });
    expect(t.status, t.stderr).toBe(0);
    const decoded = decodePcm(flac);
    expect(
      decoded.equals(
        Buffer.from(source.samples.buffer, source.samples.byteOffset, source.samples.byteLength),
      ),
    ).toBe(true);

    const a = probe(m4a);
    expect(a).toMatchObject({
      codec_name: 'aac',
      profile: 'LC',
      sample_rate: '44100',
      channels: 2,
    });
    expect(a.format).toContain('m4a');
    expect(Math.abs(a.duration - source.seconds)).toBeLessThan(0.05);
    expect(Math.abs(Number(a.bit_rate) / 256_000 - 1)).toBeLessThanOrEqual(0.05);
  });

  it('honours the FLAC level and the AAC bit rate', async () => {
    const encoder = make();
    const fast = join(dir, `${kind}-0.flac`);
    const m4a = join(dir, `${kind}-128.m4a`);
    await encoder.encode(
      wav,
      [
        { format: 'flac', path: fast },
        { format: 'm4a', path: m4a },
      ],
      { flacLevel: 0, m4aBitrate: 128 },
    );
    // Level 0 uses fixed predictors only: a different stream (SID square waves may even shrink), same audio.
    expect(readFileSync(fast).equals(readFileSync(join(dir, `${kind}.flac.partial`)))).toBe(false);
    expect(decodePcm(fast).equals(decodePcm(join(dir, `${kind}.flac.partial`)))).toBe(true);
    expect(Math.abs(Number(probe(m4a).bit_rate) / 128_000 - 1)).toBeLessThanOrEqual(0.05);
  });

  it('fails with RENDER_ENCODER_FAILED on an input ffmpeg cannot read', async () => {
    const bad = join(dir, `${kind}-bad.wav`);
    writeFileSync(bad, 'RIFF but not really a wave file at all');
    await expect(
      make().encode(bad, [{ format: 'flac', path: join(dir, `${kind}-bad.flac`) }]),
    ).rejects.toMatchObject({
      code: 'RENDER_ENCODER_FAILED',
    });
  });
});

describe('encoder selection', () => {
  it('prefers native ffmpeg under auto', async () => {
    const e = selectEncoder('auto');
    expect(e.kind).toBe('native');
    await e.close();
  });

  it('falls back to wasm under auto when native ffmpeg is missing, and fails with RENDER_TOOL_MISSING for native', async () => {
    const e = selectEncoder('auto', '/nonexistent/ffmpeg');
    expect(e.kind).toBe('wasm');
    await e.close();
    expect(() => selectEncoder('native', '/nonexistent/ffmpeg')).toThrowError(
      expect.objectContaining({
        code: 'RENDER_TOOL_MISSING',
        message: expect.stringContaining('--encoder wasm'),
      }),
    );
  });

  it('rejects out-of-range settings before running anything', async () => {
    await expect(
      createNativeEncoder().encode(wav, [{ format: 'flac', path: join(dir, 'x.flac') }], {
        flacLevel: 9,
      }),
    ).rejects.toMatchObject({ code: 'RENDER_BAD_OPTION' });
  });
});

// The playback API (`app/api/playback/[...parts]/route.ts`) called in-process with real
// requests: renders by @sidflow/render into a temporary cache, served with range requests,
// decoded by the real ffprobe; HLS cut by the real ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAvailabilityManifest } from '@sidflow/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/playback/[...parts]/route';

const SECONDS = 12;
const TUNE = 'demo/ode-to-joy.sid';
const cache = mkdtempSync(join(tmpdir(), 'sidflow-web-renders-'));
const scratch = mkdtempSync(join(tmpdir(), 'sidflow-web-probe-'));
const saved = { ...process.env };

beforeAll(() => {
  process.env.SIDFLOW_RENDER_CACHE = cache;
  process.env.SIDFLOW_RENDER_SECONDS = String(SECONDS);
});
afterAll(() => {
  process.env.SIDFLOW_RENDER_CACHE = saved.SIDFLOW_RENDER_CACHE;
  process.env.SIDFLOW_RENDER_SECONDS = saved.SIDFLOW_RENDER_SECONDS;
  if (saved.SIDFLOW_RENDER_CACHE === undefined) delete process.env.SIDFLOW_RENDER_CACHE;
  if (saved.SIDFLOW_RENDER_SECONDS === undefined) delete process.env.SIDFLOW_RENDER_SECONDS;
  rmSync(cache, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** GET `/api/playback/<id>/<rest>` the way Next calls the route (the id as one encoded segment). */
function get(id: string, rest: string, headers: Record<string, string> = {}): Promise<Response> {
  const [path, query] = rest.split('?');
  const url = `http://web.test/api/playback/${encodeURIComponent(id)}/${path}${query ? `?${query}` : ''}`;
  return GET(new Request(url, { headers }), {
    params: Promise.resolve({ parts: [encodeURIComponent(id), ...path.split('/')] }),
  });
}

function ffprobe(file: string): {
  streams: { codec_name: string; channels: number; sample_rate: string }[];
  format: { duration: string; format_name: string };
} {
  return JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_streams',
      '-show_format',
      '-of',
      'json',
      file,
    ]).toString(),
  );
}

async function save(response: Response, name: string): Promise<string> {
  const file = join(scratch, name);
  writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
  return file;
}

describe('/api/playback/<id>/manifest before anything is rendered', () => {
  it('names the tune and what can be rendered, in render’s manifest shape', async () => {
    const response = await get(TUNE, 'manifest');
    expect(response.status).toBe(200);
    const body = await response.json();
    const manifest = validateAvailabilityManifest(body);
    expect(manifest.tune).toMatchObject({ name: 'ode-to-joy', songs: 2, startSong: 1 });
    expect(manifest.tune.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(manifest.renders).toEqual([]);
    expect(body.onDemand).toEqual({ formats: ['wav', 'm4a', 'hls'], seconds: SECONDS });
  });
});

describe('/api/playback/<id>/{m4a,wav}', () => {
  let first: Response[];

  beforeAll(async () => {
    // Two requests for song 1 at once share one render; song 2 queues behind it (same manifest).
    first = await Promise.all([
      get(TUNE, 'm4a?song=1', { Range: 'bytes=0-99' }),
      get(TUNE, 'wav?song=1'),
      get(TUNE, 'wav?song=2'),
    ]);
  }, 120_000);

  it('renders on first request, once for concurrent requests, and answers ranges with 206', async () => {
    const [range, wav, song2] = first;
    expect(range.status).toBe(206);
    expect(range.headers.get('content-type')).toBe('audio/mp4');
    expect(range.headers.get('accept-ranges')).toBe('bytes');
    const size = Number(range.headers.get('content-range')?.match(/^bytes 0-99\/(\d+)$/)?.[1]);
    expect(size).toBeGreaterThan(100_000);
    expect((await range.arrayBuffer()).byteLength).toBe(100);
    // Both were answered by the same job (a second job would have found it cached).
    expect(range.headers.get('x-sidflow-render')).toBe('rendered');
    expect(wav.headers.get('x-sidflow-render')).toBe('rendered');
    expect(wav.status).toBe(200);
    const bytes = new Uint8Array(await wav.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(song2.status).toBe(200);
    await song2.arrayBuffer();

    const tail = await get(TUNE, 'm4a?song=1', { Range: 'bytes=-50' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
    expect((await tail.arrayBuffer()).byteLength).toBe(50);
    const middle = await get(TUNE, 'm4a?song=1', { Range: 'bytes=1000-1999' });
    expect(middle.headers.get('content-length')).toBe('1000');
    await middle.arrayBuffer();
    const past = await get(TUNE, 'm4a?song=1', { Range: `bytes=${size}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('serves an M4A that ffprobe reads as stereo AAC of the render’s length', async () => {
    const file = await save(await get(TUNE, 'm4a?song=1'), 'ode.m4a');
    const probe = ffprobe(file);
    expect(probe.format.format_name).toMatch(/mp4/);
    expect(probe.streams[0]).toMatchObject({
      codec_name: 'aac',
      channels: 2,
      sample_rate: '44100',
    });
    expect(Number(probe.format.duration)).toBeCloseTo(SECONDS, 0);
  });

  it('lists what render() wrote in the manifest, and serves later requests from the cache', async () => {
    const body = await (await get(TUNE, 'manifest')).json();
    const manifest = validateAvailabilityManifest(body);
    expect(manifest.renders.map((r) => r.song)).toEqual([1, 2]);
    const [one] = manifest.renders;
    expect(one).toMatchObject({ engine: 'engine', platform: 'sidflow', seconds: SECONDS });
    expect(one.files.map((f) => f.format).sort()).toEqual(['m4a', 'wav']);
    // The same JSON render() keeps on disk, next to the files it lists.
    const folder = join(cache, 'demo', 'ode-to-joy.sid');
    const { onDemand: _, ...onDisk } = body;
    expect(JSON.parse(readFileSync(join(folder, 'ode-to-joy.sidflow.json'), 'utf8'))).toEqual(
      onDisk,
    );
    const m4a = one.files.find((f) => f.format === 'm4a')!;
    const before = statSync(join(folder, m4a.file)).mtimeMs;

    const again = await get(TUNE, 'm4a?song=1');
    expect(again.headers.get('x-sidflow-render')).toBe('cached');
    expect(again.headers.get('etag')).toBe(`"${m4a.sha256}"`);
    expect((await again.arrayBuffer()).byteLength).toBe(m4a.bytes);
    expect(statSync(join(folder, m4a.file)).mtimeMs).toBe(before);
    const later = validateAvailabilityManifest(await (await get(TUNE, 'manifest')).json());
    expect(later.renders[0].renderedAt).toBe(one.renderedAt);
  });
});

describe('/api/playback/<id>/hls', () => {
  it('serves a VOD playlist whose AAC segments ffprobe decodes', async () => {
    const response = await get(TUNE, 'hls/index.m3u8?song=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const playlist = await response.text();
    const lines = playlist.trim().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(lines.at(-1)).toBe('#EXT-X-ENDLIST');
    const durations = lines
      .filter((l) => l.startsWith('#EXTINF:'))
      .map((l) => Number.parseFloat(l.slice(8)));
    const segments = lines.filter((l) => !l.startsWith('#'));
    expect(segments.length).toBe(durations.length);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(SECONDS, 0);
    for (const [i, uri] of segments.entries()) {
      expect(uri).toMatch(/^segment-\d+\.ts\?song=1$/);
      const segment = await get(TUNE, `hls/${uri}`);
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('video/mp2t');
      const probe = ffprobe(await save(segment, `seg${i}.ts`));
      expect(probe.format.format_name).toBe('mpegts');
      expect(probe.streams[0]).toMatchObject({ codec_name: 'aac', channels: 2 });
      expect(Number(probe.format.duration)).toBeCloseTo(durations[i], 0);
    }
  });
});

describe('/api/playback errors', () => {
  it('answers bad ids, songs and formats with JSON { code, error }', async () => {
    const cases: [string, string, number, string][] = [
      ['upload.sid', 'manifest', 400, 'TUNE_BAD_ID'],
      ['demo/../../package.json', 'm4a', 400, 'TUNE_BAD_ID'],
      ['demo/nope.sid', 'wav', 404, 'TUNE_NOT_FOUND'],
      [TUNE, 'wav?song=9', 400, 'TUNE_BAD_ID'],
      [TUNE, 'wav?song=x', 400, 'TUNE_BAD_ID'],
      [TUNE, 'flac', 404, 'STREAM_FORMAT_UNKNOWN'],
      [TUNE, 'hls/..%2Fode-to-joy.sidflow.json?song=1', 404, 'STREAM_FORMAT_UNKNOWN'],
      [TUNE, 'hls/segment-999.ts?song=1', 404, 'STREAM_FORMAT_UNKNOWN'],
    ];
    for (const [id, rest, status, code] of cases) {
      const response = await get(id, rest);
      expect(response.status, `${id} ${rest}`).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/json/);
      const body = await response.json();
      expect(body.code, `${id} ${rest}`).toBe(code);
      expect(body.error.length).toBeGreaterThan(10);
    }
  });
});

describe('/api/playback without a native ffmpeg (SIDFLOW_FFMPEG names none)', () => {
  const wasmCache = mkdtempSync(join(tmpdir(), 'sidflow-web-renders-wasm-'));
  beforeAll(() => {
    process.env.SIDFLOW_FFMPEG = join(wasmCache, 'no-ffmpeg-here');
    process.env.SIDFLOW_RENDER_CACHE = wasmCache;
    process.env.SIDFLOW_RENDER_SECONDS = '5';
  });
  afterAll(() => {
    delete process.env.SIDFLOW_FFMPEG;
    process.env.SIDFLOW_RENDER_CACHE = cache;
    process.env.SIDFLOW_RENDER_SECONDS = String(SECONDS);
    rmSync(wasmCache, { recursive: true, force: true });
  });

  it('encodes M4A with ffmpeg.wasm, leaves HLS out and says why', async () => {
    const manifest = await (await get(TUNE, 'manifest')).json();
    expect(manifest.onDemand).toEqual({ formats: ['wav', 'm4a'], seconds: 5 });
    const m4a = await get(TUNE, 'm4a?song=1');
    expect(m4a.status).toBe(200);
    expect(m4a.headers.get('x-sidflow-render')).toBe('rendered');
    const probe = ffprobe(await save(m4a, 'wasm.m4a'));
    expect(probe.streams[0]).toMatchObject({ codec_name: 'aac', channels: 2 });
    expect(Number(probe.format.duration)).toBeCloseTo(5, 0);
    const hls = await get(TUNE, 'hls/index.m3u8?song=1');
    expect(hls.status).toBe(503);
    const body = await hls.json();
    expect(body.code).toBe('STREAM_FORMAT_UNAVAILABLE');
    expect(body.error).toMatch(/native ffmpeg/);
  }, 120_000);
});

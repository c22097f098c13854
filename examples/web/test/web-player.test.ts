import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { startWebApp, type WebAppServer, webAppDir } from './web-app-server';

// Real Chromium against the built app (`npm run build` first): each test opens
// the page, plays through the facade and reads what reached the output from
// the page's AnalyserNode tap (the level meter's `data-peak`).

const hvscFolder = resolve(webAppDir, '..', '..', '..', 'shared', 'hvsc-sample', 'C64Music');
const MULTI_SONG_TUNE = 'hvsc/MUSICIANS/D/Daglish_Ben/Last_Ninja.sid';
/** Peak level above which a 100 ms window counts as sound (digital silence is exactly 0). */
const AUDIBLE = 0.0015;

/** Seconds the server renders per song for the stream adapter (short: tests pay for it). */
const RENDER_SECONDS = 15;
const renderCache = mkdtempSync(join(tmpdir(), 'sidflow-web-player-renders-'));

let server: WebAppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // No SIDFLOW_U64_HOST: the page must offer the Ultimate 64 as unavailable, saying why.
    startWebApp({
      SIDFLOW_HVSC: hvscFolder,
      SIDFLOW_RENDER_CACHE: renderCache,
      SIDFLOW_RENDER_SECONDS: String(RENDER_SECONDS),
      SIDFLOW_U64_HOST: '',
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(renderCache, { recursive: true, force: true });
});

/** Uncaught exceptions per page: a test fails if the page threw behind its back. */
const pageErrors = new WeakMap<Page, string[]>();

async function openPlayer(isolated: boolean): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/${isolated ? '' : '?isolation=off'}`);
  await page.waitForSelector('[data-testid=demo-tunes] button');
  return page;
}

const status = (page: Page, name: string) =>
  page.getAttribute('[data-testid=status]', `data-${name}`).then((v) => v ?? '');
const position = async (page: Page) => Number(await status(page, 'position'));

async function waitForState(page: Page, state: string, timeout = 15_000) {
  await page.waitForSelector(`[data-testid=status][data-state=${state}]`, { timeout });
}

/** Reads the level meter every 100 ms for `ms` milliseconds, in the page. */
async function levels(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(async (duration) => {
    const meter = document.querySelector<HTMLElement>('[data-testid=level-meter]')!;
    const peaks: number[] = [];
    const end = performance.now() + duration;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      peaks.push(Number(meter.dataset.peak));
    }
    return peaks;
  }, ms);
}

/** Waits until the page shows a position in [min, max). */
async function waitForPosition(page: Page, min: number, max: number, timeout = 10_000) {
  await page.waitForFunction(
    ([lo, hi]) => {
      const status = document.querySelector<HTMLElement>('[data-testid=status]');
      const seconds = Number(status?.dataset.position);
      return seconds >= lo && seconds < hi;
    },
    [min, max],
    { timeout },
  );
}

/** Clicks a tune and waits until it, not the tune before it, is playing. */
async function pickTune(page: Page, id: string, title: string) {
  await page.click(`[data-tune-id="${id}"]`);
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid=title]')?.textContent === t,
    title,
    { timeout: 15_000 },
  );
  await waitForState(page, 'playing');
}

async function seekTo(page: Page, seconds: number) {
  await page.fill('[data-testid=seek-input]', String(seconds));
  await page.click('[data-testid=seek]');
}

/**
 * Waits (up to 5 s, as a restart on a loaded machine can take that long)
 * for sound, then expects sound in most 100 ms windows of the next `ms`.
 */
async function expectSound(page: Page, ms: number) {
  await page.waitForFunction(
    (threshold) =>
      Number(document.querySelector<HTMLElement>('[data-testid=level-meter]')?.dataset.peak) >
      threshold,
    AUDIBLE,
    { timeout: 5_000 },
  );
  expect(audibleShare(await levels(page, ms))).toBeGreaterThan(0.5);
}

const audibleShare = (peaks: number[]) => peaks.filter((p) => p > AUDIBLE).length / peaks.length;

async function playDemoFor3Seconds(page: Page, isolated: boolean) {
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolated);
  await pickTune(page, 'demo/greensleeves.sid', 'Greensleeves');
  expect(await page.textContent('[data-testid=author]')).toBe('SIDFlow (arr.)');
  expect(await status(page, 'render-path')).toBe(isolated ? 'shared-ring' : 'worklet');
  const peaks = await levels(page, 3_000);
  // The tune starts on its first frame; most windows carry sound even on a loaded machine.
  expect(audibleShare(peaks)).toBeGreaterThan(0.5);
  expect(Math.max(...peaks)).toBeGreaterThan(0.05);
  // The position counts audio actually played: on an overloaded machine underruns hold it
  // back, so this proves it advances rather than that playback kept real time.
  expect(await position(page)).toBeGreaterThan(1);
  // The piano roll drew notes from the facade's register events.
  const painted = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=voice-roll]')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
    return count;
  });
  expect(painted).toBeGreaterThan(500);
  expect(await page.$('[data-testid=error]')).toBeNull();
  expect(pageErrors.get(page)).toEqual([]);
}

// One page per isolation mode, shared by its tests in order (opening a page and
// loading the engine is the slow part); each test starts by picking a tune.
describe('the cross-origin isolated page in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPlayer(true);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('plays a demo tune for 3 s on the worker + SharedArrayBuffer ring path', async () => {
    await playDemoFor3Seconds(page, true);
  });

  it('switches adapters at runtime and keeps playing where it was', async () => {
    await pickTune(page, 'demo/minuet-in-g.sid', 'Minuet in G');
    expect(await status(page, 'adapter')).toBe('worklet');
    await waitForPosition(page, 1.5, 60);

    // The first stream request renders the song on the server (engine + ffmpeg) before it plays.
    await page.selectOption('[data-testid=adapter]', 'stream');
    await page.waitForSelector('[data-testid=status][data-adapter=stream][data-state=playing]', {
      timeout: 45_000,
    });
    // An isolated page prefers the M4A file (AAC, which Debian's Chromium decodes).
    expect(await status(page, 'render-path')).toBe('m4a');
    // The server's engine render picks up near where the browser's engine was.
    expect(await position(page)).toBeGreaterThan(1);
    await expectSound(page, 1_500);

    await page.selectOption('[data-testid=adapter]', 'worklet');
    await page.waitForSelector('[data-testid=status][data-adapter=worklet][data-state=playing]');
    expect(await status(page, 'render-path')).toBe('shared-ring');
    await expectSound(page, 1_500);
    expect(await page.$('[data-testid=error]')).toBeNull();
    expect(pageErrors.get(page)).toEqual([]);
  });

  it('pauses, resumes, seeks and changes subtune', async () => {
    for (const folder of ['MUSICIANS/', 'D/', 'Daglish_Ben/']) {
      await page.click(`[data-testid=hvsc-browser] button:text-is("${folder}")`);
    }
    await pickTune(page, MULTI_SONG_TUNE, 'The Last Ninja');
    // The header's start song is 3.
    expect(await page.textContent('[data-testid=subtune]')).toBe('3 / 11');
    await expectSound(page, 1_000);

    await page.click('[data-testid=play-pause]');
    await waitForState(page, 'paused');
    const pausedAt = await position(page);
    const whilePaused = await levels(page, 600);
    expect(Math.max(...whilePaused.slice(2))).toBeLessThanOrEqual(AUDIBLE);
    // A position message already in flight when pausing may still land.
    expect(Math.abs((await position(page)) - pausedAt)).toBeLessThan(0.3);

    await page.click('[data-testid=play-pause]');
    await waitForState(page, 'playing');
    await expectSound(page, 800);
    expect(await position(page)).toBeGreaterThan(pausedAt);

    // Backwards: playing can only move the position forwards, so a drop proves the seek.
    await seekTo(page, 1);
    await waitForPosition(page, 0, 2.5);
    // Forwards: arriving sooner than playing alone could get there proves the jump.
    const from = await position(page);
    const clickedAt = Date.now();
    await seekTo(page, 15);
    await waitForPosition(page, 15, 60, 20_000);
    expect((Date.now() - clickedAt) / 1000).toBeLessThan(15 - from);
    await waitForState(page, 'playing');
    await expectSound(page, 800);

    await page.click('[data-testid=next-song]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=subtune]')?.textContent === '4 / 11',
    );
    await waitForState(page, 'playing');
    expect(await status(page, 'song')).toBe('4');
    // Back near the start of song 4, not still past 15 s of song 3: the status can show
    // song 4 a moment before the first position message of the new song arrives.
    await waitForPosition(page, 0, 5);
    const afterChange = await levels(page, 1_500);
    expect(Math.max(...afterChange)).toBeGreaterThan(0.05);
    expect(pageErrors.get(page)).toEqual([]);
  });
});

describe('the page without cross-origin isolation (?isolation=off) in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPlayer(false);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('plays a demo tune for 3 s with the worklet rendering', async () => {
    await playDemoFor3Seconds(page, false);
  });

  it('offers the Ultimate 64 as unavailable, with the reason the facade gives', async () => {
    const device = await page.waitForSelector('[data-testid=device-status][data-available=false]');
    expect(await device.textContent()).toMatch(/no Ultimate 64 is configured.*SIDFLOW_U64_HOST/);
    const option = await page.$('[data-testid=adapter] option[value=ultimate64]');
    expect(await option?.getAttribute('disabled')).not.toBeNull();
    expect(await option?.textContent()).toMatch(/unavailable: .*no Ultimate 64 is configured/);
  });

  it('shows an error for a corrupt tune and stays usable', async () => {
    await page.setInputFiles('[data-testid=file-input]', {
      name: 'broken.sid',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PSID this is not a SID file at all'),
    });
    const alert = await page.waitForSelector('[data-testid=error]');
    expect(await alert.textContent()).toMatch(/header|truncated|SID/i);
    expect(await status(page, 'state')).toBe('error');

    await pickTune(page, 'demo/korobeiniki.sid', 'Korobeiniki');
    expect(await page.$('[data-testid=error]')).toBeNull();
    await expectSound(page, 1_000);
    expect(pageErrors.get(page)).toEqual([]);
  });

  it('streams a server render as HLS (AAC segments) without SharedArrayBuffer', async () => {
    await pickTune(page, 'demo/ode-to-joy.sid', 'Ode to Joy');
    await page.selectOption('[data-testid=adapter]', 'stream');
    await page.waitForSelector('[data-testid=status][data-adapter=stream][data-state=playing]', {
      timeout: 45_000,
    });
    expect(await status(page, 'render-path')).toBe('hls');
    await expectSound(page, 1_500);
    expect(await position(page)).toBeGreaterThan(0);
    expect(await page.$('[data-testid=error]')).toBeNull();
    expect(pageErrors.get(page)).toEqual([]);
  });
});

describe('the app server', () => {
  it('sends COOP/COEP by default and leaves them off for ?isolation=off', async () => {
    const isolated = await fetch(`${server.url}/`);
    expect(isolated.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(isolated.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const plain = await fetch(`${server.url}/?isolation=off`);
    expect(plain.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(plain.headers.get('cross-origin-embedder-policy')).toBeNull();
  });

  it('serves the playback bundles copied at build time', async () => {
    for (const name of ['sidflow-worklet.js', 'sidflow-render-worker.js']) {
      const response = await fetch(`${server.url}/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
    }
  });

  it('lists the demo tunes and the configured HVSC folder', async () => {
    const catalog = await (await fetch(`${server.url}/api/tunes`)).json();
    expect(catalog.demo.map((t: { id: string }) => t.id)).toEqual([
      'demo/greensleeves.sid',
      'demo/korobeiniki.sid',
      'demo/minuet-in-g.sid',
      'demo/ode-to-joy.sid',
    ]);
    expect(catalog.hvsc.available).toBe(true);
    const folder = await (await fetch(`${server.url}/api/hvsc?dir=MUSICIANS/D/Daglish_Ben`)).json();
    expect(folder.tunes.map((t: { id: string }) => t.id)).toContain(MULTI_SONG_TUNE);
  });

  it('serves tune bytes and refuses paths outside the collections', async () => {
    const bytes = new Uint8Array(
      await (await fetch(`${server.url}/api/tunes/demo/greensleeves.sid`)).arrayBuffer(),
    );
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PSID');
    const traversal = await fetch(`${server.url}/api/tunes/demo/..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(400);
    expect((await traversal.json()).code).toBe('TUNE_BAD_ID');
    const missing = await fetch(`${server.url}/api/tunes/demo/nope.sid`);
    expect(missing.status).toBe(404);
    const hvscEscape = await fetch(`${server.url}/api/hvsc?dir=..%2F..`);
    expect(hvscEscape.status).toBe(400);
  });

  it('serves the render cache over HTTP: manifest, M4A ranges, HLS, JSON errors', async () => {
    const api = (id: string, rest: string) =>
      `${server.url}/api/playback/${encodeURIComponent(id)}/${rest}`;
    const manifest = await (await fetch(api(MULTI_SONG_TUNE, 'manifest'))).json();
    expect(manifest).toMatchObject({ version: 1, tune: { songs: 11, startSong: 3 } });
    expect(manifest.onDemand).toEqual({ formats: ['wav', 'm4a', 'hls'], seconds: RENDER_SECONDS });

    const head = await fetch(api('demo/greensleeves.sid', 'm4a?song=1'), {
      headers: { Range: 'bytes=0-15' },
    });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-type')).toBe('audio/mp4');
    expect(head.headers.get('content-range')).toMatch(/^bytes 0-15\/\d+$/);
    const box = new Uint8Array(await head.arrayBuffer());
    expect(new TextDecoder().decode(box.subarray(4, 8))).toBe('ftyp');
    const playlist = await (
      await fetch(api('demo/greensleeves.sid', 'hls/index.m3u8?song=1'))
    ).text();
    const first = playlist.split('\n').find((l) => l.startsWith('segment-'))!;
    const segment = await fetch(api('demo/greensleeves.sid', `hls/${first}`));
    expect(segment.status).toBe(200);
    // MPEG-TS packets start with the sync byte 0x47.
    expect(new Uint8Array(await segment.arrayBuffer())[0]).toBe(0x47);

    const bad = await fetch(api('upload.sid', 'manifest'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'TUNE_BAD_ID' });
    expect((await fetch(api('demo/ode-to-joy.sid', 'wav?song=9'))).status).toBe(400);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayer } from '@sidflow/engine';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterContract } from '../contract/adapter-contract.js';
import { demoTune, repoRoot } from '../fixtures.js';
import { browserBundles } from './build-bundles.js';
import { launchChromium } from './chromium.js';
import { type StaticServer, startStaticServer } from './static-server.js';

interface PageApi {
  runCase(name: string, config: object): Promise<string | null>;
}

const dir = mkdtempSync(join(tmpdir(), 'sidflow-stream-test-'));
let browser: Browser;
let page: Page;
let server: StaticServer;

/** Renders 8 s of the demo tune with our engine as the API's WAV, M4A and HLS files. */
function writeRenders(api: string): void {
  mkdirSync(api, { recursive: true });
  const rate = 44_100;
  const player = createPlayer(demoTune(), { sampleRate: rate, channels: 2 });
  const pcm = new Int16Array(rate * 8 * 2);
  player.render(pcm);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.byteLength, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.byteLength, 40);
  writeFileSync(join(api, 'wav'), Buffer.concat([header, Buffer.from(pcm.buffer)]));
  const ff = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    join(api, 'wav'),
    '-c:a',
    'aac',
    '-b:a',
    '128k',
  ];
  execFileSync('ffmpeg', [...ff, '-f', 'mp4', join(api, 'm4a')]);
  mkdirSync(join(api, 'hls'));
  execFileSync('ffmpeg', [
    ...ff,
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    join(api, 'hls', 'seg%d.ts'),
    join(api, 'hls', 'index.m3u8'),
  ]);
  const files = [{ format: 'wav' }, { format: 'm4a' }];
  writeFileSync(
    join(api, 'manifest'),
    JSON.stringify({
      renders: [
        { song: 1, seconds: 8, files },
        { song: 2, seconds: 8, files },
      ],
    }),
  );
}

beforeAll(async () => {
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/bundles/page.js"></script>',
  );
  writeRenders(join(dir, 'api', 'playback', 'contract'));
  let bundles: string;
  [browser, bundles] = await Promise.all([launchChromium(), browserBundles()]);
  server = await startStaticServer(
    { '/tunes/': join(repoRoot, 'tunes', 'sid'), '/bundles/': bundles, '/': dir },
    false,
  );
  page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => 'sidflowTest' in globalThis);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (name: string, formats: string[]) =>
  page.evaluate(
    ([n, f]) =>
      (globalThis as unknown as { sidflowTest: PageApi }).sidflowTest.runCase(n, {
        adapter: 'stream',
        formats: f,
      }),
    [name, formats] as const,
  );

describe('stream adapter in Chromium (WAV by range requests)', () => {
  for (const c of adapterContract) {
    it(`contract: ${c.name}`, async () => {
      expect(await run(c.name, ['wav'])).toBeNull();
    });
  }

  it('fetched the WAV with range requests and the song in the query', () => {
    expect(
      server.requests.some((r) => /^GET \/api\/playback\/contract\/wav bytes=\d+-/.test(r)),
    ).toBe(true);
    expect(server.requests.some((r) => r.startsWith('GET /api/playback/contract/manifest'))).toBe(
      true,
    );
  });

  it('plays M4A and HLS (AAC segments) too', async () => {
    const plays = adapterContract[2].name;
    expect(await run(plays, ['m4a'])).toBeNull();
    expect(await run(plays, ['hls'])).toBeNull();
    expect(server.requests.some((r) => r.startsWith('GET /api/playback/contract/hls/seg'))).toBe(
      true,
    );
  });
});

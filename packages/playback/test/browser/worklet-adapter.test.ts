import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterContract } from '../contract/adapter-contract.js';
import { repoRoot } from '../fixtures.js';
import { browserBundles } from './build-bundles.js';
import { launchChromium } from './chromium.js';
import { type StaticServer, startStaticServer } from './static-server.js';

interface Listened {
  crossOriginIsolated: boolean;
  renderPath: string;
  position: number;
  maxRms: number;
  registerFrames: number;
  notes: number;
  underruns: number;
  contextState: string;
  stats: { mainThreadMs: number; messages: number; lowestFill: number };
}

/** What page-entry.ts puts on the page. */
interface PageApi {
  listen(config: object): Promise<Listened>;
  runCase(name: string, config: object): Promise<string | null>;
}

const dir = mkdtempSync(join(tmpdir(), 'sidflow-worklet-test-'));
let browser: Browser;
let bundles: string;

beforeAll(async () => {
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/bundles/page.js"></script>',
  );
  [browser, bundles] = await Promise.all([launchChromium(), browserBundles()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(isolated: boolean): Promise<{ page: Page; server: StaticServer }> {
  const server = await startStaticServer(
    { '/tunes/': join(repoRoot, 'tunes', 'sid'), '/bundles/': bundles, '/': dir },
    isolated,
  );
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => 'sidflowTest' in globalThis);
  return { page, server };
}

for (const isolated of [true, false]) {
  const path = isolated ? 'shared-ring' : 'worklet';
  describe(`browser engine adapter, ${isolated ? 'cross-origin isolated' : 'not isolated'}`, () => {
    let page: Page;
    let server: StaticServer;
    beforeAll(async () => {
      ({ page, server } = await openPage(isolated));
    });
    afterAll(async () => {
      await page?.close();
      await server?.close();
    });

    it(`plays audible sound on the ${path} path, with register and note events${isolated ? ' and 0 underruns' : ''}`, async () => {
      const r = (await page.evaluate(
        (cfg) => (globalThis as unknown as { sidflowTest: PageApi }).sidflowTest.listen(cfg),
        {
          adapter: 'worklet',
          tune: '/tunes/korobeiniki.sid',
          // The isolated path listens longer: it must also play without a single underrun.
          seconds: isolated ? 3 : 1.5,
        },
      )) as Listened;
      expect(r.crossOriginIsolated).toBe(isolated);
      expect(r.renderPath).toBe(path);
      expect(r.maxRms).toBeGreaterThan(0.02);
      expect(r.position).toBeGreaterThanOrEqual(1.5);
      expect(r.registerFrames).toBeGreaterThan(40); // 50 per second of audio
      expect(r.notes).toBeGreaterThan(2);
      expect(r.contextState).not.toBe('running');
      if (isolated) {
        // The worker pre-fills the ring on load, so even a cold engine never lets it run dry.
        expect(r.underruns).toBe(0);
        expect(r.stats.lowestFill).toBeGreaterThan(0);
      }
    });

    for (const c of adapterContract) {
      it(`contract: ${c.name}`, async () => {
        const problem = await page.evaluate(
          ([name, renderPath]) =>
            (globalThis as unknown as { sidflowTest: PageApi }).sidflowTest.runCase(name, {
              adapter: 'worklet',
              renderPath,
            }),
          [c.name, path] as const,
        );
        expect(problem).toBeNull();
      });
    }
  });
}

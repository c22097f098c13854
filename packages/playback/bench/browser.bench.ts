// 60 s of playback in headless Chromium on the cross-origin isolated (shared-ring) path:
// underruns (and the lowest ring fill), load time, start latency (play() → first non-zero
// sample leaving the worklet), main-thread time of the adapter per second of playback, and the
// render worker's and Chromium's CPU share.
// Run: npm run bench -w @sidflow/playback [-- --seconds 60]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserBundles } from '../test/browser/build-bundles.js';
import { launchChromium } from '../test/browser/chromium.js';
import { startStaticServer } from '../test/browser/static-server.js';
import { repoRoot } from '../test/fixtures.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 60;
const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of every Chromium process now. */
function chromiumCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/\((chromium|chrome)[^)]*\)/.test(stat)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

interface Listened {
  crossOriginIsolated: boolean;
  renderPath: string;
  position: number;
  maxRms: number;
  underruns: number;
  stats: { mainThreadMs: number; messages: number; renderMs: number; lowestFill: number };
  telemetry: { type: string; latencyMs?: number; ms?: number }[];
}

const dir = mkdtempSync(join(tmpdir(), 'sidflow-playback-bench-'));
writeFileSync(
  join(dir, 'index.html'),
  '<!doctype html><script type="module" src="/bundles/page.js"></script>',
);
const bundles = await browserBundles();
const server = await startStaticServer(
  { '/tunes/': join(repoRoot, 'tunes', 'sid'), '/bundles/': bundles, '/': dir },
  true,
);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => 'sidflowTest' in globalThis);
  const load0 = loadavg()[0];
  const cpu0 = chromiumCpuSeconds();
  const wall0 = performance.now();
  const r = (await page.evaluate(
    (cfg) =>
      (
        globalThis as unknown as { sidflowTest: { listen(c: object): Promise<unknown> } }
      ).sidflowTest.listen(cfg),
    { adapter: 'worklet', tune: '/tunes/korobeiniki.sid', seconds },
  )) as Listened;
  const wall = (performance.now() - wall0) / 1000;
  const cpu = chromiumCpuSeconds() - cpu0;
  const latency = r.telemetry.find((t) => t.type === 'start')?.latencyMs ?? Number.NaN;
  const loadMs = r.telemetry.find((t) => t.type === 'load')?.ms ?? Number.NaN;
  const rows = [
    ['render path', `${r.renderPath} (crossOriginIsolated ${r.crossOriginIsolated})`],
    ['played', `${r.position.toFixed(1)} s, peak RMS ${r.maxRms.toFixed(3)}`],
    ['underruns', `${r.underruns}`],
    ['lowest ring fill at any quantum', `${r.stats.lowestFill} frames`],
    ['load time (includes filling the ring)', `${loadMs.toFixed(1)} ms`],
    ['start latency play() → first non-zero sample', `${latency.toFixed(1)} ms`],
    [
      'main-thread time in the adapter',
      `${(r.stats.mainThreadMs / r.position).toFixed(3)} ms per s (${r.stats.messages} messages)`,
    ],
    [
      'render worker CPU share',
      `${((r.stats.renderMs / 1000 / r.position) * 100).toFixed(1)} % of one core`,
    ],
    ['all Chromium processes CPU', `${((cpu / wall) * 100).toFixed(1)} % of one core`],
    ['load average (1 min) at start / end', `${load0.toFixed(1)} / ${loadavg()[0].toFixed(1)}`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

// Cost of the stream adapter's server side: first request (render + encode), a cached
// request, and HLS segmenting, for each demo tune at the default length (120 s), with a
// fresh temporary cache. Run: npm run bench -w @sidflow/web  (note `uptime` beside the figures).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hlsFolder } from '../lib/server/hls-segments';
import { cachedRender } from '../lib/server/render-cache';
import { DEFAULT_RENDER_SECONDS, renderSettings } from '../lib/server/render-settings';

const TUNES = ['greensleeves', 'korobeiniki', 'minuet-in-g', 'ode-to-joy'];
const cache = mkdtempSync(join(tmpdir(), 'sidflow-web-bench-'));
process.env.SIDFLOW_RENDER_CACHE = cache;
process.env.SIDFLOW_RENDER_SECONDS = String(DEFAULT_RENDER_SECONDS);

async function measure<T>(work: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  // Child processes (native ffmpeg) are not in process.cpuUsage: wall time covers them.
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const settings = await renderSettings();
console.log(
  `encoder ${settings.m4aEncoder}, HLS ${settings.hls}, ${DEFAULT_RENDER_SECONDS} s per song, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('tune           first request (render+encode)   cached request   HLS segmenting');
try {
  for (const name of TUNES) {
    const id = `demo/${name}.sid`;
    const first = await measure(() => cachedRender(id, null));
    const again = await measure(() => cachedRender(id, null));
    const cached = await cachedRender(id, null);
    const hls = await measure(() => hlsFolder(cached));
    const f = (m: { wallMs: number; cpuMs: number }) =>
      `${m.wallMs.toFixed(0)} ms wall / ${m.cpuMs.toFixed(0)} ms CPU`;
    console.log(`${name.padEnd(14)} ${f(first).padEnd(31)} ${f(again).padEnd(16)} ${f(hls)}`);
  }
} finally {
  rmSync(cache, { recursive: true, force: true });
}
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

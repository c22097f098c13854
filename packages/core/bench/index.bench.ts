/**
 * `npx tsx packages/core/bench/index.bench.ts`: how fast `indexHvsc` walks an
 * HVSC tree. Indexes the 615-tune sample, then a 60,000-file tree made of
 * hard links to the sample (copies where links are impossible) in a temp
 * folder, once to warm the page cache and once measured. Every pass reads
 * each file whole, hashes it (MD5), decodes its header and looks it up in a
 * Songlengths, STIL and BUGlist database, as a real index run does. Each line
 * also gives the CPU time per file (and the rate it implies on an idle core)
 * and the longest the event loop was held, since files are read synchronously
 * in batches.
 */
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  hvscMd5,
  type IndexHvscOptions,
  indexHvsc,
  loadBuglist,
  loadStil,
  parseSonglengths,
} from '../src/hvsc/index.js';

const sample = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const targetFiles = 60_000;

interface PassResult {
  files: number;
  errors: number;
  bytes: number;
  /** Wall time. */
  ms: number;
  /** CPU time of all the process's threads (main and I/O pool), in microseconds. */
  cpuUs: number;
  /** Longest the event loop was held during the pass (timer delay), in milliseconds. */
  longestBlockMs: number;
}

/** Samples the event loop every 1 ms; the largest delay is the longest synchronous block. */
function watchEventLoop(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return () => {
    histogram.disable();
    return histogram.max / 1e6;
  };
}

async function pass(root: string, options: IndexHvscOptions): Promise<PassResult> {
  const longestBlock = watchEventLoop();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let files = 0;
  let errors = 0;
  let bytes = 0;
  for await (const entry of indexHvsc(root, options)) {
    files++;
    bytes += entry.size;
    if (entry.error) errors++;
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  return { files, errors, bytes, ms, cpuUs: cpu.user + cpu.system, longestBlockMs: longestBlock() };
}

/** The floor under any index pass: read every file with `readFile`, 32 at a time, nothing else. */
async function readOnly(files: readonly string[]): Promise<PassResult> {
  const longestBlock = watchEventLoop();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const read = await readFile(files[next++]);
      bytes += read.length;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const cpu = process.cpuUsage(cpu0);
  return {
    files: files.length,
    errors: 0,
    bytes,
    ms: performance.now() - t0,
    cpuUs: cpu.user + cpu.system,
    longestBlockMs: longestBlock(),
  };
}

function report(label: string, r: PassResult): void {
  const rate = Math.round((r.files / r.ms) * 1000);
  const mb = r.bytes / 1e6 / (r.ms / 1000);
  console.log(
    `${label.padEnd(44)} ${String(r.files).padStart(6)} files ${String(r.errors).padStart(3)} errors ` +
      `${(r.ms / 1000).toFixed(2).padStart(6)} s ${String(rate).padStart(6)} files/s ${mb.toFixed(0).padStart(4)} MB/s ` +
      `${(r.cpuUs / r.files).toFixed(1).padStart(6)} µs CPU/file ` +
      `(idle-machine estimate ${String(Math.round(1e6 / (r.cpuUs / r.files))).padStart(6)} files/s) ` +
      `longest block ${r.longestBlockMs.toFixed(1)} ms`,
  );
}

console.log(
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (figures scale with how busy the machine is)`,
);
let t = performance.now();
const stil = await loadStil(join(sample, 'DOCUMENTS/STIL.txt'));
const buglist = await loadBuglist(join(sample, 'DOCUMENTS/BUGlist.txt'));
console.log(
  `load STIL.txt + BUGlist.txt: ${(performance.now() - t).toFixed(0)} ms (${stil.size} + ${buglist.size} entries)`,
);

// The sample has no Songlengths.md5: build one (MD5 of each tune, 3:00 per song).
const tunes: string[] = [];
for await (const entry of indexHvsc(sample, { stil: false, buglist: false })) {
  if (entry.tune)
    tunes.push(
      `; ${entry.path}\n${hvscMd5(readFileSync(entry.file))}=${Array(entry.tune.songs).fill('3:00.000').join(' ')}`,
    );
}
t = performance.now();
const songlengths = parseSonglengths(`[Database]\n${tunes.join('\n')}\n`);
console.log(
  `parse synthetic Songlengths.md5: ${(performance.now() - t).toFixed(0)} ms (${songlengths.size} tunes)`,
);

const options: IndexHvscOptions = { songlengths, stil, buglist };
report('sample (615 tunes), first pass', await pass(sample, options));
report('sample (615 tunes), second pass', await pass(sample, options));

const temp = mkdtempSync(join(tmpdir(), 'sidflow-index-bench-'));
try {
  t = performance.now();
  const files: string[] = [];
  for await (const entry of indexHvsc(sample, { stil: false, buglist: false })) {
    files.push(entry.path);
  }
  const copies = Math.ceil(targetFiles / files.length);
  let linked = 0;
  let copied = 0;
  for (let c = 0; c < copies; c++) {
    for (const path of files) {
      const to = join(temp, `COPY_${String(c).padStart(3, '0')}`, path);
      mkdirSync(dirname(to), { recursive: true });
      try {
        linkSync(join(sample, path), to);
        linked++;
      } catch {
        copyFileSync(join(sample, path), to);
        copied++;
      }
    }
  }
  writeFileSync(join(temp, 'README'), 'sidflow index bench tree\n');
  console.log(
    `built ${linked + copied} files (${linked} hard links, ${copied} copies) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const treeFiles: string[] = [];
  const warmUp = performance.now();
  for await (const entry of indexHvsc(temp, { stil: false, buglist: false, songlengths: false })) {
    treeFiles.push(entry.file);
  }
  console.log(
    `60k tree, warm-up pass (headers only): ${((performance.now() - warmUp) / 1000).toFixed(1)} s`,
  );
  report('60k tree, readFile only (I/O floor)', await readOnly(treeFiles));
  report('60k tree, warm, full index', await pass(temp, options));
  report(
    '60k tree, warm, full index, batches of 32',
    await pass(temp, { ...options, concurrency: 32 }),
  );
  report(
    '60k tree, warm, headers only (no md5/notes)',
    await pass(temp, { stil: false, buglist: false, songlengths: false }),
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}

// Batch-render benchmark (issue 6 "Figures"): N sample tunes × S seconds to FLAC + M4A with the
// worker pool, against a naive baseline in the same run (per tune: `sidplayfp -w`, then native ffmpeg
// twice), plus ffmpeg.wasm vs native encoding speed. Usage:
//   npm run bench -w @sidflow/render [-- --tunes 100 --seconds 30 --jobs N --wasm-files 10]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createNativeEncoder, createWasmEncoder, renderBatch } from '../src/index.js';

const { values } = parseArgs({
  options: {
    tunes: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    jobs: { type: 'string' },
    'wasm-files': { type: 'string', default: '10' },
  },
});
const tuneCount = Number(values.tunes);
const seconds = Number(values.seconds);
const jobs = values.jobs ? Number(values.jobs) : availableParallelism();
const sample = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'hvsc-sample',
  'C64Music',
);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function sampleTunes(): string[] {
  const all = readdirSync(sample, { recursive: true })
    .map(String)
    .filter((f) => /\.sid$/i.test(f) && !/BASIC/i.test(f))
    .sort();
  // Evenly spaced over the sorted list, so every folder is represented.
  return Array.from({ length: Math.min(tuneCount, all.length) }, (_, i) =>
    join(sample, all[Math.floor((i * all.length) / tuneCount)]),
  );
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

/** Runs a tool; a failure (or a tune that hangs past 5 min) is reported and counted, not fatal. */
function run(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 1 << 26,
  });
  if (r.status === 0) return true;
  console.log(
    `  ${cmd} failed (${r.signal ?? `exit ${r.status}`}) on ${args.at(-1)}: ${r.stderr?.trim().split('\n').at(-1)?.slice(-200)}`,
  );
  return false;
}

const work = mkdtempSync(join(tmpdir(), 'render-bench-'));
try {
  const tunes = sampleTunes();
  const input = join(work, 'in');
  mkdirSync(input);
  for (const [i, t] of tunes.entries()) {
    copyFileSync(
      t,
      join(input, `${String(i).padStart(3, '0')}-${relative(sample, t).replaceAll('/', '_')}`),
    );
  }
  console.log(
    `${tunes.length} tunes × ${seconds} s → FLAC + M4A; ${jobs} jobs on ${availableParallelism()} cores; load ${load()}`,
  );

  // Ours: the worker pool, default engine order, native encoder.
  const loadBefore = load();
  const t0 = performance.now();
  const summary = await renderBatch({
    input,
    outDir: join(work, 'ours'),
    jobs,
    seconds,
    formats: ['flac', 'm4a'],
    encoder: 'native',
  });
  const oursMs = performance.now() - t0;
  if (summary.failed.length)
    console.log(
      'failed:',
      summary.failed.map((f) => `${f.file}: ${f.message}`),
    );
  const oursRate = summary.rendered / (oursMs / 60000);
  console.log(
    `ours:     ${summary.rendered} tunes in ${(oursMs / 1000).toFixed(1)} s wall = ${oursRate.toFixed(1)} tunes/min ` +
      `(emulation+analysis ${(summary.emulationMs / 1000).toFixed(1)} s, encoding ${(summary.encodingMs / 1000).toFixed(1)} s, summed over workers; load ${loadBefore} → ${load()})`,
  );

  // Naive baseline: one tune at a time, sidplayfp -w then native ffmpeg twice.
  const base = join(work, 'base');
  mkdirSync(base);
  let emuMs = 0;
  let encMs = 0;
  const loadBaseline = load();
  const t1 = performance.now();
  const wavs: string[] = [];
  let baseDone = 0;
  for (const [i, tune] of tunes.entries()) {
    const wav = join(base, `${i}.wav`);
    const [ok, ms] = timed(() => run('sidplayfp', ['-q', `-t${seconds}`, `-w${wav}`, tune]));
    emuMs += ms;
    if (!ok) continue;
    baseDone++;
    // The naive baseline: one ffmpeg run per format.
    const encode = (codec: string[], out: string) =>
      timed(() => run('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codec, out]))[1];
    encMs += encode(['-c:a', 'flac', '-compression_level', '5'], join(base, `${i}.flac`));
    encMs += encode(['-c:a', 'aac', '-b:a', '256k'], join(base, `${i}.m4a`));
    wavs.push(wav);
  }
  const baseMs = performance.now() - t1;
  const baseRate = baseDone / (baseMs / 60000);
  console.log(
    `baseline: ${baseDone} of ${tunes.length} tunes in ${(baseMs / 1000).toFixed(1)} s wall = ${baseRate.toFixed(1)} tunes/min ` +
      `(sidplayfp ${(emuMs / 1000).toFixed(1)} s, ffmpeg ${(encMs / 1000).toFixed(1)} s; load ${loadBaseline} → ${load()})`,
  );
  console.log(`ratio:    ${(oursRate / baseRate).toFixed(2)}× (target ≥ 1.5×)`);

  // Encoders: the same WAVs to FLAC + M4A in one run each, native vs wasm (wasm load timed apart).
  const files = wavs.slice(0, Number(values['wasm-files']));
  for (const encoder of [createNativeEncoder(), createWasmEncoder()]) {
    let loadMs = 0;
    if (encoder.kind === 'wasm') {
      const t = performance.now();
      await encoder.encode(files[0], [{ format: 'flac', path: join(base, 'warm.flac') }]);
      loadMs = performance.now() - t;
    }
    const t = performance.now();
    for (const [i, wav] of files.entries()) {
      await encoder.encode(wav, [
        { format: 'flac', path: join(base, `${encoder.kind}${i}.flac`) },
        { format: 'm4a', path: join(base, `${encoder.kind}${i}.m4a`) },
      ]);
    }
    const ms = performance.now() - t;
    console.log(
      `${encoder.kind.padEnd(6)}:   ${files.length} × ${seconds} s to FLAC+M4A in ${(ms / 1000).toFixed(2)} s = ` +
        `${((files.length * seconds) / (ms / 1000)).toFixed(0)} s of audio per second` +
        `${encoder.kind === 'wasm' ? ` (+ ${(loadMs / 1000).toFixed(2)} s first load/compile incl. one FLAC)` : ''}; load ${load()}`,
    );
    await encoder.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

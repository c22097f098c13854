#!/usr/bin/env node
// `npm run fidelity [-- --stride K] [--limit N] [--jobs J] [--seconds S] [--no-audio] [--no-writes] [--cli PATH]
//  [--reference-rate]`
// (--stride K: every Kth tune of the sorted sample, for a quicker estimate; --reference-rate: score
// the engine's audio at the reference's actual output rate, see REFERENCE_RATE_PPM)
// Measures the engine against libsidplayfp 2.4 over every tune in ../shared/hvsc-sample:
//  1. write logs: libsidplayfp's (../shared/tools/sidtrace) vs `sidflow trace --writes`, scored
//     by ../shared/tools/score_writes.py (value sequences and cycle timing);
//  2. audio: `sidflow render` vs `sidplayfp --delay=0 -w`, scored by ../shared/tools/score_audio.py
//     (log-magnitude spectrogram correlation), summarised per SID model.
// Golden traces and renders are cached under .bench/fidelity; delete it to start over.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const shared = join(root, '..', 'shared');
const tools = join(shared, 'tools');
const hvsc = join(shared, 'hvsc-sample', 'C64Music');
const work = join(root, '.bench', 'fidelity');

const { values } = parseArgs({
  options: {
    limit: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '30' },
    'no-audio': { type: 'boolean', default: false },
    'no-writes': { type: 'boolean', default: false },
    cli: { type: 'string' },
    stride: { type: 'string' },
    'reference-rate': { type: 'boolean', default: false },
  },
});
// --cli lets a long run use a frozen copy of the built CLI while the tree changes.
const cli = values.cli ?? join(root, 'examples', 'cli', 'bin', 'sidflow.js');
const seconds = Number(values.seconds);

// `sidplayfp -w` (libsidplayfp 2.4, reSIDfp) plays PAL tunes about 205 ppm slow: a voice at
// frequency register 0x1000 (240.539 Hz on a 985,248 Hz clock) comes out at 240.490 Hz, and its
// noise drifts 9 samples per second behind the engine's bit-identical noise (its resampler's
// fixed-point ratio). Over 30 s that is 270 samples, a quarter of the scorer's 1,024-sample hop,
// which alone costs 0.01-0.03 of spectral correlation. With --reference-rate the engine renders
// at 44,100 Hz x (1 + 205 ppm) and the WAV is relabelled 44,100 Hz, so both play the same
// C64 time per output second; the engine itself keeps the nominal rate.
const REFERENCE_RATE_PPM = 205;
const referenceRate = values['reference-rate'];

/** Rewrites a PCM WAV file's sample rate (and byte rate) fields in place. */
function relabelWavRate(file, rate) {
  const b = readFileSync(file);
  let at = 12;
  while (at + 8 <= b.length) {
    const id = b.toString('latin1', at, at + 4);
    if (id === 'fmt ') {
      const channels = b.readUInt16LE(at + 10);
      const bits = b.readUInt16LE(at + 22);
      b.writeUInt32LE(rate, at + 12);
      b.writeUInt32LE((rate * channels * bits) / 8, at + 16);
      writeFileSync(file, b);
      return;
    }
    at += 8 + b.readUInt32LE(at + 4) + (b.readUInt32LE(at + 4) & 1);
  }
  throw new Error(`${file}: no fmt chunk`);
}
const jobs = Number(values.jobs);

function sidtraceBinary() {
  const bin = join(root, '.bench', 'sidtrace');
  if (!existsSync(bin)) {
    mkdirSync(dirname(bin), { recursive: true });
    execFileSync(
      'g++',
      ['-O2', '-o', bin, join(tools, 'sidtrace', 'sidtrace.cpp'), '-lsidplayfp'],
      { stdio: 'inherit' },
    );
  }
  return bin;
}

function listTunes(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTunes(p));
    else if (name.endsWith('.sid')) out.push(p);
  }
  return out;
}

/** Runs fn over items with at most `jobs` at once. */
async function pool(items, fn) {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
      done++;
      if (done % 25 === 0 || done === items.length)
        process.stderr.write(`  ${done}/${items.length}\r`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  process.stderr.write('\n');
}

function runToFile(cmd, args, outFile) {
  return new Promise((resolve) => {
    mkdirSync(dirname(outFile), { recursive: true });
    const chunks = [];
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(`${outFile}.tmp`, Buffer.concat(chunks));
      renameSync(`${outFile}.tmp`, outFile);
      resolve({ code, stderr });
    });
  });
}

function headerFacts(file) {
  const b = readFileSync(file);
  const version = b.readUInt16BE(4);
  const flags = version >= 2 && b.length >= 0x78 ? b.readUInt16BE(0x76) : 0;
  const clock = (flags >> 2) & 3;
  const model = (flags >> 4) & 3;
  return {
    clock: clock === 2 ? 'NTSC' : 'PAL',
    model: model === 2 ? '8580' : '6581',
    basic: b.toString('latin1', 0, 4) === 'RSID' && (flags & 2) !== 0,
  };
}

let tunes = listTunes(hvsc);
if (values.stride) tunes = tunes.filter((_, i) => i % Number(values.stride) === 0);
if (values.limit) tunes = tunes.slice(0, Number(values.limit));
const rel = (t) => `/${relative(hvsc, t)}`;
const goldenDir = join(work, 'golden');
const manifestPath = join(
  work,
  values.stride || values.limit ? 'golden-manifest.subset.jsonl' : 'golden-manifest.jsonl',
);

console.log(
  `fidelity: ${tunes.length} tunes, ${seconds} s each, ${jobs} jobs${referenceRate ? `, engine audio at the reference rate (+${REFERENCE_RATE_PPM} ppm)` : ''}`,
);
const sidtrace = sidtraceBinary();
const rows = [];
console.log('golden write logs (libsidplayfp via sidtrace)...');
await pool(tunes, async (t) => {
  const r = rel(t);
  const writes = join(goldenDir, `${r.slice(0, -4)}.writes`);
  const trace = join(goldenDir, `${r.slice(0, -4)}.trace`);
  const status = `${writes}.status`;
  if (!existsSync(status)) {
    mkdirSync(dirname(writes), { recursive: true });
    const res = await runToFile(
      sidtrace,
      ['--timing', 'exact', '--writes', writes, t, '0', String(seconds), '441'],
      trace,
    );
    writeFileSync(status, String(res.code));
  }
  const code = Number(readFileSync(status, 'utf8'));
  // A tune libsidplayfp does not play without ROMs (BASIC tunes) leaves only the driver's
  // single volume write in the golden log: it is not counted.
  const goldenWrites = existsSync(writes)
    ? readFileSync(writes, 'utf8').split('\n', 3).length - 1
    : 0;
  const usable = code === 0 && goldenWrites >= 2;
  // score_writes.py joins these paths onto HVSC_ROOT and GOLDEN_DIR, so they must be relative.
  rows.push({ path: r.slice(1), subtune: 0, clock: headerFacts(t).clock, usable });
});
rows.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync(manifestPath, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const usable = rows.filter((r) => r.usable);
console.log(`${usable.length} of ${rows.length} tunes are playable by libsidplayfp without ROMs`);

const env = {
  ...process.env,
  HVSC_ROOT: hvsc,
  GOLDEN_DIR: goldenDir,
  GOLDEN_MANIFEST: manifestPath,
  JOBS: String(jobs),
  SECONDS: String(seconds),
};
let writeSummary = '';
if (!values['no-writes']) {
  console.log('engine write logs (sidflow trace --writes) and scores...');
  const template = `node ${cli} trace {sid} --song {song} --seconds {seconds} --writes`;
  const ours = join(work, 'engine-writes');
  const r = spawnSync('python3', [join(tools, 'score_writes.py'), '--run', template, ours], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  writeFileSync(join(work, 'write-scores.jsonl'), r.stdout);
  writeSummary = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0) console.error(r.stderr);
  console.log(writeSummary);
}

if (!values['no-audio']) {
  console.log('audio: sidflow render vs sidplayfp -w, score_audio.py...');
  const scores = [];
  await pool(usable, async (row) => {
    const t = join(hvsc, row.path);
    const base = join(work, 'audio', row.path.slice(0, -4));
    mkdirSync(dirname(base), { recursive: true });
    // sidplayfp's default power-on delay is random (seeded from the clock), which shifts
    // each reference render by up to ~8,000 cycles: two renders of the same tune then score
    // only 0.79-0.91 against each other on noise-heavy tunes, because 2048-sample frames cut
    // the noise at different places. --delay=0 is what the write-log reference (sidtrace)
    // uses and what the engine reproduces, so the audio references use it too.
    const ref = `${base}.ref-delay0.wav`;
    const ours = `${base}.ours.wav`;
    if (!existsSync(ref))
      await runToFile(
        'sidplayfp',
        ['-q', '--delay=0', `-w${ref}`, `-t${seconds}`, t],
        `${base}.ref.log`,
      );
    const rateArgs = referenceRate
      ? ['--rate', String(Math.round(44_100 * (1 + REFERENCE_RATE_PPM * 1e-6)))]
      : [];
    await runToFile(
      'node',
      [cli, 'render', t, '--seconds', String(seconds), ...rateArgs, '--out', ours],
      `${base}.ours.log`,
    );
    if (referenceRate && existsSync(ours)) relabelWavRate(ours, 44_100);
    const out = spawnSync('python3', [join(tools, 'score_audio.py'), ref, ours, String(seconds)], {
      encoding: 'utf8',
    });
    let corr = Number.NaN;
    try {
      corr = JSON.parse(out.stdout.trim().split('\n').pop()).corr;
    } catch {}
    scores.push({ path: row.path, model: headerFacts(t).model, corr });
  });
  scores.sort((a, b) => a.path.localeCompare(b.path));
  writeFileSync(
    join(work, referenceRate ? 'audio-scores.reference-rate.jsonl' : 'audio-scores.jsonl'),
    scores.map((s) => JSON.stringify(s)).join('\n') + '\n',
  );
  for (const model of ['6581', '8580']) {
    const c = scores
      .filter((s) => s.model === model)
      .map((s) => (Number.isFinite(s.corr) ? s.corr : 0))
      .sort((a, b) => a - b);
    if (!c.length) continue;
    const q = (p) => c[Math.min(c.length - 1, Math.floor(p * c.length))];
    console.log(
      `audio ${model}: ${c.length} tunes, median ${q(0.5).toFixed(3)}, p10 ${q(0.1).toFixed(3)}, min ${c[0].toFixed(3)}, ` +
        `${c.filter((x) => x < 0.85).length} below 0.85`,
    );
  }
}
if (writeSummary) console.log(writeSummary);

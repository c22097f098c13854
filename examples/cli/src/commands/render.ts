import { readFile, stat } from 'node:fs/promises';
import { loadConfig, type RenderEncoding } from '@sidflow/core';
import { createPlayer } from '@sidflow/engine';
import {
  type BatchProgress,
  type BatchRenderSettings,
  type EncoderChoice,
  type RenderChipChoice,
  type RenderEngineChoice,
  render,
  renderBatch,
} from '@sidflow/render';
import { intOption, numberOption, parseCommand, stringOption } from '../options.js';
import { UsageError } from '../usage-error.js';
import { writeWav } from '../wav-file.js';

/** Usage lines of `sidflow render`. */
export const RENDER_USAGE = [
  'sidflow render FILE.sid|DIR [--song N | --all-songs] [--seconds S] [--formats wav,flac,m4a] --out DIR',
  '               [--engine auto|engine|sidplayfp|ultimate64] [--encoder auto|wasm|native]',
  '               [--chip auto|6581|8580r5|song-else-6581|song-else-8580r5] [--jobs N] [--force] [--stems]',
  '               [--device HOST[:PORT]] [--normalize LUFS] [--cache] [--songlengths FILE] [--rate R]',
  'sidflow render FILE.sid [--song N] [--seconds S] [--chip 6581|8580] [--rate R] --out OUT.wav',
];

const ENGINES = ['auto', 'engine', 'sidplayfp', 'ultimate64'];
const ENCODERS = ['auto', 'wasm', 'native'];
const CHIPS = [
  'auto',
  '6581',
  '8580',
  '8580r5',
  'song-else-6581',
  'song-else-8580r5',
  'always-6581',
  'always-8580r5',
];

function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly string[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function formatsOption(
  value: string | undefined,
  fallback: readonly RenderEncoding[],
): RenderEncoding[] {
  if (value === undefined) return [...fallback];
  const list = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of list) {
    if (f !== 'wav' && f !== 'flac' && f !== 'm4a') {
      throw new UsageError(`--formats takes wav, flac and/or m4a separated by commas, got "${f}"`);
    }
  }
  return [...new Set(list)] as RenderEncoding[];
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function progressLine(p: BatchProgress): string {
  const eta = p.etaMs === null ? '' : `, ETA ${duration(p.etaMs)}`;
  return `[${p.done}/${p.total}] ${p.rendered} rendered, ${p.upToDate} up to date, ${p.failed} failed, ${duration(p.elapsedMs)} elapsed${eta}`;
}

/** The original single-file form: the engine, mono, straight to one WAV file. */
async function renderLegacyWav(
  file: string,
  out: string,
  song: number,
  seconds: number,
  sampleRate: number,
  chip: string,
) {
  if (chip !== 'auto' && chip !== '6581' && chip !== '8580') {
    throw new UsageError(`--chip must be 6581 or 8580, got "${chip}"`);
  }
  const bytes = new Uint8Array(await readFile(file));
  const player = createPlayer(bytes, { song: song || undefined, sampleRate, channels: 1, chip });
  const pcm = new Int16Array(Math.round(seconds * sampleRate));
  const started = performance.now();
  player.render(pcm);
  const took = (performance.now() - started) / 1000;
  await writeWav(out, pcm, sampleRate, 1);
  process.stdout.write(
    `${out}: ${seconds} s at ${sampleRate} Hz, song ${player.song}, ${player.chipModel}, ` +
      `rendered in ${took.toFixed(2)} s (${(seconds / took).toFixed(1)}x real time)\n`,
  );
}

/** `sidflow render`: see {@link RENDER_USAGE}. */
export async function runRender(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    song: { type: 'string' },
    'all-songs': { type: 'boolean' },
    seconds: { type: 'string' },
    formats: { type: 'string' },
    out: { type: 'string', short: 'o' },
    engine: { type: 'string' },
    encoder: { type: 'string' },
    chip: { type: 'string' },
    jobs: { type: 'string' },
    force: { type: 'boolean' },
    stems: { type: 'boolean' },
    device: { type: 'string' },
    normalize: { type: 'string' },
    cache: { type: 'boolean' },
    songlengths: { type: 'string' },
    rate: { type: 'string' },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length
        ? `expected one FILE or DIR, got ${positionals.length}`
        : 'missing FILE or DIR',
    );
  }
  const input = positionals[0];
  const out = stringOption(values.out, 'out');
  const song = intOption(values.song, 'song', 0, 256, 0);
  const sampleRateOption =
    values.rate === undefined ? undefined : intOption(values.rate, 'rate', 8000, 192000);
  const secondsOption =
    values.seconds === undefined
      ? undefined
      : numberOption(values.seconds, 'seconds', 0.001, 10800);
  const chip = stringOption(values.chip, 'chip') ?? 'auto';
  if (!out) throw new UsageError('--out is required');

  // The original form (one tune straight to one mono WAV file) stays as it was.
  if (values.formats === undefined && /\.wav$/i.test(out)) {
    await renderLegacyWav(input, out, song, secondsOption ?? 30, sampleRateOption ?? 44100, chip);
    return;
  }

  const config = await loadConfig();
  const formats = formatsOption(stringOption(values.formats, 'formats'), config.render.formats);
  const engine = oneOf<RenderEngineChoice>(
    stringOption(values.engine, 'engine'),
    'engine',
    ENGINES,
    'auto',
  );
  const encoder = oneOf<EncoderChoice>(
    stringOption(values.encoder, 'encoder'),
    'encoder',
    ENCODERS,
    'auto',
  );
  const chipChoice = oneOf<RenderChipChoice>(chip, 'chip', CHIPS, 'auto');
  const jobs = values.jobs === undefined ? undefined : intOption(values.jobs, 'jobs', 1, 256);
  const normalizeLufs =
    values.normalize === undefined ? null : numberOption(values.normalize, 'normalize', -70, 0);
  const device = stringOption(values.device, 'device');
  const u64 = config.ultimate64;
  const host =
    device ?? (u64.host ? `${u64.https ? 'https' : 'http'}://${u64.host}:${u64.port}` : null);
  if (values['all-songs'] && values.song !== undefined)
    throw new UsageError('--song and --all-songs exclude each other');
  if (engine === 'ultimate64' && !host) {
    throw new UsageError(
      '--engine ultimate64 needs a device: pass --device HOST[:PORT] or set ultimate64.host in .sidflow.json',
    );
  }
  const settings: BatchRenderSettings = {
    formats,
    seconds: secondsOption,
    songlengthsPath: stringOption(values.songlengths, 'songlengths'),
    engine,
    chip: chipChoice,
    encoder,
    sampleRate: sampleRateOption ?? config.render.sampleRate,
    flacLevel: config.render.flacLevel,
    m4aBitrate: config.render.m4aBitrate,
    normalizeLufs,
    stems: values.stems === true,
    force: values.force === true,
    sidplayfpPath: config.sidplayfp.path,
    ultimate64: host ? { host, password: device ? undefined : (u64.password ?? undefined) } : null,
    diskLimits: config.cache,
    cacheMode: values.cache ? 'cache' : 'explicit',
  };

  const isDir = (await stat(input).catch(() => null))?.isDirectory() ?? false;
  // One tune, one song: render directly; folders and --all-songs go through the worker pool.
  if (!isDir && !values['all-songs']) {
    const { loadSonglengths } = await import('@sidflow/core');
    const { songlengthsPath, ...rest } = settings;
    const result = await render(input, song, {
      ...rest,
      outDir: out,
      songlengths: songlengthsPath ? await loadSonglengths(songlengthsPath) : undefined,
    });
    const r = result.render;
    if (result.status === 'cache-full' || !r) {
      process.stdout.write(
        `nothing rendered: ${result.skippedFormats.map((s) => `${s.format}: ${s.reason}`).join('; ')}\n`,
      );
      return;
    }
    const verb = result.status === 'up-to-date' ? 'up to date' : 'rendered';
    const loud = r.loudness;
    process.stdout.write(
      `${input}: song ${r.song} ${verb} with ${r.engine} (${r.chip}), ${r.seconds} s, ` +
        `${loud.integratedLufs ?? '-inf'} LUFS, true peak ${loud.truePeakDbtp ?? '-inf'} dBTP\n`,
    );
    for (const f of [...r.files, ...r.stems.flatMap((s) => s.files)]) {
      process.stdout.write(`  ${f.file} (${f.bytes} bytes)\n`);
    }
    for (const s of result.skippedFormats)
      process.stdout.write(`  skipped ${s.format}: ${s.reason}\n`);
    for (const f of result.fallbacks)
      process.stdout.write(`  fell back from ${f.engine}: ${f.error}\n`);
    process.stdout.write(`  manifest ${result.manifestPath}\n`);
    return;
  }

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const tty = process.stderr.isTTY;
  try {
    const summary = await renderBatch({
      ...settings,
      input,
      outDir: out,
      jobs,
      songs: values['all-songs'] ? 'all' : song || 'start',
      signal: controller.signal,
      onProgress: (p) =>
        process.stderr.write(tty ? `\r${progressLine(p)}\x1b[K` : `${progressLine(p)}\n`),
    });
    if (tty) process.stderr.write('\n');
    const minutes = summary.elapsedMs / 60000;
    process.stdout.write(
      `${summary.tunes} tunes: ${summary.rendered} songs rendered, ${summary.upToDate} up to date, ` +
        `${summary.cacheFull} left out by the cache limits, ${summary.failed.length} failed` +
        `${summary.aborted ? ' (aborted)' : ''}; ${duration(summary.elapsedMs)}, ` +
        `${(summary.tunes / Math.max(minutes, 1e-9)).toFixed(1)} tunes/min\n`,
    );
    for (const f of summary.failed) {
      process.stdout.write(
        `  failed ${f.file}${f.song ? ` song ${f.song}` : ''}: ${f.message} [${f.code}]\n`,
      );
    }
    if (summary.failed.length > 0 || summary.aborted) process.exitCode = 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

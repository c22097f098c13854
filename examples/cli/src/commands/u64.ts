import { readFile } from 'node:fs/promises';
import {
  captureSidOnDevice,
  type SimulatorOptions,
  startSimulator,
  Ultimate64Client,
} from '@sidflow/ultimate64';
import { intOption, numberOption, parseCommand, stringOption } from '../options.js';
import { UsageError } from '../usage-error.js';

/** Usage lines of `sidflow u64` (every device command also takes `--timeout MS`). */
export const U64_USAGE = [
  'sidflow u64 simulate --http 127.0.0.1:PORT [--password PW] [--loss R] [--burst-loss R] [--reorder R] [--duplicate R] [--jitter MS] [--speed X] [--loop-seconds S] [--seed N] [--ntsc]',
  'sidflow u64 capture --host HOST:PORT [--password PW] --sid FILE.sid [--song N] --seconds S --listen IP:UDPPORT --out FILE.wav [--max-loss R] [--rate R] [--ntsc]',
  'sidflow u64 info --host HOST:PORT [--password PW]',
  'sidflow u64 play --host HOST:PORT [--password PW] FILE.sid [--song N]',
  'sidflow u64 reset --host HOST:PORT [--password PW]',
  'sidflow u64 config get --host HOST:PORT [--password PW] [CATEGORY [ITEM]]',
  'sidflow u64 config set --host HOST:PORT [--password PW] CATEGORY ITEM VALUE',
];

const DEVICE = {
  host: { type: 'string' },
  password: { type: 'string' },
  timeout: { type: 'string' },
} as const;

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function client(values: Record<string, string | boolean | undefined>): Ultimate64Client {
  const host = stringOption(values.host, 'host');
  if (!host) throw new UsageError('--host is required (HOST:PORT of the Ultimate 64)');
  return new Ultimate64Client({
    host,
    password: stringOption(values.password, 'password'),
    timeoutMs: intOption(values.timeout, 'timeout', 100, 120_000, 5000),
  });
}

function hostPort(text: string, name: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(text);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65535) throw new UsageError(`--${name} must be HOST:PORT, got "${text}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function simulate(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    http: { type: 'string' },
    password: { type: 'string' },
    loss: { type: 'string' },
    'burst-loss': { type: 'string' },
    reorder: { type: 'string' },
    duplicate: { type: 'string' },
    jitter: { type: 'string' },
    speed: { type: 'string' },
    'loop-seconds': { type: 'string' },
    seed: { type: 'string' },
    ntsc: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const http = hostPort(stringOption(values.http, 'http') ?? '127.0.0.1:0', 'http');
  const rate = (name: string) => numberOption(values[name], name, 0, 1, 0);
  const options: SimulatorOptions = {
    http,
    password: stringOption(values.password, 'password'),
    loss: rate('loss'),
    burstLoss: rate('burst-loss'),
    reorder: rate('reorder'),
    duplicate: rate('duplicate'),
    jitterMs: numberOption(values.jitter, 'jitter', 0, 10_000, 0),
    speed: numberOption(values.speed, 'speed', 0.01, 1000, 1),
    video: values.ntsc ? 'NTSC' : 'PAL',
  };
  if (values['loop-seconds'] !== undefined) {
    options.loopSeconds = numberOption(values['loop-seconds'], 'loop-seconds', 0.01, 600);
  }
  if (values.seed !== undefined) options.seed = intOption(values.seed, 'seed', 0, 2 ** 32 - 1);
  const sim = await startSimulator(options);
  // One JSON line first, so scripts and tests can read the address.
  printJson({ simulator: sim.url, host: sim.host, audioRate: sim.audioRate });
  await untilStopped();
  await sim.close();
}

async function capture(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    ...DEVICE,
    sid: { type: 'string' },
    song: { type: 'string' },
    seconds: { type: 'string' },
    listen: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'max-loss': { type: 'string' },
    rate: { type: 'string' },
    ntsc: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const host = stringOption(values.host, 'host');
  if (!host) throw new UsageError('--host is required (HOST:PORT of the Ultimate 64)');
  const sidPath = stringOption(values.sid, 'sid');
  if (!sidPath) throw new UsageError('--sid is required');
  const out = stringOption(values.out, 'out');
  if (!out) throw new UsageError('--out is required');
  const seconds = numberOption(values.seconds, 'seconds', 0.01, 3600);
  const listenText = stringOption(values.listen, 'listen') ?? '0.0.0.0:11001';
  const listen = hostPort(listenText, 'listen');
  const song = intOption(values.song, 'song', 0, 256, 0);
  const maxLoss = numberOption(values['max-loss'], 'max-loss', 0, 1, 1);
  const sampleRate = intOption(values.rate, 'rate', 8000, 192_000, 44_100);
  const sid = new Uint8Array(await readFile(sidPath));
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const { stats } = await captureSidOnDevice({
      host,
      password: stringOption(values.password, 'password'),
      timeoutMs: intOption(values.timeout, 'timeout', 100, 120_000, 5000),
      sid,
      ...(song ? { song } : {}),
      seconds,
      listen,
      maxLoss,
      sampleRate,
      video: values.ntsc ? 'NTSC' : 'PAL',
      wavPath: out,
      signal: controller.signal,
      onWarning: (message) => process.stderr.write(`sidflow u64 capture: ${message}\n`),
    });
    printJson({ out, ...stats });
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function info(args: string[]): Promise<void> {
  const { values } = parseCommand(args, DEVICE);
  const c = client(values);
  const { version } = await c.version();
  // /v1/info exists from firmware 3.12; older devices still answer version.
  const details = await c.info().catch(() => ({}));
  printJson({ host: c.address.baseUrl, api: version, ...details });
}

async function play(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { ...DEVICE, song: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('expected one FILE.sid');
  const song = intOption(values.song, 'song', 0, 256, 0);
  const sid = new Uint8Array(await readFile(positionals[0]));
  await client(values).sidplay(sid, song ? { songnr: song } : {});
  process.stdout.write(`playing ${positionals[0]}${song ? ` song ${song}` : ''}\n`);
}

async function reset(args: string[]): Promise<void> {
  const { values } = parseCommand(args, DEVICE);
  await client(values).reset();
  process.stdout.write('reset\n');
}

async function config(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseCommand(rest, DEVICE);
  const c = client(values);
  if (action === 'get') {
    if (positionals.length > 2) throw new UsageError('expected at most CATEGORY ITEM');
    const [category, item] = positionals;
    if (!category) printJson({ categories: await c.configCategories() });
    else if (!item) printJson(await c.configCategory(category));
    else printJson(await c.configItem(category, item));
    return;
  }
  if (action === 'set') {
    if (positionals.length !== 3) throw new UsageError('expected CATEGORY ITEM VALUE');
    const [category, item, value] = positionals;
    await c.setConfig(category, item, value);
    printJson(await c.configItem(category, item));
    return;
  }
  throw new UsageError(`config needs "get" or "set", got "${action ?? ''}"`);
}

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  simulate,
  capture,
  info,
  play,
  reset,
  config,
};

/** `sidflow u64 simulate|capture|info|play|reset|config get|config set ...` */
export async function runU64(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) {
    throw new UsageError(
      sub
        ? `unknown u64 command "${sub}"`
        : 'missing u64 command (simulate, capture, info, play, reset, config)',
    );
  }
  await run(rest);
}

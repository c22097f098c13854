import { readFile } from 'node:fs/promises';
import { traceSnapshots, traceWrites } from '@sidflow/engine';
import { fileArgument, intOption, numberOption, parseCommand } from '../options.js';
import { UsageError } from '../usage-error.js';

/**
 * `sidflow trace FILE.sid --song N --seconds S (--every K | --writes)`: the
 * register timeline in the formats of libsidplayfp's sidtrace, so the two can
 * be scored against each other.
 */
export async function runTrace(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    song: { type: 'string' },
    seconds: { type: 'string' },
    every: { type: 'string' },
    writes: { type: 'boolean' },
  });
  const file = fileArgument(positionals);
  const song = intOption(values.song, 'song', 0, 256, 0);
  const seconds = numberOption(values.seconds, 'seconds', 0.001, 3600);
  if (values.writes && values.every !== undefined)
    throw new UsageError('use either --every or --writes');
  const bytes = new Uint8Array(await readFile(file));
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  const emit = (line: string) => {
    out.push(line);
    if (out.length >= 4096) flush();
  };
  if (values.writes) {
    traceWrites(bytes, { song, seconds, onLine: emit });
  } else {
    const every = intOption(values.every, 'every', 1, 44100 * 3600);
    traceSnapshots(bytes, { song, seconds, every, onLine: emit });
  }
  flush();
}

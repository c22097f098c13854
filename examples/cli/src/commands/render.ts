import { readFile } from 'node:fs/promises';
import { createPlayer } from '@sidflow/engine';
import { fileArgument, intOption, numberOption, parseCommand, stringOption } from '../options.js';
import { UsageError } from '../usage-error.js';
import { writeWav } from '../wav-file.js';

/** `sidflow render FILE.sid [--song N] [--seconds S] [--chip 6581|8580] [--rate R] --out OUT.wav` */
export async function runRender(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    song: { type: 'string' },
    seconds: { type: 'string' },
    chip: { type: 'string' },
    rate: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  const file = fileArgument(positionals);
  const song = intOption(values.song, 'song', 0, 256, 0);
  const seconds = numberOption(values.seconds, 'seconds', 0.001, 3600, 30);
  const sampleRate = intOption(values.rate, 'rate', 8000, 192000, 44100);
  const chip = stringOption(values.chip, 'chip') ?? 'auto';
  const out = stringOption(values.out, 'out');
  if (chip !== 'auto' && chip !== '6581' && chip !== '8580') {
    throw new UsageError(`--chip must be 6581 or 8580, got "${chip}"`);
  }
  if (!out) throw new UsageError('--out is required');

  const bytes = new Uint8Array(await readFile(file));
  const player = createPlayer(bytes, { song: song || undefined, sampleRate, channels: 1, chip });
  const frames = Math.round(seconds * sampleRate);
  const pcm = new Int16Array(frames);
  const started = performance.now();
  player.render(pcm);
  const took = (performance.now() - started) / 1000;
  await writeWav(out, pcm, sampleRate, 1);
  process.stdout.write(
    `${out}: ${seconds} s at ${sampleRate} Hz, song ${player.song}, ${player.chipModel}, ` +
      `rendered in ${took.toFixed(2)} s (${(seconds / took).toFixed(1)}x real time)\n`,
  );
}

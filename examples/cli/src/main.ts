import { SidflowError } from '@sidflow/core';
import type { Command } from './command.js';
import { runBench } from './commands/bench.js';
import { runPlay } from './commands/play.js';
import { RENDER_USAGE, runRender } from './commands/render.js';
import { runTrace } from './commands/trace.js';
import { runU64, U64_USAGE } from './commands/u64.js';
import { UsageError } from './usage-error.js';

// One entry per command; later commands append here.
const COMMAND_LIST: Command[] = [
  {
    name: 'render',
    usage: RENDER_USAGE,
    summary:
      'Render a tune or a folder to WAV / FLAC / M4A with a manifest per tune\n' +
      '(engine, sidplayfp or Ultimate 64; worker pool; resumable), or one tune to a mono WAV.',
    run: runRender,
  },
  {
    name: 'trace',
    usage: [
      'sidflow trace FILE.sid --song N --seconds S --every K',
      'sidflow trace FILE.sid --song N --seconds S --writes',
    ],
    summary:
      'Print SID register snapshots every K output samples (44,100 Hz), or every SID\n' +
      "register write with its CPU cycle: the formats of libsidplayfp's sidtrace.",
    run: runTrace,
  },
  {
    name: 'play',
    usage: [
      'sidflow play FILE.sid [--song N] [--adapter engine|sidplayfp|ultimate64] [--seconds S] [--out FILE.wav] [--host HOST]',
    ],
    summary:
      'Play a tune: through aplay, pw-play or ffplay (else raw PCM on stdout), or to a WAV\n' +
      'file; on the engine, the native sidplayfp, or an Ultimate 64 (falls back to the engine).',
    run: runPlay,
  },
  {
    name: 'bench',
    usage: ['sidflow bench [--seconds S] [--tunes N] [--no-reference]'],
    summary: 'Time the engine on fixed sample tunes next to the native sidplayfp.',
    run: runBench,
  },
  {
    name: 'u64',
    usage: U64_USAGE,
    summary:
      'Ultimate 64: run a device simulator, capture a tune played on the device to WAV,\n' +
      'query the device, play, reset, read and set its configuration.',
    run: runU64,
  },
];

const COMMANDS = new Map(COMMAND_LIST.map((c) => [c.name, c]));

function helpText(): string {
  const usage = COMMAND_LIST.flatMap((c) => c.usage.map((line) => `  ${line}`));
  const width = Math.max(...COMMAND_LIST.map((c) => c.name.length)) + 3;
  const list = COMMAND_LIST.map((c) =>
    c.summary
      .split('\n')
      .map((line, i) => `  ${(i === 0 ? c.name : '').padEnd(width)}${line}`)
      .join('\n'),
  );
  return [
    'sidflow: play, render, trace and benchmark Commodore 64 SID tunes with SIDFlow',
    '',
    'Usage:',
    ...usage,
    '  sidflow --help | sidflow COMMAND --help',
    '',
    'Commands:',
    ...list,
    '',
    "Song numbers are 1-based; --song 0 (the default) means the tune's start song.",
    '',
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the process exit code: 0 success, 1 failure, 2 usage error.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    process.stderr.write(`sidflow: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage:\n${command.usage.map((l) => `  ${l}`).join('\n')}\n`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `sidflow ${name}: ${error.message}\nUsage:\n${command.usage.map((l) => `  ${l}`).join('\n')}\n`,
      );
      return 2;
    }
    if (error instanceof SidflowError) {
      process.stderr.write(`sidflow ${name}: ${error.message} [${error.code}]\n`);
      return 1;
    }
    throw error;
  }
}

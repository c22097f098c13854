import { SidflowError } from '@sidflow/core';
import { runBench } from './commands/bench.js';
import { runRender } from './commands/render.js';
import { runTrace } from './commands/trace.js';
import { UsageError } from './usage-error.js';

const HELP = `sidflow: render, trace and benchmark Commodore 64 SID tunes with the SIDFlow engine

Usage:
  sidflow render FILE.sid [--song N] [--seconds S] [--chip 6581|8580] [--rate R] --out OUT.wav
  sidflow trace FILE.sid --song N --seconds S --every K
  sidflow trace FILE.sid --song N --seconds S --writes
  sidflow bench [--seconds S] [--tunes N] [--no-reference]
  sidflow --help | sidflow COMMAND --help

Commands:
  render   Render a tune to a 16-bit PCM WAV file (mono).
  trace    Print SID register snapshots every K output samples (44,100 Hz), or every SID
           register write with its CPU cycle: the formats of libsidplayfp's sidtrace.
  bench    Time the engine on fixed sample tunes next to the native sidplayfp.

Song numbers are 1-based; --song 0 (the default) means the tune's start song.
`;

const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  render: { help: HELP.split('\n')[3], run: runRender },
  trace: { help: `${HELP.split('\n')[4]}\n${HELP.split('\n')[5]}`, run: runTrace },
  bench: { help: HELP.split('\n')[6], run: runBench },
};

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the process exit code: 0 success, 1 failure, 2 usage error.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`sidflow: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage:\n${command.help}\n`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sidflow ${name}: ${error.message}\nUsage:\n${command.help}\n`);
      return 2;
    }
    if (error instanceof SidflowError) {
      process.stderr.write(`sidflow ${name}: ${error.message} [${error.code}]\n`);
      return 1;
    }
    throw error;
  }
}

import { join } from 'node:path';
import {
  formatEngineBenchmark,
  runEngineBenchmark,
} from '../../../../packages/engine/bench/engine-benchmark.js';
import { intOption, numberOption, parseCommand, stringOption } from '../options.js';

/** `sidflow bench [--seconds S] [--tunes N] [--hvsc DIR] [--no-reference]`: the engine benchmark. */
export async function runBench(args: string[]): Promise<void> {
  const { values } = parseCommand(args, {
    seconds: { type: 'string' },
    tunes: { type: 'string' },
    hvsc: { type: 'string' },
    'no-reference': { type: 'boolean' },
  });
  const hvscRoot =
    stringOption(values.hvsc, 'hvsc') ??
    join(process.cwd(), '..', 'shared', 'hvsc-sample', 'C64Music');
  const result = runEngineBenchmark({
    hvscRoot,
    seconds: numberOption(values.seconds, 'seconds', 1, 600, 60),
    tunes: intOption(values.tunes, 'tunes', 1, 20, 20),
    reference: values['no-reference'] ? false : undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatEngineBenchmark(result)}\n`);
}

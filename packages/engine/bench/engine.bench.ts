/** `npm run bench -w @sidflow/engine`: the engine benchmark (see engine-benchmark.ts). */
import { join } from 'node:path';
import { formatEngineBenchmark, runEngineBenchmark } from './engine-benchmark.js';

const hvscRoot = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const result = runEngineBenchmark({ hvscRoot, log: (l) => console.log(l) });
console.log(`\n${formatEngineBenchmark(result)}`);

/**
 * `npm run fuzz -w @sidflow/core [-- COUNT]`: fuzzes every core parser with
 * COUNT (default 100,000) mutated and truncated inputs each.
 */
import { fuzz } from './fuzz-harness.js';
import { allFuzzTargets } from './fuzz-targets/all.js';

const count = Number(process.argv[2] ?? 100_000);
let bad = 0;
for (const target of await allFuzzTargets()) {
  const t0 = performance.now();
  const r = fuzz(target, count, 0x5eed);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${r.name.padEnd(24)} ${r.inputs} inputs in ${s}s: ${r.accepted} accepted, ${r.rejected} rejected with typed errors, ` +
      `${r.failureCount} unexpected, slowest ${r.slowestMs.toFixed(1)} ms`,
  );
  for (const f of r.failures) console.log('  unexpected:', f.error);
  bad += r.failureCount;
}
process.exit(bad ? 1 : 0);

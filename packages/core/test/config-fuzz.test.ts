import { describe, expect, it } from 'vitest';
import { fuzz } from '../bench/fuzz-harness.js';
import { targets } from '../bench/fuzz-targets/config.js';

describe('fuzzing the config, preferences and canonical data parsers', () => {
  it.each(targets.map((target) => [target.name, target] as const))(
    '%s: 2,000 mutated inputs, only typed errors',
    (_name, target) => {
      const report = fuzz(target, 2000, 0x51df);
      expect(report.failures.map((f) => String(f.error))).toEqual([]);
      expect(report.failureCount).toBe(0);
      // Both outcomes must occur, or the mutations are not reaching the parser's decisions.
      expect(report.accepted).toBeGreaterThan(0);
      expect(report.rejected).toBeGreaterThan(0);
    },
  );
});

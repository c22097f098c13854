import { describe, expect, it } from 'vitest';
import { fuzz } from '../bench/fuzz-harness.js';
import { targets } from '../bench/fuzz-targets/sid-file.js';

describe('SID file parser under fuzzing', () => {
  it.each(targets.map((target) => [target.name, target] as const))(
    '%s returns or throws SidFileError for 3,000 mutated tunes',
    (_, target) => {
      const report = fuzz(target, 3000, 0x51d);
      expect(report.failures.map((failure) => String(failure.error))).toEqual([]);
      expect(report.failureCount).toBe(0);
      expect(report.accepted + report.rejected).toBe(3000);
      // Both outcomes occur, so the mutations reach the header checks.
      expect(report.accepted).toBeGreaterThan(0);
      expect(report.rejected).toBeGreaterThan(0);
    },
  );
});

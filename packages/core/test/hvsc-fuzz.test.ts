import { describe, expect, it } from 'vitest';
import { fuzz } from '../bench/fuzz-harness.js';
import { targets } from '../bench/fuzz-targets/hvsc.js';

describe('HVSC parsers under fuzzing', () => {
  it('has a target for each parser, each with seeds that parse', () => {
    expect(targets.map((t) => t.name)).toEqual(['hvsc songlengths', 'hvsc stil', 'hvsc buglist']);
    for (const target of targets) {
      expect(target.seeds.length).toBeGreaterThan(0);
      for (const seed of target.seeds) expect(() => target.run(seed)).not.toThrow();
    }
  });

  it.each(targets.map((t) => [t.name, t] as const))(
    '%s: 3,000 mutated inputs, every one accepted or rejected with HvscParseError',
    (_name, target) => {
      const report = fuzz(target, 3_000, 0x5eed);
      expect(report.failures).toEqual([]);
      expect(report.failureCount).toBe(0);
      expect(report.accepted + report.rejected).toBe(3_000);
      // Mutations must exercise both outcomes, or the fuzzer is not reaching the parser's rules.
      expect(report.accepted).toBeGreaterThan(0);
      expect(report.rejected).toBeGreaterThan(0);
    },
  );
});

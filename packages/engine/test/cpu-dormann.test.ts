import { describe, expect, it } from 'vitest';
import { DORMANN_SUCCESS_PC, dormannListingContext, runDormann } from './support/cpu-dormann.js';

describe('Cpu6510 on Klaus Dormann 6502_functional_test (decimal mode included)', () => {
  it('reaches the success trap at $3469', () => {
    const run = runDormann(200_000_000);
    const where =
      run.pc === DORMANN_SUCCESS_PC
        ? ''
        : `stuck at $${run.pc.toString(16)} in test case ${run.testCase}:\n${dormannListingContext(run.pc)}`;
    expect(where).toBe('');
    expect(run.trapped).toBe(true);
    // The figure cycle-exact 6502 emulators quote for this image: any timing slip changes it.
    expect(run.cycles).toBe(96_241_367);
    expect(run.instructions).toBe(30_646_177);
  });
});

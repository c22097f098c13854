// Runs the adapter contract as vitest cases (Node adapters).
import { it } from 'vitest';
import { adapterContract, type ContractHarness } from './adapter-contract.js';

/** Registers one vitest case per contract case. */
export function runAdapterContract(harness: () => ContractHarness): void {
  for (const c of adapterContract) {
    it(c.name, () => c.run(harness()), 20_000);
  }
}

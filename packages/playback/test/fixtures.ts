import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** A demo tune by file name (e.g. `ode-to-joy.sid`, two songs). */
export function demoTune(name = 'ode-to-joy.sid'): Uint8Array {
  return new Uint8Array(readFileSync(join(repoRoot, 'tunes', 'sid', name)));
}

/** Bytes that look like nothing a SID player accepts. */
export const corruptTune = new TextEncoder().encode('PSIX this is not a tune at all, just text');

import type { SidFile } from './types.js';

/** True for an RSID tune that is a C64 BASIC program: a player loads it and types RUN. */
export function isBasicTune(sid: Pick<SidFile, 'format' | 'basic'>): boolean {
  return sid.format === 'RSID' && sid.basic;
}

import type { SidFile } from './types.js';

/** Address of the last byte the C64 data occupies (inclusive). */
export function loadEndAddress(sid: Pick<SidFile, 'loadAddress' | 'data'>): number {
  return sid.loadAddress + sid.data.length - 1;
}

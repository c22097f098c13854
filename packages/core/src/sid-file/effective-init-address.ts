import type { SidFile } from './types.js';

/**
 * Address a player calls to start a song: the header's init address, or the load address when
 * that is 0. C64 BASIC tunes have no init routine (they are RUN), so they give 0.
 */
export function effectiveInitAddress(
  sid: Pick<SidFile, 'initAddress' | 'loadAddress' | 'basic' | 'format'>,
): number {
  if (sid.format === 'RSID' && sid.basic) return 0;
  return sid.initAddress === 0 ? sid.loadAddress : sid.initAddress;
}

import { FIRST_SID_ADDRESS } from './sid-header-layout.js';
import type { SidFile } from './types.js';

/** Base address of every SID chip the tune uses: $D400 first, then the extra chips. */
export function sidAddresses(sid: Pick<SidFile, 'secondSidAddress' | 'thirdSidAddress'>): number[] {
  const addresses = [FIRST_SID_ADDRESS];
  if (sid.secondSidAddress !== null) {
    addresses.push(sid.secondSidAddress);
    if (sid.thirdSidAddress !== null) addresses.push(sid.thirdSidAddress);
  }
  return addresses;
}

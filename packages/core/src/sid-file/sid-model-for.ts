import { sidAddresses } from './sid-addresses.js';
import { SidFileError } from './sid-file-error.js';
import type { SidFile, SidModel } from './types.js';

/**
 * Model of SID chip `chipIndex` (0 = the chip at $D400, 1 = second, 2 = third). An extra
 * chip whose model is `unknown` is the same model as the first, as the format prescribes.
 * @throws SidFileError `SID_NO_SUCH_CHIP` when the tune has no chip at that index
 */
export function sidModelFor(
  sid: Pick<
    SidFile,
    'sidModel' | 'secondSidModel' | 'thirdSidModel' | 'secondSidAddress' | 'thirdSidAddress'
  >,
  chipIndex: number,
): SidModel {
  const chips = sidAddresses(sid).length;
  if (!Number.isInteger(chipIndex) || chipIndex < 0 || chipIndex >= chips) {
    throw new SidFileError(
      'SID_NO_SUCH_CHIP',
      'chipIndex',
      `the tune uses ${chips} SID chip(s), indexes 0..${chips - 1}; got ${chipIndex}`,
    );
  }
  if (chipIndex === 0) return sid.sidModel;
  const own = chipIndex === 1 ? sid.secondSidModel : sid.thirdSidModel;
  return own === 'unknown' ? sid.sidModel : own;
}

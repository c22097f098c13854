import { effectiveInitAddress } from './effective-init-address.js';
import { encodeExtraSidAddress } from './extra-sid-address.js';
import { hex } from './hex.js';
import { loadEndAddress } from './load-end-address.js';
import { SidFileError } from './sid-file-error.js';
import { C64_MEMORY_SIZE, MAX_SONGS, RSID_MIN_LOAD_ADDRESS } from './sid-header-layout.js';
import type { SidFile } from './types.js';

/** Pages (256-byte blocks) a relocated driver must never be put in. */
const FORBIDDEN_RELOC_PAGES: readonly [number, number, string][] = [
  [0x00, 0x03, 'zero page, stack and system area'],
  [0xa0, 0xbf, 'BASIC ROM'],
  [0xd0, 0xff, 'I/O and KERNAL ROM'],
];

/** RSID init must not point below $07E8 or into ROM / I/O: a real C64 maps ROM there. */
function initAreaProblem(address: number): string | null {
  if (address < RSID_MIN_LOAD_ADDRESS) return 'below $07E8 (system area and screen RAM)';
  if (address >= 0xa000 && address <= 0xbfff) return 'in the BASIC ROM area $A000-$BFFF';
  if (address >= 0xd000) return 'in the I/O and KERNAL ROM area $D000-$FFFF';
  return null;
}

/**
 * Checks a SID file model against the rules of the SID file format description, returning
 * every violation found (an empty array when it follows all of them), in header order.
 * `parseSidFile` reports the same violations as warnings, or throws the first when strict.
 */
export function validateSidFile(sid: SidFile): SidFileError[] {
  const problems: SidFileError[] = [];
  const fail = (...args: ConstructorParameters<typeof SidFileError>) =>
    problems.push(new SidFileError(...args));
  const rsid = sid.format === 'RSID';

  if (sid.data.length === 0) fail('SID_NO_DATA', 'data', 'the file holds no C64 data');
  else if (sid.loadAddress + sid.data.length > C64_MEMORY_SIZE) {
    fail(
      'SID_DATA_BEYOND_64K',
      'data',
      `${sid.data.length} bytes loaded at ${hex(sid.loadAddress)} end past $FFFF`,
    );
  }

  if (rsid) {
    if (!sid.loadAddressInData) {
      fail(
        'SID_RSID_HEADER_LOAD_ADDRESS',
        'loadAddress',
        `RSID must keep the load address in the data (header 0), got ${hex(sid.loadAddress)}`,
      );
    }
    if (sid.loadAddress < RSID_MIN_LOAD_ADDRESS) {
      fail(
        'SID_RSID_LOAD_TOO_LOW',
        'loadAddress',
        `RSID data must load at $07E8 or above, got ${hex(sid.loadAddress)}`,
      );
    }
    if (sid.basic) {
      if (sid.initAddress !== 0) {
        fail(
          'SID_BASIC_INIT_ADDRESS',
          'initAddress',
          `a C64 BASIC tune must have init address 0, got ${hex(sid.initAddress)}`,
        );
      }
    } else {
      const init = effectiveInitAddress(sid);
      const area = initAreaProblem(init);
      if (area) fail('SID_INIT_IN_ROM_OR_IO', 'initAddress', `RSID init ${hex(init)} is ${area}`);
      else if (sid.data.length > 0 && (init < sid.loadAddress || init > loadEndAddress(sid))) {
        fail(
          'SID_INIT_OUTSIDE_DATA',
          'initAddress',
          `RSID init ${hex(init)} is outside the data ${hex(sid.loadAddress)}-${hex(loadEndAddress(sid))}`,
        );
      }
    }
    if (sid.playAddress !== 0) {
      fail('SID_RSID_PLAY_ADDRESS', 'playAddress', `RSID must be 0, got ${hex(sid.playAddress)}`);
    }
  }

  if (!Number.isInteger(sid.songs) || sid.songs < 1 || sid.songs > MAX_SONGS) {
    fail('SID_BAD_SONGS', 'songs', `must be 1..${MAX_SONGS}, got ${sid.songs}`);
  } else if (!Number.isInteger(sid.startSong) || sid.startSong < 1 || sid.startSong > sid.songs) {
    fail('SID_BAD_START_SONG', 'startSong', `must be 1..${sid.songs}, got ${sid.startSong}`);
  }
  if (rsid && sid.speed !== 0) {
    fail('SID_RSID_SPEED', 'speed', `RSID must be 0, got ${hex(sid.speed >>> 0, 8)}`);
  }

  if (sid.version >= 2) checkRelocRange(sid, fail);

  if (sid.secondSidAddress !== null && encodeExtraSidAddress(sid.secondSidAddress) === null) {
    fail('SID_BAD_SID_ADDRESS', 'secondSidAddress', badExtraSid(sid.secondSidAddress));
  }
  if (sid.thirdSidAddress !== null) {
    if (encodeExtraSidAddress(sid.thirdSidAddress) === null) {
      fail('SID_BAD_SID_ADDRESS', 'thirdSidAddress', badExtraSid(sid.thirdSidAddress));
    } else if (sid.secondSidAddress === null) {
      fail(
        'SID_BAD_THIRD_SID',
        'thirdSidAddress',
        `a third SID at ${hex(sid.thirdSidAddress)} needs a second SID`,
      );
    } else if (sid.thirdSidAddress === sid.secondSidAddress) {
      fail(
        'SID_BAD_THIRD_SID',
        'thirdSidAddress',
        `the third SID cannot share the second SID's address ${hex(sid.thirdSidAddress)}`,
      );
    }
  }
  return problems;
}

/** Message for an extra-SID address that cannot be stored or would hit other chips. */
export function badExtraSid(address: number): string {
  return `must be an address $Dxx0 in $D420-$D7E0 or $DE00-$DFE0, got ${hex(address)}`;
}

/**
 * A page range left free for a relocated driver: start 0 (clean) or 0xFF (none) have no
 * length; otherwise the range must not wrap past page $FF, touch the tune's own data pages,
 * or cover pages where a driver cannot live.
 */
function checkRelocRange(
  sid: SidFile,
  fail: (...args: ConstructorParameters<typeof SidFileError>) => void,
): void {
  const start = sid.relocStartPage;
  const pages = sid.relocPages;
  if (start === 0 || start === 0xff) {
    if (pages !== 0) {
      fail(
        'SID_BAD_RELOC_RANGE',
        'relocPages',
        `must be 0 when relocStartPage is ${hex(start, 2)}, got ${pages}`,
      );
    }
    return;
  }
  if (pages === 0) {
    fail('SID_BAD_RELOC_RANGE', 'relocPages', `must be 1 or more from page ${hex(start, 2)}`);
    return;
  }
  const end = start + pages - 1;
  if (end > 0xff) {
    fail(
      'SID_BAD_RELOC_RANGE',
      'relocPages',
      `${pages} pages from ${hex(start, 2)} run past page $FF`,
    );
    return;
  }
  const range = `pages ${hex(start, 2)}-${hex(end, 2)}`;
  if (sid.data.length > 0) {
    const loadStart = sid.loadAddress >> 8;
    const loadEnd = Math.min(loadEndAddress(sid), 0xffff) >> 8;
    if (start <= loadEnd && end >= loadStart) {
      fail(
        'SID_BAD_RELOC_RANGE',
        'relocStartPage',
        `${range} overlap the data pages ${hex(loadStart, 2)}-${hex(loadEnd, 2)}`,
      );
      return;
    }
  }
  for (const [low, high, what] of FORBIDDEN_RELOC_PAGES) {
    if (start <= high && end >= low) {
      fail('SID_BAD_RELOC_RANGE', 'relocStartPage', `${range} cover the ${what}`);
      return;
    }
  }
}

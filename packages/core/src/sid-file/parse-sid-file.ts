import { decodeExtraSidAddress } from './extra-sid-address.js';
import { hex } from './hex.js';
import { SidFileError } from './sid-file-error.js';
import { decodeSidClock, decodeSidModel } from './sid-flags.js';
import {
  SidHeaderOffset as At,
  C64_MEMORY_SIZE,
  DEFINED_FLAG_BITS,
  headerSizeOf,
  MAX_SONGS,
  SID_STRING_BYTES,
} from './sid-header-layout.js';
import { decodeSidString } from './sid-string.js';
import type { ParseSidFileOptions, SidFile, SidFileVersion, SidFormat } from './types.js';
import { validateSidFile } from './validate-sid-file.js';

/**
 * Parses a PSID/RSID file (versions 1–4).
 *
 * Structural faults always throw a {@link SidFileError}: a truncated header, a bad magic ID,
 * version or data offset, a missing load address, no data, or data that runs past $FFFF.
 * Breaking any other rule of the format (see `validateSidFile`) is tolerated and listed in
 * `warnings`, because real HVSC tunes do; with `{ strict: true }` the first one throws.
 * Songs outside 1–256 are clamped and a start song outside 1..songs becomes 1; invalid
 * extra-SID addresses mean no extra chip, as libsidplayfp reads them.
 *
 * The input is copied; the result keeps the copy in `source` so `writeSidFile` can give back
 * the same bytes.
 * @example
 * ```ts
 * const sid = parseSidFile(readFileSync('Commando.sid'));
 * sid.name; // 'Commando'
 * songSpeed(sid, sid.startSong); // 'vbi'
 * writeSidFile({ ...sid, released: '1985 Elite Systems' });
 * ```
 * @throws SidFileError on a structural fault, or on any rule violation when strict
 */
export function parseSidFile(bytes: Uint8Array, options: ParseSidFileOptions = {}): SidFile {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return decodeSidBytes(copy, options.strict ?? false);
}

/** `parseSidFile` without the copy: the model keeps `source` itself and views into it. */
export function decodeSidBytes(source: Uint8Array, strict: boolean): SidFile {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const size = source.length;
  const word = (offset: number) => view.getUint16(offset);

  if (size < 4) throw truncated(size, 4);
  const magicText = String.fromCharCode(...source.subarray(0, 4));
  if (magicText !== 'PSID' && magicText !== 'RSID') {
    throw new SidFileError(
      'SID_BAD_MAGIC',
      'magic',
      `must be "PSID" or "RSID", got ${JSON.stringify(magicText)}`,
    );
  }
  const format: SidFormat = magicText;
  if (size < At.dataOffset) throw truncated(size, At.dataOffset);
  const version = word(At.version);
  const lowestVersion = format === 'RSID' ? 2 : 1;
  if (version < lowestVersion || version > 4) {
    throw new SidFileError(
      'SID_BAD_VERSION',
      'version',
      `${format} version must be ${lowestVersion}–4, got ${version}`,
    );
  }
  const headerSize = headerSizeOf(version);
  if (size < headerSize) throw truncated(size, headerSize);
  const dataOffset = word(At.dataOffset);
  if (dataOffset !== headerSize) {
    throw new SidFileError(
      'SID_BAD_DATA_OFFSET',
      'dataOffset',
      `must be ${hex(headerSize)} in a v${version} file, got ${hex(dataOffset)}`,
    );
  }

  const headerLoadAddress = word(At.loadAddress);
  const loadAddressInData = headerLoadAddress === 0;
  let dataStart = headerSize;
  let loadAddress = headerLoadAddress;
  if (loadAddressInData) {
    if (size < headerSize + 2) {
      throw new SidFileError(
        'SID_NO_LOAD_ADDRESS',
        'loadAddress',
        `header load address is 0 but only ${size - headerSize} data byte(s) follow the header`,
      );
    }
    loadAddress = source[headerSize] | (source[headerSize + 1] << 8);
    dataStart += 2;
  }
  const data = source.subarray(dataStart);
  if (data.length === 0) {
    throw new SidFileError('SID_NO_DATA', 'data', 'the file holds no C64 data');
  }
  if (loadAddress + data.length > C64_MEMORY_SIZE) {
    throw new SidFileError(
      'SID_DATA_BEYOND_64K',
      'data',
      `${data.length} bytes loaded at ${hex(loadAddress)} end past $FFFF`,
    );
  }

  const problems: SidFileError[] = [];
  const rawSongs = word(At.songs);
  const songs = Math.min(Math.max(rawSongs, 1), MAX_SONGS);
  if (songs !== rawSongs) {
    problems.push(
      new SidFileError('SID_BAD_SONGS', 'songs', `must be 1..${MAX_SONGS}, got ${rawSongs}`),
    );
  }
  const rawStartSong = word(At.startSong);
  const startSong = rawStartSong >= 1 && rawStartSong <= songs ? rawStartSong : 1;
  if (startSong !== rawStartSong) {
    problems.push(
      new SidFileError(
        'SID_BAD_START_SONG',
        'startSong',
        `must be 1..${songs}, got ${rawStartSong}`,
      ),
    );
  }

  const flags = version >= 2 ? word(At.flags) : 0;
  const bit1 = (flags & 2) !== 0;
  let secondSidAddress: number | null = null;
  let thirdSidAddress: number | null = null;
  if (version >= 2) {
    const reserved = flags & ~DEFINED_FLAG_BITS[version];
    if (reserved !== 0) {
      problems.push(
        new SidFileError(
          'SID_RESERVED_NOT_ZERO',
          'flags',
          `bits reserved in v${version} are set: ${hex(flags)} (reserved part ${hex(reserved)})`,
        ),
      );
    }
    const secondByte = source[At.secondSidAddress];
    const thirdByte = source[At.thirdSidAddress];
    if (version >= 3) {
      secondSidAddress = decodeExtraSidAddress(secondByte);
      if (secondByte !== 0 && secondSidAddress === null) {
        problems.push(badSidByte('secondSidAddress', secondByte));
      }
    } else if (secondByte !== 0) {
      problems.push(reservedByte('secondSidAddress', secondByte, version));
    }
    if (version >= 4) {
      thirdSidAddress = decodeExtraSidAddress(thirdByte);
      if (thirdByte !== 0 && thirdSidAddress === null) {
        problems.push(badSidByte('thirdSidAddress', thirdByte));
      } else if (thirdSidAddress !== null && secondSidAddress === null) {
        problems.push(
          new SidFileError(
            'SID_BAD_THIRD_SID',
            'thirdSidAddress',
            `a third SID at ${hex(thirdSidAddress)} needs a second SID`,
          ),
        );
        thirdSidAddress = null;
      } else if (thirdSidAddress !== null && thirdSidAddress === secondSidAddress) {
        problems.push(
          new SidFileError(
            'SID_BAD_THIRD_SID',
            'thirdSidAddress',
            `the third SID cannot share the second SID's address ${hex(thirdSidAddress)}`,
          ),
        );
        thirdSidAddress = null;
      }
    } else if (thirdByte !== 0) {
      problems.push(reservedByte('thirdSidAddress', thirdByte, version));
    }
  }

  const text = (offset: number) =>
    decodeSidString(source.subarray(offset, offset + SID_STRING_BYTES));
  const model: SidFile = {
    format,
    version: version as SidFileVersion,
    loadAddress,
    loadAddressInData,
    initAddress: word(At.initAddress),
    playAddress: word(At.playAddress),
    songs,
    startSong,
    speed: view.getUint32(At.speed),
    name: text(At.name),
    author: text(At.author),
    released: text(At.released),
    musData: (flags & 1) !== 0,
    psidSpecific: format === 'PSID' && bit1,
    basic: format === 'RSID' && bit1,
    clock: decodeSidClock(flags >> 2),
    sidModel: decodeSidModel(flags >> 4),
    secondSidModel: version >= 3 ? decodeSidModel(flags >> 6) : 'unknown',
    thirdSidModel: version >= 4 ? decodeSidModel(flags >> 8) : 'unknown',
    relocStartPage: version >= 2 ? source[At.relocStartPage] : 0,
    relocPages: version >= 2 ? source[At.relocPages] : 0,
    secondSidAddress,
    thirdSidAddress,
    data,
    source,
    warnings: [],
  };
  problems.push(...validateSidFile(model));
  if (strict && problems.length > 0) throw problems[0];
  return problems.length > 0 ? { ...model, warnings: problems.map((p) => p.message) } : model;
}

function truncated(size: number, needed: number): SidFileError {
  return new SidFileError(
    'SID_TRUNCATED',
    'header',
    `the file is ${size} bytes long, the header needs at least ${needed}`,
  );
}

function badSidByte(field: 'secondSidAddress' | 'thirdSidAddress', byte: number): SidFileError {
  return new SidFileError(
    'SID_BAD_SID_ADDRESS',
    field,
    `byte must be even and in $42-$7E or $E0-$FE, got ${hex(byte, 2)}; no chip assumed`,
  );
}

function reservedByte(
  field: 'secondSidAddress' | 'thirdSidAddress',
  byte: number,
  version: number,
): SidFileError {
  return new SidFileError(
    'SID_RESERVED_NOT_ZERO',
    field,
    `is reserved in v${version} and must be 0, got ${hex(byte, 2)}`,
  );
}

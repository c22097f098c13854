/**
 * Fuzz targets of the SID file parser. Seeds are real HVSC tunes covering PSID v2/v3/v4,
 * RSID and an RSID BASIC tune, plus a v1 file derived from one of them (HVSC has none).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidFile } from '../../src/sid-file/parse-sid-file.js';
import { SidFileError } from '../../src/sid-file/sid-file-error.js';
import { writeSidFile } from '../../src/sid-file/write-sid-file.js';
import type { FuzzTarget } from '../fuzz-harness.js';

/** `C64Music` of the shared HVSC sample, beside the repository root. */
const hvsc = join(import.meta.dirname, '../../../../../shared/hvsc-sample/C64Music');

const seedTunes = [
  'MUSICIANS/H/Hubbard_Rob/Commando.sid',
  'MUSICIANS/J/Jammer/Light_Years_3SID.sid',
  'MUSICIANS/J/JCH/Voice_2SID.sid',
  'MUSICIANS/G/Galway_Martin/Wizball.sid',
  'GAMES/G-L/Hammer_BASIC.sid',
  'DEMOS/UNKNOWN/Classic.sid',
  'GAMES/S-Z/Tunnel_Vision.sid',
];

function loadSeeds(): Uint8Array[] {
  const seeds: Uint8Array[] = seedTunes.map(
    (path) => new Uint8Array(readFileSync(join(hvsc, path))),
  );
  const commando = parseSidFile(seeds[0]);
  seeds.push(writeSidFile({ ...commando, version: 1, clock: 'unknown', sidModel: 'unknown' }));
  return seeds;
}

const seeds = loadSeeds();

/** Parses leniently, then checks the written file is the input, byte for byte. */
function parseAndRoundTrip(input: Uint8Array): unknown {
  const sid = parseSidFile(input);
  const written = writeSidFile(sid);
  if (Buffer.compare(written, input) !== 0) {
    throw new Error('writeSidFile(parseSidFile(x)) differs from x');
  }
  return sid;
}

/** Every SID file fuzz target. */
export const targets: FuzzTarget[] = [
  {
    name: 'sid-file',
    seeds,
    run: parseAndRoundTrip,
    isExpectedError: (error) => error instanceof SidFileError,
  },
  {
    name: 'sid-file-strict',
    seeds,
    run: (input) => parseSidFile(input, { strict: true }),
    isExpectedError: (error) => error instanceof SidFileError,
  },
];

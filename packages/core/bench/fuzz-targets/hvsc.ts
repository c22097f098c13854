/**
 * Fuzz targets for the HVSC text parsers: Songlengths.md5, STIL.txt and
 * BUGlist.txt. Seeds are excerpts of the real STIL and BUGlist in the shared
 * HVSC sample (inline excerpts when it is absent) and a synthetic Songlengths
 * file in both length formats.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HvscParseError, parseBuglist, parseSonglengths, parseStil } from '../../src/hvsc/index.js';
import type { FuzzTarget } from '../fuzz-harness.js';

const documents = join(import.meta.dirname, '../../../../../shared/hvsc-sample/C64Music/DOCUMENTS');

/** Entries of a STIL-format document, cut into seeds of a few entries each. */
function excerpts(
  file: string,
  fallback: string,
  entriesPerSeed: number,
  maxSeeds: number,
): Uint8Array[] {
  const path = join(documents, file);
  if (!existsSync(path)) return [Buffer.from(fallback, 'latin1')];
  const entries = readFileSync(path)
    .toString('latin1')
    .split(/\n(?=\/)/);
  const seeds: Uint8Array[] = [];
  const step = Math.max(entriesPerSeed, Math.floor(entries.length / maxSeeds));
  for (let i = 0; i < entries.length && seeds.length < maxSeeds; i += step) {
    seeds.push(Buffer.from(entries.slice(i, i + entriesPerSeed).join('\n'), 'latin1'));
  }
  return seeds;
}

const stilFallback = [
  '/MUSICIANS/H/Hubbard_Rob/',
  'COMMENT: A folder comment.',
  '',
  '/MUSICIANS/H/Hubbard_Rob/Commando.sid',
  'COMMENT: A file-global comment',
  '         continued on a second line.',
  '(#1)',
  '  TITLE: BGM1 [from the arcade game Commando] (0:00)',
  ' ARTIST: Tamayo Kawamoto',
  '(#3)',
  '   NAME: Caf\xe9',
  ' AUTHOR: Someone',
  '',
].join('\n');

const buglistFallback = [
  '/DEMOS/A-F/Digital_II.sid',
  '    BUG: Plays garbage at 0:32,',
  '         fixed in this rip.',
  '(iAN CooG)',
  '',
].join('\n');

const songlengthsSeed = Buffer.from(
  [
    '; synthetic Songlengths.md5',
    '[Database]',
    '; /MUSICIANS/H/Hubbard_Rob/Commando.sid',
    'c4c5ff8cfefdf683c50e66775cfac1ee=4:36.044 0:08.320 1:10.981',
    '; /DEMOS/0-9/12345.sid',
    '0123456789abcdef0123456789ABCDEF=0:51(G) 1:02(M) 0:07.5(B) 12:00',
    '',
  ].join('\r\n'),
  'latin1',
);

const isExpectedError = (error: unknown): boolean => error instanceof HvscParseError;

/** The HVSC parsers' fuzz targets. */
export const targets: FuzzTarget[] = [
  {
    name: 'hvsc songlengths',
    seeds: [
      songlengthsSeed,
      Buffer.from('[Database]\nc4c5ff8cfefdf683c50e66775cfac1ee=1:00\n'),
      Buffer.from('[Database]\n; /A.sid\nc4c5ff8cfefdf683c50e66775cfac1ee=0:01.5 9:59(G)\n'),
    ],
    run: (input) => parseSonglengths(input),
    isExpectedError,
  },
  {
    name: 'hvsc stil',
    seeds: excerpts('STIL.txt', stilFallback, 4, 64),
    run: (input) => parseStil(input),
    isExpectedError,
  },
  {
    name: 'hvsc buglist',
    seeds: excerpts('BUGlist.txt', buglistFallback, 3, 12),
    run: (input) => parseBuglist(input),
    isExpectedError,
  },
];

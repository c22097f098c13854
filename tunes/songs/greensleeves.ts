import { WAVEFORM } from './instrument.js';
import type { Song } from './song.js';

const { triangle, sawtooth, pulse } = WAVEFORM;

// The English ballad (16th c.), A minor 3/4; one step is an eighth, a bar is six steps.
// It starts with a two-step pickup, so the last bar of the loop is four steps long.
const VERSE = `
  A4:2 | C5:4 D5:2 | E5:3 F5:1 E5:2 | D5:4 B4:2 | G4:3 A4:1 B4:2 | C5:4 A4:2 | A4:3 G#4:1 A4:2 |
  B4:4 G#4:2 | E4:4 A4:2 | C5:4 D5:2 | E5:3 F5:1 E5:2 | D5:4 B4:2 | G4:3 A4:1 B4:2 |
  C5:3 B4:1 A4:2 | G#4:3 F#4:1 G#4:2 | A4:6 | r:6 |`;
const CHORUS = `
  G5:6 | G5:3 F#5:1 E5:2 | D5:4 B4:2 | G4:3 A4:1 B4:2 | C5:4 A4:2 | A4:3 G#4:1 A4:2 |
  B4:4 G#4:2 | E4:6 | G5:6 | G5:3 F#5:1 E5:2 | D5:4 B4:2 | G4:3 A4:1 B4:2 |
  C5:3 B4:1 A4:2 | G#4:3 F#4:1 G#4:2 | A4:6 | A4:4`;

// Our harmony, one chord per bar for the 32 bars.
const CHORDS = [
  'Am',
  'C',
  'G',
  'Em',
  'Am',
  'E',
  'E',
  'Am',
  'Am',
  'C',
  'G',
  'Em',
  'Am',
  'E',
  'Am',
  'Am',
  'C',
  'C',
  'G',
  'Em',
  'Am',
  'E',
  'E',
  'E',
  'C',
  'C',
  'G',
  'Em',
  'Am',
  'E',
  'Am',
  'Am',
];
const ROOT: Readonly<Record<string, string>> = { Am: 'A2', C: 'C3', G: 'G2', Em: 'E3', E: 'E3' };
const UPPER: Readonly<Record<string, string>> = { Am: 'C4', C: 'E4', G: 'B3', Em: 'G4', E: 'G#4' };

function padLine(voicing: Readonly<Record<string, string>>): string {
  const bars = CHORDS.map((chord, i) => `${voicing[chord]}:${i === CHORDS.length - 1 ? 4 : 6}`);
  return `r:2 ${bars.join(' | ')}`;
}

/**
 * "Greensleeves": a soft triangle flute (a combined pulse+triangle glass tone in the chorus)
 * over slow-attack pads: an upper PWM pad through a resonant high-pass sweep and a sawtooth
 * root that swells in and rings out.
 */
export const GREENSLEEVES: Song = {
  fileName: 'greensleeves',
  title: 'Greensleeves',
  author: 'SIDFlow (arr.)',
  released: '2026 SIDFlow, PD melody',
  sidModel: '8580',
  instruments: {
    flute: { attack: 3, decay: 8, sustain: 11, release: 8, waveform: triangle },
    glass: {
      attack: 1,
      decay: 9,
      sustain: 9,
      release: 9,
      waveform: pulse | triangle,
      pulseWidth: 5,
      pwmSpeed: 20,
    },
    pad: {
      attack: 10,
      decay: 4,
      sustain: 12,
      release: 10,
      waveform: pulse,
      pulseWidth: 3,
      pwmSpeed: 12,
      filtered: true,
    },
    root: { attack: 9, decay: 6, sustain: 10, release: 11, waveform: sawtooth },
  },
  subtunes: [
    {
      framesPerStep: 9,
      tracks: [
        `@flute ${VERSE} @glass ${CHORUS}`,
        `@pad ${padLine(UPPER)}`,
        `@root ${padLine(ROOT)}`,
      ],
      filter: { mode: 'highpass', resonance: 13, cutoffMin: 0x08, cutoffMax: 0x60, speed: 1 },
    },
  ],
};

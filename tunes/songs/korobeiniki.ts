import { WAVEFORM } from './instrument.js';
import type { Song } from './song.js';

const { triangle, sawtooth, pulse, noise } = WAVEFORM;

// The Russian folk song (Nekrasov/traditional, 19th c.), A minor 4/4; one step is an eighth.
const PART_A = `
  E5:2 B4:1 C5 D5:2 C5:1 B4 | A4:2 A4:1 C5 E5:2 D5:1 C5 | B4:3 C5:1 D5:2 E5 | C5 A4 A4:4 |
  r:1 D5:2 F5:1 A5:2 G5:1 F5 | E5:3 C5:1 E5:2 D5:1 C5 | B4:2 B4:1 C5 D5:2 E5 | C5 A4 A4:4 |`;
const PART_B = `
  E5:4 C5 | D5 B4 | C5 A4 | G#4 B4 | E5 C5 | D5 B4 | C5:2 E5 A5:4 | G#5:8 |`;

const ROOTS_A = ['A1', 'A1', 'E2', 'A1', 'D2', 'C2', 'E2', 'A1'];
const ROOTS_B = ['A1', 'E2', 'A1', 'E2', 'A1', 'E2', 'A1', 'E2'];

function octaveBass(roots: readonly string[]): string {
  return roots
    .map((root) => `[${root}:1 ${root.slice(0, -1)}${Number(root.slice(-1)) + 1}:1]x4`)
    .join(' | ');
}

const BEAT = '@kick C4:1 @hat A7:1 @snare D5:1 @hat A7:1 @kick C4:1 C4:1 @snare D5:1 @hat A7:1';
const FILL = '@kick C4:1 @hat A7:1 @snare D5:1 @hat A7:1 @snare D5:1 D5:1 F5:1 A5:1';
const DRUMS_8 = `[${BEAT} |]x7 ${FILL}`;

/**
 * "Korobeiniki": a PWM pulse lead (a combined pulse+sawtooth organ in the slow middle part),
 * an octave-jumping sawtooth bass under a fast resonant low-pass sweep, and noise drums
 * (a kick dropping in pitch from a noise click, a snare and short hi-hats).
 */
export const KOROBEINIKI: Song = {
  fileName: 'korobeiniki',
  title: 'Korobeiniki',
  author: 'SIDFlow (arr.)',
  released: '2026 SIDFlow, PD melody',
  sidModel: '8580',
  instruments: {
    lead: {
      attack: 0,
      decay: 8,
      sustain: 9,
      release: 4,
      waveform: pulse,
      pulseWidth: 8,
      pwmSpeed: 64,
    },
    organ: {
      attack: 3,
      decay: 6,
      sustain: 12,
      release: 7,
      waveform: pulse | sawtooth,
      pulseWidth: 6,
      pwmSpeed: 16,
    },
    bass: { attack: 0, decay: 5, sustain: 6, release: 2, waveform: sawtooth, filtered: true },
    kick: {
      attack: 0,
      decay: 8,
      sustain: 0,
      release: 0,
      waveform: triangle,
      attackWaveform: noise,
      slide: -420,
    },
    snare: { attack: 0, decay: 7, sustain: 0, release: 0, waveform: noise },
    hat: { attack: 0, decay: 4, sustain: 0, release: 0, waveform: noise },
  },
  subtunes: [
    {
      framesPerStep: 9,
      tracks: [
        `@lead ${PART_A} @organ ${PART_B} @lead ${PART_A}`,
        `@bass ${octaveBass(ROOTS_A)} ${octaveBass(ROOTS_B)} ${octaveBass(ROOTS_A)}`,
        `${DRUMS_8} ${DRUMS_8} ${DRUMS_8}`,
      ],
      filter: { mode: 'lowpass', resonance: 14, cutoffMin: 0x10, cutoffMax: 0x70, speed: 4 },
    },
  ],
};

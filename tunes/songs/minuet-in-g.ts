import { WAVEFORM } from './instrument.js';
import type { Song } from './song.js';

const { sawtooth, pulse, noise } = WAVEFORM;

// Minuet in G (Petzold, from the Anna Magdalena Bach notebook, 1725), 3/4; a step is an eighth.
const MELODY = `
  D5:2 G4:1 A4 B4 C5 | D5:2 G4 G4 | E5:2 C5:1 D5 E5 F#5 | G5:2 G4 G4 |
  C5:2 D5:1 C5 B4 A4 | B4:2 C5:1 B4 A4 G4 | F#4:2 G4:1 A4 B4 G4 | A4:6 |
  D5:2 G4:1 A4 B4 C5 | D5:2 G4 G4 | E5:2 C5:1 D5 E5 F#5 | G5:2 G4 G4 |
  C5:2 D5:1 C5 B4 A4 | B4:2 C5:1 B4 A4 G4 | A4:2 B4:1 A4 G4 F#4 | G4:6 |`;

// Our bass: root, fifth, octave per bar.
const CHORDS = ['G', 'G', 'C', 'G', 'C', 'G', 'D', 'D', 'G', 'G', 'C', 'G', 'C', 'G', 'D', 'G'];
const ARPEGGIO: Readonly<Record<string, string>> = {
  G: 'G2:2 D3 G3',
  C: 'C3:2 G3 C4',
  D: 'D3:2 A3 D4',
};
const BASS = CHORDS.map((chord) => ARPEGGIO[chord]).join(' | ');

// Kick and snare are 4-bit samples through $D418; the hi-hat is SID noise on the same voice.
const WALTZ = '@kick C4:2 @hat A7:1 A7:1 @snare C4:2';
const WALTZ_FILL = '@kick C4:2 @snare C4:1 C4:1 @kick C4:1 @snare C4:1';
const DRUMS = `[[${WALTZ} |]x7 ${WALTZ_FILL} |]x4`;

/**
 * "Minuet in G" with digi drums: a CIA-timed subtune whose kick and snare are 4-bit samples
 * played through the $D418 volume register at about 4 kHz, plus a plucked pulse melody
 * (a plucked sawtooth the second time round) and a low-passed plucked bass.
 */
export const MINUET_IN_G: Song = {
  fileName: 'minuet-in-g',
  title: 'Minuet in G',
  author: 'SIDFlow (arr.)',
  released: '2026 SIDFlow, PD melody',
  sidModel: '6581',
  instruments: {
    pluck: {
      attack: 0,
      decay: 9,
      sustain: 0,
      release: 9,
      waveform: pulse,
      pulseWidth: 6,
      pwmSpeed: 40,
    },
    harpsichord: { attack: 0, decay: 8, sustain: 2, release: 8, waveform: sawtooth },
    bass: {
      attack: 0,
      decay: 10,
      sustain: 4,
      release: 6,
      waveform: pulse,
      pulseWidth: 2,
      filtered: true,
    },
    kick: { attack: 0, decay: 0, sustain: 0, release: 0, waveform: 0, digiSample: 'kick' },
    snare: { attack: 0, decay: 0, sustain: 0, release: 0, waveform: 0, digiSample: 'snare' },
    hat: { attack: 0, decay: 3, sustain: 0, release: 0, waveform: noise },
  },
  subtunes: [
    {
      framesPerStep: 9,
      digi: true,
      tracks: [`@pluck ${MELODY} @harpsichord ${MELODY}`, `@bass ${BASS} | ${BASS}`, DRUMS],
      filter: { mode: 'lowpass', resonance: 6, cutoffMin: 0x28, cutoffMax: 0x68, speed: 1 },
    },
  ],
};

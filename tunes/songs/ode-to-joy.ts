import { WAVEFORM } from './instrument.js';
import type { Song } from './song.js';

const { triangle, sawtooth, pulse, sync, ring } = WAVEFORM;

// Beethoven's melody (Symphony No. 9, 1824), 16 bars of 4/4; one step is an eighth note.
const MELODY = `
  E5:2 E5 F5 G5 | G5 F5 E5 D5 | C5 C5 D5 E5 | E5:3 D5:1 D5:4 |
  E5:2 E5 F5 G5 | G5 F5 E5 D5 | C5 C5 D5 E5 | D5:3 C5:1 C5:4 |
  D5:2 D5 E5 C5 | D5 E5:1 F5 E5:2 C5 | D5 E5:1 F5 E5:2 D5 | C5 D5 G4:4 |
  E5:2 E5 F5 G5 | G5 F5 E5 D5 | C5 C5 D5 E5 | D5:3 C5:1 C5:4 |`;

// Our harmony: one chord per bar or half bar (C major / G major).
const CHORDS = ['C', 'G', 'C', 'G', 'C', 'G', 'C', 'GC', 'G', 'GC', 'G', 'CG', 'C', 'G', 'C', 'GC'];
const ROOT: Readonly<Record<string, [string, string]>> = { C: ['C2', 'C3'], G: ['G1', 'G2'] };

function bassLine(): string {
  return CHORDS.map((chord) =>
    chord.length === 1
      ? `[${ROOT[chord][0]}:2 ${ROOT[chord][1]}:2]x2`
      : [...chord].map((c) => `${ROOT[c][0]}:2 ${ROOT[c][1]}:2`).join(' '),
  ).join(' | ');
}

function chordLine(): string {
  const note: Record<string, string> = { C: 'C4', G: 'G3' };
  return CHORDS.map((chord) =>
    chord.length === 1 ? `${note[chord]}:8` : [...chord].map((c) => `${note[c]}:4`).join(' '),
  ).join(' | ');
}

/**
 * "Ode to Joy", two subtunes. 1: a PWM pulse lead, a sawtooth bass under a resonant low-pass
 * sweep and major-chord arpeggios in a combined saw+triangle wave. 2: a hard-synced sawtooth
 * lead sweeping up over a ring-modulated triangle bell (voice 3, modulated by the voice 2
 * bass) through a band-pass sweep.
 */
export const ODE_TO_JOY: Song = {
  fileName: 'ode-to-joy',
  title: 'Ode to Joy',
  author: 'SIDFlow (arr.)',
  released: '2026 SIDFlow, PD melody',
  sidModel: '8580',
  instruments: {
    lead: {
      attack: 0,
      decay: 9,
      sustain: 10,
      release: 6,
      waveform: pulse,
      pulseWidth: 4,
      pwmSpeed: 48,
    },
    bass: { attack: 0, decay: 6, sustain: 9, release: 4, waveform: sawtooth, filtered: true },
    chords: {
      attack: 2,
      decay: 10,
      sustain: 6,
      release: 8,
      waveform: sawtooth | triangle,
      arpeggio: [4, 7],
    },
    syncLead: {
      attack: 0,
      decay: 8,
      sustain: 11,
      release: 6,
      waveform: sawtooth | sync,
      transpose: 19,
      slide: 140,
      filtered: true,
    },
    pwmBass: {
      attack: 0,
      decay: 5,
      sustain: 10,
      release: 3,
      waveform: pulse,
      pulseWidth: 3,
      pwmSpeed: 24,
    },
    bell: { attack: 0, decay: 10, sustain: 4, release: 10, waveform: triangle | ring },
  },
  subtunes: [
    {
      framesPerStep: 12,
      tracks: [`@lead ${MELODY}`, `@bass ${bassLine()}`, `@chords ${chordLine()}`],
      filter: { mode: 'lowpass', resonance: 10, cutoffMin: 0x18, cutoffMax: 0x90, speed: 2 },
    },
    {
      framesPerStep: 11,
      tracks: [`@syncLead ${MELODY}`, `@pwmBass ${bassLine()}`, `@bell ${MELODY}`],
      filter: { mode: 'bandpass', resonance: 12, cutoffMin: 0x30, cutoffMax: 0xc0, speed: 3 },
    },
  ],
};

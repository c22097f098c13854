import { describe, expect, it } from 'vitest';
import { assemble } from '../assembler/index.js';
import {
  compileSongData,
  END_OF_TRACK,
  INSTRUMENT_BASE,
  palFrequencyRegister,
  REST,
  SongDataError,
  subtuneFrames,
} from '../player/index.js';
import type { Song } from '../songs/index.js';

const FILTER = { mode: 'lowpass', resonance: 0, cutoffMin: 0, cutoffMax: 0, speed: 0 } as const;

function song(tracks: [string, string, string], framesPerStep = 2): Song {
  return {
    fileName: 'test',
    title: 'Test',
    author: 'Test',
    released: '2026',
    sidModel: '8580',
    instruments: {
      a: { attack: 1, decay: 2, sustain: 3, release: 4, waveform: 0x41, transpose: -12 },
      b: { attack: 0, decay: 9, sustain: 0, release: 0, waveform: 0x80, slide: -300 },
    },
    subtunes: [{ framesPerStep, tracks, filter: FILTER }],
  };
}

/** The bytes under `label` in the data assembled on its own at $2000. */
function tableOf(source: string, label: string, length: number): number[] {
  const program = assemble(`.org $2000\n${source}`);
  const start = program.symbols.get(label)! - 0x2000;
  return Array.from(program.bytes.subarray(start, start + length));
}

describe('compileSongData', () => {
  it('encodes tracks as instrument, note/duration and rest/duration bytes ending in $FF', () => {
    const source = compileSongData(song(['@a C4:2 r:1', '@b [C5:1]x3', '@a @b D5:3']));
    expect(tableOf(source, 'track_0_0', 6)).toEqual([
      INSTRUMENT_BASE,
      48,
      4,
      REST,
      2,
      END_OF_TRACK,
    ]);
    expect(tableOf(source, 'track_0_1', 8)).toEqual([
      INSTRUMENT_BASE + 1,
      60,
      2,
      60,
      2,
      60,
      2,
      END_OF_TRACK,
    ]);
    expect(tableOf(source, 'track_0_2', 5)).toEqual([
      INSTRUMENT_BASE,
      INSTRUMENT_BASE + 1,
      62,
      6,
      END_OF_TRACK,
    ]);
  });

  it('writes instrument columns: ADSR nibbles, gate-free waveform, signed slide and transpose', () => {
    const source = compileSongData(song(['@a C4:1', '@a C4:1', '@a C4:1']));
    expect(tableOf(source, 'instAD', 2)).toEqual([0x12, 0x09]);
    expect(tableOf(source, 'instSR', 2)).toEqual([0x34, 0x00]);
    expect(tableOf(source, 'instWave', 2)).toEqual([0x40, 0x80]);
    expect(tableOf(source, 'instSlideLo', 2)).toEqual([0, -300 & 0xff]);
    expect(tableOf(source, 'instSlideHi', 2)).toEqual([0, (-300 >> 8) & 0xff]);
    expect(tableOf(source, 'instTranspose', 2)).toEqual([0xf4, 0]);
    const a4 = 57;
    expect(tableOf(source, 'freqLo', 96)[a4]).toBe(palFrequencyRegister(a4) & 0xff);
    expect(tableOf(source, 'freqHi', 96)[a4]).toBe(palFrequencyRegister(a4) >> 8);
  });

  it('computes PAL frequency registers (A4 = 440 Hz is 7493)', () => {
    expect(palFrequencyRegister(57)).toBe(7493);
    expect(palFrequencyRegister(69)).toBe(14985);
    expect(palFrequencyRegister(95)).toBe(0xffff);
  });

  it('measures a subtune in frames', () => {
    expect(subtuneFrames(song(['@a C4:3 D4:5', '@a r:8', '@a C4:8'], 3), 0)).toBe(24);
  });

  it('rejects songs the player cannot play', () => {
    const bad: [string, [string, string, string], number][] = [
      ['voices differ', ['@a C4:2', '@a C4:1', '@a C4:2'], 2],
      ['unknown instrument', ['@x C4:1', '@a C4:1', '@a C4:1'], 2],
      ['note before instrument', ['C4:1', '@a C4:1', '@a C4:1'], 2],
      ['transposed below C0', ['@a C0:1', '@a C4:1', '@a C4:1'], 2],
      ['event too long', ['@a C4:200', '@a C4:200', '@a C4:200'], 2],
      ['no notes or rests', ['@a', '@a', '@a'], 2],
    ];
    for (const [name, tracks, frames] of bad) {
      expect(() => compileSongData(song(tracks, frames)), name).toThrow(SongDataError);
    }
  });
});

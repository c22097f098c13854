import { describe, expect, it } from 'vitest';
import { noteNumber, parseTrack, TrackSyntaxError, trackSteps } from '../songs/index.js';

describe('noteNumber', () => {
  it('counts semitones from C0 with sharps and flats', () => {
    expect(noteNumber('C0')).toBe(0);
    expect(noteNumber('A4')).toBe(57);
    expect(noteNumber('F#3')).toBe(42);
    expect(noteNumber('Bb2')).toBe(34);
    expect(noteNumber('B7')).toBe(95);
  });

  it('rejects malformed names', () => {
    expect(() => noteNumber('H2')).toThrow(TrackSyntaxError);
    expect(() => noteNumber('C')).toThrow(/bad note name/);
  });
});

describe('parseTrack', () => {
  it('reads instruments, notes, rests and reuses the previous length', () => {
    expect(parseTrack('@lead C4:2 D4 | r:1 E4')).toEqual([
      { kind: 'instrument', name: 'lead' },
      { kind: 'note', note: 48, steps: 2 },
      { kind: 'note', note: 50, steps: 2 },
      { kind: 'rest', steps: 1 },
      { kind: 'note', note: 52, steps: 1 },
    ]);
  });

  it('expands nested repeats', () => {
    const events = parseTrack('[[C4:1]x2 D4:3]x2');
    expect(events.map((e) => (e.kind === 'note' ? e.note : -1))).toEqual([48, 48, 50, 48, 48, 50]);
    expect(trackSteps(events)).toBe(10);
  });

  it('rejects bad tokens, zero lengths and unbalanced repeats', () => {
    expect(() => parseTrack('C4:0')).toThrow(TrackSyntaxError);
    expect(() => parseTrack('C4:x')).toThrow(TrackSyntaxError);
    expect(() => parseTrack('[C4 D4')).toThrow(/unbalanced/);
  });
});

import { SidflowError } from '../../packages/core/src/errors.js';

/** One event of a parsed track. */
export type TrackEvent =
  | { readonly kind: 'instrument'; readonly name: string }
  | { readonly kind: 'note'; readonly note: number; readonly steps: number }
  | { readonly kind: 'rest'; readonly steps: number };

/** A track text that cannot be parsed (code `TUNE_BAD_TRACK`). */
export class TrackSyntaxError extends SidflowError {
  /**
   * @param message - what is wrong, quoting the offending token
   */
  constructor(message: string) {
    super('TUNE_BAD_TRACK', message);
  }
}

const SEMITONE: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/**
 * Note number of a name like `C4`, `F#3` or `Bb2`: octave × 12 + semitone, so C0 = 0 and
 * A4 (440 Hz) = 57.
 * @throws TrackSyntaxError for a malformed name
 */
export function noteNumber(name: string): number {
  const match = /^([A-G])([#b]?)(\d)$/.exec(name);
  if (!match) throw new TrackSyntaxError(`bad note name '${name}'`);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return Number(match[3]) * 12 + SEMITONE[match[1]] + accidental;
}

/**
 * Parses track notation: whitespace-separated tokens `@name` (switch instrument), `C#4:3`
 * (a note lasting 3 steps), `r:2` (rest); a token without `:n` reuses the previous length;
 * `|` bar lines are ignored; `[ ... ]xN` repeats its contents N times (may nest).
 * @throws TrackSyntaxError on any unknown token
 */
export function parseTrack(text: string): TrackEvent[] {
  const events: TrackEvent[] = [];
  let steps = 1;
  for (const token of expandRepeats(text).split(/\s+/)) {
    if (token === '' || token === '|') continue;
    if (token.startsWith('@')) {
      events.push({ kind: 'instrument', name: token.slice(1) });
      continue;
    }
    const match = /^([^:]+)(?::(\d+))?$/.exec(token);
    if (!match) throw new TrackSyntaxError(`bad token '${token}'`);
    if (match[2] !== undefined) steps = Number(match[2]);
    if (steps < 1) throw new TrackSyntaxError(`length must be at least 1 in '${token}'`);
    if (match[1] === 'r') events.push({ kind: 'rest', steps });
    else events.push({ kind: 'note', note: noteNumber(match[1]), steps });
  }
  return events;
}

/** Total number of steps of a track's notes and rests. */
export function trackSteps(events: readonly TrackEvent[]): number {
  let total = 0;
  for (const event of events) if (event.kind !== 'instrument') total += event.steps;
  return total;
}

function expandRepeats(text: string): string {
  const innermost = /\[([^[\]]*)\]x(\d+)/;
  let result = text;
  for (let match = innermost.exec(result); match; match = innermost.exec(result)) {
    const body = ` ${match[1]} `.repeat(Number(match[2]));
    result = result.slice(0, match.index) + body + result.slice(match.index + match[0].length);
  }
  if (/[[\]]/.test(result)) throw new TrackSyntaxError('unbalanced [ ]xN repeat');
  return result;
}

import { GREENSLEEVES } from './greensleeves.js';
import { KOROBEINIKI } from './korobeiniki.js';
import { MINUET_IN_G } from './minuet-in-g.js';
import { ODE_TO_JOY } from './ode-to-joy.js';
import type { Song } from './song.js';

export { GREENSLEEVES } from './greensleeves.js';
export type { Instrument } from './instrument.js';
export { WAVEFORM } from './instrument.js';
export { KOROBEINIKI } from './korobeiniki.js';
export { MINUET_IN_G } from './minuet-in-g.js';
export { ODE_TO_JOY } from './ode-to-joy.js';
export type { TrackEvent } from './parse-track.js';
export { noteNumber, parseTrack, TrackSyntaxError, trackSteps } from './parse-track.js';
export type { FilterMode, FilterSweep, Song, Subtune } from './song.js';

/** Every demo tune, in the order `tunes/build.ts` writes them. */
export const ALL_SONGS: readonly Song[] = [ODE_TO_JOY, KOROBEINIKI, GREENSLEEVES, MINUET_IN_G];

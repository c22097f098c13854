export type { BuiltTune } from './build-tune.js';
export { buildTune, LOAD_ADDRESS } from './build-tune.js';
export {
  compileSongData,
  END_OF_TRACK,
  INSTRUMENT_BASE,
  REST,
  SongDataError,
  subtuneFrames,
} from './compile-song-data.js';
export { DIGI_DIVIDER, DIGI_LATCH, DIGI_RATE_HZ, DIGI_SAMPLES } from './digi-samples.js';
export { NOTE_COUNT, PAL_CLOCK_HZ, palFrequencyRegister } from './pal-frequency.js';
export { PLAYER_SOURCE } from './player-source.js';

export type { HvscIndexEntry, HvscIndexProgress } from './hvsc-index-entry.js';
export { hvscMd5 } from './hvsc-md5.js';
export { HvscParseError, type HvscParseErrorCode } from './hvsc-parse-error.js';
export { HvscReadError } from './hvsc-read-error.js';
export { type HvscTuneFacts, hvscTuneFacts } from './hvsc-tune-facts.js';
export { indexHvsc } from './index-hvsc.js';
export type { IndexHvscOptions } from './index-hvsc-options.js';
export { loadBuglist } from './load-buglist.js';
export { loadSonglengths } from './load-songlengths.js';
export { loadStil } from './load-stil.js';
export { normalizeHvscPath } from './normalize-hvsc-path.js';
export { parseBuglist } from './parse-buglist.js';
export { parseSonglengths } from './parse-songlengths.js';
export { parseStil } from './parse-stil.js';
export { parseSongLength, type SongLength } from './song-length.js';
export { SonglengthsDatabase, type SonglengthsEntry } from './songlengths-database.js';
export { StilDatabase } from './stil-database.js';
export {
  type StilBlock,
  type StilCover,
  type StilEntry,
  type StilField,
  stilFieldValues,
} from './stil-entry.js';

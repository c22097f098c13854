export { createSidFile } from './create-sid-file.js';
export { effectiveInitAddress } from './effective-init-address.js';
export { isBasicTune } from './is-basic-tune.js';
export { loadEndAddress } from './load-end-address.js';
export { parseSidFile } from './parse-sid-file.js';
export { sidAddresses } from './sid-addresses.js';
export type { SidFileErrorCode, SidFileField } from './sid-file-error.js';
export { SidFileError } from './sid-file-error.js';
export { sidModelFor } from './sid-model-for.js';
export { songSpeed } from './song-speed.js';
export type {
  CreateSidFileOptions,
  ParseSidFileOptions,
  SidClock,
  SidFile,
  SidFileVersion,
  SidFormat,
  SidModel,
  SongSpeed,
} from './types.js';
export { validateSidFile } from './validate-sid-file.js';
export { writeSidFile } from './write-sid-file.js';

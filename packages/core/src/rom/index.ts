export {
  defaultRomManifest,
  extendRomManifest,
  parseRomManifest,
  ROM_SIZES,
  type RomKind,
  type RomManifest,
  type RomManifestEntry,
} from './rom-manifest.js';
export { RomValidationError, type RomValidationErrorCode } from './rom-validation-error.js';
export { type RomIdentification, validateRom } from './validate-rom.js';

export { resolveSafePath, resolveSafePathSync } from './resolve-safe-path.js';
export { UnsafePathError, type UnsafePathReason } from './unsafe-path-error.js';

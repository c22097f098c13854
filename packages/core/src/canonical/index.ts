export {
  AUDIT_TRAIL_PATH,
  type AuditEntry,
  type AuditEntryInput,
  appendAuditEntry,
  parseAuditTrail,
  readAuditTrail,
} from './audit-trail.js';
export { CanonicalDataError, type CanonicalDataErrorCode } from './canonical-data-error.js';
export {
  readCanonicalJsonFile,
  readJsonlFile,
  writeCanonicalJsonFile,
  writeJsonlFile,
} from './canonical-files.js';
export {
  type ParseCanonicalOptions,
  parseCanonicalJson,
  parseJsonl,
  stringifyJsonl,
  validateCanonical,
} from './canonical-jsonl.js';
export { sha256Hex } from './sha256-hex.js';
export { type StringifyCanonicalOptions, stringifyCanonical } from './stringify-canonical.js';
export {
  type WriteCanonicalWithAuditOptions,
  type WriteCanonicalWithAuditResult,
  writeCanonicalWithAudit,
} from './write-canonical-with-audit.js';
export { writeFileAtomic } from './write-file-atomic.js';

import { createHash } from 'node:crypto';

/**
 * The key HVSC's Songlengths.md5 uses for a tune since HVSC #68: the MD5 of
 * the whole file, as 32 lowercase hex digits. (Older databases hashed only
 * parts of the file; those keys do not match this.)
 *
 * @param bytes - the complete SID file
 */
export function hvscMd5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

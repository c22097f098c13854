import { createHash } from 'node:crypto';

/**
 * SHA-256 of some content as 64 lowercase hex digits. Strings are hashed
 * as UTF-8.
 *
 * @param data - the content
 * @returns the hex digest
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

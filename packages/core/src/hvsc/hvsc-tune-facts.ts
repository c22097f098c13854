import type { SidFile } from '../sid-file/index.js';

/**
 * What an HVSC index keeps of a tune's PSID/RSID header: every decoded header
 * field of {@link SidFile}, without the C64 data and source bytes (so a
 * 60,000-entry index does not hold every tune in memory).
 */
export type HvscTuneFacts = Omit<SidFile, 'data' | 'source'> & {
  /** Length in bytes of the C64 data (without the two load address bytes). */
  readonly dataSize: number;
};

/** Drops the bulky parts of a parsed SID file, keeping its header facts. */
export function hvscTuneFacts(sid: SidFile): HvscTuneFacts {
  const { data, source: _source, ...header } = sid;
  return { ...header, dataSize: data.length };
}

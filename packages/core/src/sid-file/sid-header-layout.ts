/** Byte offsets of the header fields; every word is big-endian. */
export const SidHeaderOffset = {
  magic: 0x00,
  version: 0x04,
  dataOffset: 0x06,
  loadAddress: 0x08,
  initAddress: 0x0a,
  playAddress: 0x0c,
  songs: 0x0e,
  startSong: 0x10,
  speed: 0x12,
  name: 0x16,
  author: 0x36,
  released: 0x56,
  flags: 0x76,
  relocStartPage: 0x78,
  relocPages: 0x79,
  secondSidAddress: 0x7a,
  thirdSidAddress: 0x7b,
} as const;

/** Bytes a header string field (name, author, released) occupies. */
export const SID_STRING_BYTES = 32;

/** Header size, and so the data offset, of a v1 file. */
export const SID_V1_HEADER_SIZE = 0x76;

/** Header size, and so the data offset, of a v2, v3 or v4 file. */
export const SID_V2_HEADER_SIZE = 0x7c;

/** Lowest address an RSID tune may load at: just past the screen RAM at $0400–$07E7. */
export const RSID_MIN_LOAD_ADDRESS = 0x07e8;

/** The first SID chip of every C64. */
export const FIRST_SID_ADDRESS = 0xd400;

/** Highest number of songs the format allows. */
export const MAX_SONGS = 256;

/** C64 address space size. */
export const C64_MEMORY_SIZE = 0x10000;

/** Flag bits each version defines; the rest are reserved and must be 0. */
export const DEFINED_FLAG_BITS: Record<number, number> = { 2: 0x003f, 3: 0x00ff, 4: 0x03ff };

/** Header size of `version`. */
export function headerSizeOf(version: number): number {
  return version === 1 ? SID_V1_HEADER_SIZE : SID_V2_HEADER_SIZE;
}

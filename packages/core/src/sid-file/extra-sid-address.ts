/**
 * The header stores an extra SID's address as its middle two hex digits: byte $xy means
 * $Dxy0. Only even bytes in $42–$7F ($D420–$D7E0) and $E0–$FE ($DE00–$DFE0, the I/O
 * expansion areas) are valid: the rest would hit the first SID, the VIC, colour RAM or CIAs.
 */
export function isValidExtraSidByte(byte: number): boolean {
  return (byte & 1) === 0 && ((byte >= 0x42 && byte <= 0x7f) || (byte >= 0xe0 && byte <= 0xfe));
}

/** Address of a valid extra-SID byte, or null when the byte is invalid (meaning no chip). */
export function decodeExtraSidAddress(byte: number): number | null {
  return isValidExtraSidByte(byte) ? 0xd000 | (byte << 4) : null;
}

/** Header byte of an extra-SID address, or null when the address cannot be stored. */
export function encodeExtraSidAddress(address: number): number | null {
  if (!Number.isInteger(address) || (address & 0xf00f) !== 0xd000 || address > 0xdfff) return null;
  const byte = (address >> 4) & 0xff;
  return isValidExtraSidByte(byte) ? byte : null;
}

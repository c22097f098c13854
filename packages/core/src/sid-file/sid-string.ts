/**
 * Unicode code points of bytes $80–$9F in Windows-1252, the code page the SID file format
 * description names for header strings. The five bytes Windows-1252 leaves undefined map to
 * the C1 control of the same number, so every byte decodes and re-encodes unchanged.
 * Every other byte is the Latin-1 code point of the same value.
 */
const HIGH_CONTROL_RANGE = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const byteOfCodePoint = new Map<number, number>();
for (let b = 0; b < 256; b++) {
  byteOfCodePoint.set(b >= 0x80 && b < 0xa0 ? HIGH_CONTROL_RANGE[b - 0x80] : b, b);
}

/** Decodes a NUL-padded Windows-1252 field; text after the first NUL is not part of it. */
export function decodeSidString(field: Uint8Array): string {
  let text = '';
  for (const b of field) {
    if (b === 0) break;
    text += String.fromCharCode(b >= 0x80 && b < 0xa0 ? HIGH_CONTROL_RANGE[b - 0x80] : b);
  }
  return text;
}

/**
 * Encodes `text` as Windows-1252 bytes, or returns the 0-based index of the first character
 * that has no byte (NUL included, since NUL ends the field).
 */
export function encodeSidString(text: string): Uint8Array | number {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = byteOfCodePoint.get(text.charCodeAt(i));
    if (b === undefined || b === 0) return i;
    bytes[i] = b;
  }
  return bytes;
}

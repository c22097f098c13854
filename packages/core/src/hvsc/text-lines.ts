/**
 * Decodes an HVSC text document. HVSC documents are ISO-8859-1, where every
 * byte is the code point of the same number (unlike the WHATWG `latin1`
 * label, which means Windows-1252).
 */
export function decodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Splits an HVSC text document into lines; CRLF, CR and LF all end a line. */
export function textLines(input: string | Uint8Array): string[] {
  return (typeof input === 'string' ? input : decodeLatin1(input)).split(/\r\n|\r|\n/);
}

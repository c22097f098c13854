/** One part of a multipart/form-data body. */
export interface FormPart {
  /** The `name` of the field. */
  name: string;
  /** The `filename`, when the part is a file. */
  filename?: string;
  /** The part's bytes. */
  data: Uint8Array;
}

function indexOf(haystack: Buffer, needle: Buffer, from: number): number {
  return haystack.indexOf(needle, from);
}

/**
 * Splits a multipart/form-data body (RFC 7578) into its parts; returns null
 * when the content type carries no boundary.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) return null;
  const delimiter = Buffer.from(`--${match[1] ?? match[2].trim()}`);
  const parts: FormPart[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = indexOf(body, delimiter, start);
    if (next < 0) break;
    const headerEnd = indexOf(body, Buffer.from('\r\n\r\n'), start);
    if (headerEnd < 0 || headerEnd > next) break;
    const headers = body.toString('latin1', start, headerEnd);
    // The part's data ends before the CRLF that precedes the next delimiter.
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      data: new Uint8Array(body.subarray(headerEnd + 4, end)),
    });
    at = next;
  }
  return parts;
}

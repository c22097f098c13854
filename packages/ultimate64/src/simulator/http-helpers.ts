import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the simulator reads (a big cartridge image fits). */
export const MAX_BODY_BYTES = 16 << 20;

/** Reads a request body, or null when it is larger than {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sends a JSON reply with the device's `errors` array last, as the firmware does. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown> = {},
  errors: string[] = [],
): void {
  const text = JSON.stringify({ ...body, errors });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  res.end(text);
}

/** Sends binary data (readmem). */
export function sendBinary(res: ServerResponse, data: Uint8Array): void {
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': data.length,
    connection: 'close',
  });
  res.end(data);
}

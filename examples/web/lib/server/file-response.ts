import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseByteRange } from './byte-range';

/**
 * Answers a GET for a file on disk with HTTP range support (what media
 * elements and hls.js send): 200 with the whole file, 206 with
 * `Content-Range` for a single range, 416 for a range past the end.
 *
 * @param headers - extra response headers (e.g. how the file came to be)
 */
export async function fileResponse(
  request: Request,
  path: string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const { size } = await stat(path);
  const range = parseByteRange(request.headers.get('range'), size);
  const common = {
    ...headers,
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  if (range === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${size}` },
    });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const body =
    size === 0
      ? null
      : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>);
  if (range === null) {
    return new Response(body, { headers: { ...common, 'Content-Length': String(size) } });
  }
  return new Response(body, {
    status: 206,
    headers: {
      ...common,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
  });
}

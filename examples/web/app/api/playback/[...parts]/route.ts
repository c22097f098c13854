import { parseByteRange } from '../../../../lib/server/byte-range';
import { errorResponse } from '../../../../lib/server/error-response';
import {
  DEFAULT_RENDER_SECONDS,
  playbackManifest,
  wavRenderFor,
} from '../../../../lib/server/playback-renders';
import { TuneLibraryError } from '../../../../lib/server/tune-library-error';
import type { WavRender } from '../../../../lib/server/wav-render';

export const dynamic = 'force-dynamic';

/** Formats this server can produce on demand. */
const FORMATS = ['wav'] as const;

function streamFrom(render: WavRender, start: number, end: number): ReadableStream<Uint8Array> {
  let at = start;
  return new ReadableStream({
    async pull(controller) {
      if (at > end) {
        controller.close();
        return;
      }
      await render.waitFor(Math.min(end + 1, at + 65_536));
      const ready = Math.min(render.ready(), end + 1);
      if (ready <= at) {
        // The render failed before reaching this byte.
        controller.error(new Error('the render failed'));
        return;
      }
      controller.enqueue(render.bytes.slice(at, ready));
      at = ready;
    },
  });
}

/**
 * `GET /api/playback/<id>/<format>[?song=N&seconds=S]`: the tune rendered by
 * the engine (`wav`), with HTTP range requests for media elements; the body
 * streams while it renders. `GET /api/playback/<id>/manifest` lists what can
 * stream, in the shape of a render availability manifest.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ parts: string[] }> },
): Promise<Response> {
  try {
    const { parts } = await context.params;
    const format = parts.at(-1) ?? '';
    const id = parts.slice(0, -1).map(decodeURIComponent).join('/');
    if (format === 'manifest') return Response.json(await playbackManifest(id));
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new TuneLibraryError(
        'TUNE_NOT_FOUND',
        `no ${JSON.stringify(format)} render of ${id}; this server renders ${FORMATS.join(', ')}`,
      );
    }
    const query = new URL(request.url).searchParams;
    const song = query.has('song') ? Number(query.get('song')) : null;
    const seconds = query.has('seconds') ? Number(query.get('seconds')) : DEFAULT_RENDER_SECONDS;
    const render = await wavRenderFor(id, song, seconds);
    const size = render.bytes.length;
    const range = parseByteRange(request.headers.get('range'), size);
    const headers = {
      'Content-Type': 'audio/wav',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
    };
    if (range === 'unsatisfiable') {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${size}` },
      });
    }
    if (range === null) {
      return new Response(streamFrom(render, 0, size - 1), {
        headers: { ...headers, 'Content-Length': String(size) },
      });
    }
    return new Response(streamFrom(render, range.start, range.end), {
      status: 206,
      headers: {
        ...headers,
        'Content-Length': String(range.end - range.start + 1),
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorResponse } from '../../../../lib/server/error-response';
import { fileResponse } from '../../../../lib/server/file-response';
import {
  HLS_PLAYLIST,
  hlsFolder,
  isSegmentName,
  playlistForSong,
} from '../../../../lib/server/hls-segments';
import { cachedRender, playbackManifest, renderFile } from '../../../../lib/server/render-cache';
import { StreamError } from '../../../../lib/server/stream-error';
import { TuneLibraryError } from '../../../../lib/server/tune-library-error';

export const dynamic = 'force-dynamic';

const CONTENT_TYPES = { wav: 'audio/wav', m4a: 'audio/mp4' } as const;

/** What a request names: the tune id, then `manifest`, `wav`, `m4a` or `hls/<file>`. */
function parse(parts: readonly string[]): { id: string; what: string; hlsFile: string | null } {
  const decoded = parts.map(decodeURIComponent);
  if (decoded.length >= 3 && decoded.at(-2) === 'hls') {
    return { id: decoded.slice(0, -2).join('/'), what: 'hls', hlsFile: decoded.at(-1)! };
  }
  return { id: decoded.slice(0, -1).join('/'), what: decoded.at(-1) ?? '', hlsFile: null };
}

function songOf(request: Request): number | null {
  const query = new URL(request.url).searchParams;
  if (!query.has('song')) return null;
  const song = Number(query.get('song'));
  if (!Number.isInteger(song) || song < 1) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `song must be a number from 1, got ${query.get('song')}`,
    );
  }
  return song;
}

/**
 * The playback API the streaming adapter reads, backed by `@sidflow/render`'s
 * disk cache (see `lib/server/render-cache.ts`):
 *
 * - `GET /api/playback/<id>/manifest`: the tune's availability manifest as
 *   `render()` wrote it, plus `onDemand` (what any song can be rendered as);
 * - `GET /api/playback/<id>/{wav,m4a}?song=N`: the render's file, with range
 *   requests; rendered by the engine on first request;
 * - `GET /api/playback/<id>/hls/index.m3u8?song=N` and its segments: the M4A's
 *   AAC cut into MPEG-TS segments by ffmpeg, for browsers without
 *   SharedArrayBuffer.
 *
 * Failures are JSON `{ code, error }`.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ parts: string[] }> },
): Promise<Response> {
  try {
    const { id, what, hlsFile } = parse((await context.params).parts);
    if (what === 'manifest') {
      return Response.json(await playbackManifest(id), {
        headers: { 'Cache-Control': 'no-cache' },
      });
    }
    if (what !== 'wav' && what !== 'm4a' && what !== 'hls') {
      throw new StreamError(
        'STREAM_FORMAT_UNKNOWN',
        `no ${JSON.stringify(what)} stream of ${id}: ask for manifest, wav, m4a or hls/${HLS_PLAYLIST}`,
      );
    }
    const song = songOf(request);
    const cached = await cachedRender(id, song);
    const origin = { 'X-SIDFlow-Render': cached.origin };
    if (what !== 'hls') {
      const file = renderFile(cached, what);
      return await fileResponse(request, file.path, CONTENT_TYPES[what], {
        ...origin,
        ETag: `"${file.sha256}"`,
      });
    }
    const folder = await hlsFolder(cached);
    if (hlsFile === HLS_PLAYLIST) {
      const playlist = await readFile(join(/*turbopackIgnore: true*/ folder, HLS_PLAYLIST), 'utf8');
      return new Response(playlistForSong(playlist, cached.render.song), {
        headers: {
          ...origin,
          'Content-Type': 'application/vnd.apple.mpegurl',
          'Cache-Control': 'no-cache',
        },
      });
    }
    if (!hlsFile || !isSegmentName(hlsFile)) {
      throw new StreamError(
        'STREAM_FORMAT_UNKNOWN',
        `no HLS file ${JSON.stringify(hlsFile)}: ask for ${HLS_PLAYLIST} and the segments it lists`,
      );
    }
    const segment = join(/*turbopackIgnore: true*/ folder, hlsFile);
    if (!(await stat(segment).catch(() => null))) {
      throw new StreamError('STREAM_FORMAT_UNKNOWN', `the HLS playlist of ${id} has no ${hlsFile}`);
    }
    return await fileResponse(request, segment, 'video/mp2t', origin);
  } catch (error) {
    return errorResponse(error);
  }
}

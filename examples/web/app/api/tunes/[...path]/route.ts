import { errorResponse } from '../../../../lib/server/error-response';
import { readTune } from '../../../../lib/server/tune-library';

export const dynamic = 'force-dynamic';

/** `GET /api/tunes/<id>`: the bytes of one tune (`demo/<file>` or `hvsc/<path>`). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  try {
    const { path } = await context.params;
    const { bytes, fileName } = await readTune(path.map((p) => decodeURIComponent(p)).join('/'));
    return new Response(bytes, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(bytes.length),
        'Content-Disposition': `inline; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`,
        'Cache-Control': 'no-cache',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

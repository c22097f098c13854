import { errorResponse } from '../../../lib/server/error-response';
import { tuneCatalog } from '../../../lib/server/tune-library';

export const dynamic = 'force-dynamic';

/** `GET /api/tunes`: the demo tunes with their header fields, and whether HVSC can be browsed. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await tuneCatalog());
  } catch (error) {
    return errorResponse(error);
  }
}

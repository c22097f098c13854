import { errorResponse } from '../../../lib/server/error-response';
import { listHvscFolder } from '../../../lib/server/tune-library';

export const dynamic = 'force-dynamic';

/** `GET /api/hvsc?dir=MUSICIANS/H`: one folder of the configured HVSC collection. */
export async function GET(request: Request): Promise<Response> {
  try {
    const dir = new URL(request.url).searchParams.get('dir') ?? '';
    return Response.json(await listHvscFolder(dir));
  } catch (error) {
    return errorResponse(error);
  }
}

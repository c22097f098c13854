import { TuneLibraryError } from './tune-library-error';

/** Turns a library failure into a JSON error response a page can show; anything else is a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof TuneLibraryError) {
    return Response.json({ code: error.code, error: error.message }, { status: error.status });
  }
  console.error(error);
  return Response.json(
    { code: 'INTERNAL', error: `the server failed: ${(error as Error).message}` },
    { status: 500 },
  );
}

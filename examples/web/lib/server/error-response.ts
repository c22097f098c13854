import { SidflowError } from '@sidflow/core';
import { TuneLibraryError } from './tune-library-error';

/** Turns a SIDFlow failure into a JSON error response a page can show; anything else is a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof TuneLibraryError) {
    return Response.json({ code: error.code, error: error.message }, { status: error.status });
  }
  if (error instanceof SidflowError) {
    // The request named something that exists but cannot be used (e.g. a tune the engine refuses).
    return Response.json({ code: error.code, error: error.message }, { status: 422 });
  }
  console.error(error);
  return Response.json(
    { code: 'INTERNAL', error: `the server failed: ${(error as Error).message}` },
    { status: 500 },
  );
}

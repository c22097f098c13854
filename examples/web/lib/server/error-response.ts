import { SidflowError } from '@sidflow/core';
import { StreamError } from './stream-error';
import { TuneLibraryError } from './tune-library-error';

function hasSidflowCode(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string')
    return false;
  // SIDFlow codes are PACKAGE_WHAT; Node's own are ERR_WHAT or errno names like ENOENT.
  return /^(?!ERR_)[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(error.code);
}

/** Turns a SIDFlow failure into a JSON error response a page can show; anything else is a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof TuneLibraryError || error instanceof StreamError) {
    return Response.json({ code: error.code, error: error.message }, { status: error.status });
  }
  // `@sidflow/render` is loaded by Node at run time (see render-package.ts), so its errors
  // may extend another copy of SidflowError than the bundled one: their stable code decides.
  if (error instanceof SidflowError || hasSidflowCode(error)) {
    // The request named something that exists but cannot be used (e.g. a tune the engine refuses).
    return Response.json({ code: error.code, error: error.message }, { status: 422 });
  }
  console.error(error);
  return Response.json(
    { code: 'INTERNAL', error: `the server failed: ${(error as Error).message}` },
    { status: 500 },
  );
}

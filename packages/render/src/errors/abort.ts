import { RenderError } from './render-error.js';

/** Throws `RENDER_ABORTED` when `signal` has fired; call between steps of long work. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new RenderError('RENDER_ABORTED', `${what}: aborted by the caller`);
}

import type * as RenderPackage from '@sidflow/render';

let loaded: Promise<typeof RenderPackage> | null = null;

/**
 * `@sidflow/render`, imported by Node at run time. The bundler must not
 * follow it: render starts worker threads and ffmpeg.wasm by file paths and
 * loads `tsx` in development, none of which survives bundling, and
 * `serverExternalPackages` does not keep a workspace package out of the
 * Turbopack bundle.
 */
export function renderPackage(): Promise<typeof RenderPackage> {
  loaded ??= import(/* turbopackIgnore: true */ /* webpackIgnore: true */ '@sidflow/render');
  return loaded;
}

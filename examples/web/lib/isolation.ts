/**
 * Query parameter that turns cross-origin isolation off for one page load:
 * `/?isolation=off` is served without COOP/COEP, so `crossOriginIsolated` is
 * false, SharedArrayBuffer is missing and the engine renders inside the
 * AudioWorklet instead of a worker. Every other URL gets the headers.
 */
export const ISOLATION_QUERY_KEY = 'isolation';

/** The value of {@link ISOLATION_QUERY_KEY} that turns isolation off. */
export const ISOLATION_OFF_VALUE = 'off';

/** The response headers that make a document cross-origin isolated. */
export const CROSS_ORIGIN_ISOLATION_HEADERS = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  // Our own assets say they may be embedded by our own isolated pages.
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
] as const;

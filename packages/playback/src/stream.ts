export type { StreamAdapter, StreamAdapterOptions } from './adapters/stream/stream-adapter.js';
export { createStreamAdapter } from './adapters/stream/stream-adapter.js';
export type { StreamFormat, StreamManifest } from './adapters/stream/stream-manifest.js';
export { formatsFor } from './adapters/stream/stream-manifest.js';

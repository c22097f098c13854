export type {
  NodeEngineAdapterOptions,
  NodeOutputKind,
} from './adapters/node/node-engine-adapter.js';
export { createNodeEngineAdapter } from './adapters/node/node-engine-adapter.js';
export { findExecutable } from './node-tools/find-executable.js';
export { readTuneFile } from './node-tools/read-tune-file.js';

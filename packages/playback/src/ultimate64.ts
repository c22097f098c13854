export type {
  Ultimate64AdapterOptions,
  Ultimate64Control,
} from './adapters/ultimate64/ultimate64-adapter.js';
export { createUltimate64Adapter } from './adapters/ultimate64/ultimate64-adapter.js';

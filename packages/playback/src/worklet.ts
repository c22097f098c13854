export type {
  WorkletAdapter,
  WorkletAdapterOptions,
  WorkletAdapterStats,
  WorkletRenderPath,
} from './adapters/worklet/worklet-adapter.js';
export { createWorkletAdapter } from './adapters/worklet/worklet-adapter.js';
export type { EngineChip } from './adapters/worklet/worklet-messages.js';

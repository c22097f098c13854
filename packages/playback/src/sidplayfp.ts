export type {
  SidplayfpAdapter,
  SidplayfpAdapterOptions,
} from './adapters/sidplayfp/sidplayfp-adapter.js';
export { createSidplayfpAdapter } from './adapters/sidplayfp/sidplayfp-adapter.js';
export type { SidplayfpInfo } from './adapters/sidplayfp/sidplayfp-probe.js';
export { probeSidplayfp } from './adapters/sidplayfp/sidplayfp-probe.js';

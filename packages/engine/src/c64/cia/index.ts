export type { Cia6526Options, CiaModel } from './cia6526.js';
export { Cia6526 } from './cia6526.js';

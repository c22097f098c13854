export * from './canonical/index.js';
export * from './config/index.js';
export { SidflowError } from './errors.js';
export * from './hvsc/index.js';
export * from './paths/index.js';
export * from './render/index.js';
export * from './rom/index.js';
export * from './sid-file/index.js';

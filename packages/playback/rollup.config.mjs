// The two browser bundles of the package: the AudioWorklet processor and the render worker.
import { browserBundle } from './scripts/rollup-browser.mjs';

export default [
  browserBundle('src/adapters/worklet/engine-processor.ts', 'dist/sidflow-worklet.js'),
  browserBundle('src/adapters/worklet/render-worker.ts', 'dist/sidflow-render-worker.js'),
];

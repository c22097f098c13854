import { defineConfig } from 'tsup';

export default defineConfig({
  // Worker scripts are entries of their own: they are started by file name (see start-module-worker.ts).
  entry: {
    index: 'src/index.ts',
    // Browser-safe subpath: manifest types and validation without any Node module.
    manifest: 'src/manifest/availability-manifest.ts',
    'wasm-encoder-worker': 'src/encode/wasm-encoder-worker.ts',
    'batch-worker': 'src/batch/batch-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', manifest: 'src/manifest/availability-manifest.ts' } },
  sourcemap: true,
  clean: true,
  // import.meta.url locates the worker scripts, also from the CommonJS build.
  shims: true,
  target: 'node20',
});

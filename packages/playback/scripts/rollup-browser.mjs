// Single-file browser bundles: the AudioWorklet processor and the render worker, each carrying
// the engine. Sibling packages are taken from source so modules they do not use (core's file
// helpers and zod schemas) drop out whole; types are checked by `tsc`, so files are only
// transpiled here. The build fails if a Node built-in survives into a bundle.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import ts from 'typescript';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sources = {
  '@sidflow/core': resolve(here, '../core/src/index.ts'),
  '@sidflow/engine': resolve(here, '../engine/src/index.ts'),
};

/** Resolves `./x.js` imports to `./x.ts` and strips the types. */
const transpile = {
  name: 'sidflow-transpile',
  async resolveId(id, importer) {
    if (sources[id]) return sources[id];
    if (importer?.endsWith('.ts') && id.startsWith('.') && id.endsWith('.js')) {
      return resolve(dirname(importer), id.replace(/\.js$/, '.ts'));
    }
    return null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const out = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    });
    return { code: out.outputText, map: null };
  },
};

const noNodeBuiltins = {
  name: 'no-node-builtins',
  generateBundle(_options, output) {
    for (const chunk of Object.values(output)) {
      if (chunk.type === 'chunk' && chunk.imports.length > 0) {
        this.error(`${chunk.fileName} still imports ${chunk.imports.join(', ')}`);
      }
    }
  },
};

/** A rollup config for one single-file ES bundle of `input` (TypeScript) for browsers. */
export const browserBundle = (input, file) => ({
  input,
  output: { file, format: 'es', sourcemap: false, inlineDynamicImports: true },
  external: (id) => id.startsWith('node:'),
  treeshake: { moduleSideEffects: false },
  onwarn(warning, warn) {
    // zod (core's config schemas, tree-shaken away) trips both; neither affects the bundles.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'INVALID_ANNOTATION') return;
    warn(warning);
  },
  plugins: [transpile, nodeResolve({ browser: true }), noNodeBuiltins],
});

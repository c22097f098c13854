import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of this package's worker scripts. From the built package the
 * script is `dist/<name>.js`; when running from TypeScript sources (tests,
 * `tsx`) it is `src/<sourcePath>.ts`, loaded through tsx's ESM hooks, which
 * a worker does not inherit from its parent.
 *
 * @param sourcePath - path below `src/` without extension, e.g. `encode/wasm-encoder-worker`
 * @param distName - file name below `dist/` without extension
 * @param workerData - passed to the worker as `workerData`
 */
export function startModuleWorker(
  sourcePath: string,
  distName: string,
  workerData?: unknown,
): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    return new Worker(new URL(`./${distName}.js`, here), { workerData });
  }
  const target = new URL(`../${sourcePath}.ts`, here).href;
  const require = createRequire(here);
  // tsx's CommonJS entry of the API cannot register ESM hooks from an eval worker; its ESM twin can.
  const api = pathToFileURL(join(dirname(require.resolve('tsx/esm/api')), 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

import type { FuzzTarget } from '../fuzz-harness.js';

/** Every core parser's fuzz target. Each module under this folder adds its own. */
export async function allFuzzTargets(): Promise<FuzzTarget[]> {
  const modules = await Promise.all([
    import('./sid-file.js'),
    import('./config.js'),
    import('./hvsc.js'), // ...
  ]);
  return modules.flatMap((m: { targets: FuzzTarget[] }) => m.targets);
}

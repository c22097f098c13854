import type { FuzzTarget } from '../fuzz-harness.js';

/** Every core parser's fuzz target. Each module under this folder adds its own. */
export async function allFuzzTargets(): Promise<FuzzTarget[]> {
  const modules = await Promise.all([
    // import('./sid-file.js'), import('./hvsc.js'), import('./config.js'), ...
  ]);
  return modules.flatMap((m: { targets: FuzzTarget[] }) => m.targets);
}

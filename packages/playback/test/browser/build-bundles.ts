import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
// @ts-expect-error: a plain ESM build script without type declarations
import { browserBundle } from '../../scripts/rollup-browser.mjs';

const pkg = join(import.meta.dirname, '..', '..');

/** Builds the worklet, the render worker and the test page script into `dir` (in parallel). */
export async function buildBrowserBundles(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const jobs: [string, string][] = [
    ['src/adapters/worklet/engine-processor.ts', 'sidflow-worklet.js'],
    ['src/adapters/worklet/render-worker.ts', 'sidflow-render-worker.js'],
    ['test/browser/page-entry.ts', 'page.js'],
  ];
  await Promise.all(
    jobs.map(async ([input, name]) => {
      const config = browserBundle(join(pkg, input), join(dir, name));
      const build = await rollup({ ...config, onwarn: () => undefined });
      await build.write(config.output);
      await build.close();
    }),
  );
}

import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
// @ts-expect-error: a plain ESM build script without type declarations
import { browserBundle } from '../../scripts/rollup-browser.mjs';

const pkg = join(import.meta.dirname, '..', '..');
const JOBS: [string, string][] = [
  ['src/adapters/worklet/engine-processor.ts', 'sidflow-worklet.js'],
  ['src/adapters/worklet/render-worker.ts', 'sidflow-render-worker.js'],
  ['test/browser/page-entry.ts', 'page.js'],
];
/** Where built test bundles are kept between test files and runs. */
const CACHE = join(pkg, '..', '..', 'node_modules', '.cache', 'sidflow-playback-browser');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return t;
}

function fresh(): boolean {
  const sources = Math.max(
    newest(join(pkg, 'src')),
    newest(join(pkg, 'test')),
    newest(join(pkg, '..', 'engine', 'src')),
    newest(join(pkg, '..', 'core', 'src')),
  );
  try {
    return JOBS.every(([, name]) => statSync(join(CACHE, name)).mtimeMs > sources);
  } catch {
    return false;
  }
}

/**
 * The worklet, the render worker and the test page script, built from source
 * (in parallel) unless the cached builds are newer than every source file.
 * Returns their directory.
 */
export async function browserBundles(): Promise<string> {
  if (fresh()) return CACHE;
  mkdirSync(CACHE, { recursive: true });
  await Promise.all(
    JOBS.map(async ([input, name]) => {
      const tmp = join(CACHE, `${name}.${process.pid}.tmp`);
      const config = browserBundle(join(pkg, input), tmp);
      const build = await rollup({ ...config, onwarn: () => undefined });
      await build.write(config.output);
      await build.close();
      renameSync(tmp, join(CACHE, name));
    }),
  );
  return CACHE;
}

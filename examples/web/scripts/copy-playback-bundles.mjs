#!/usr/bin/env node
// Copies the playback package's browser bundles (the AudioWorklet processor and
// the render worker) into public/, where the page loads them by URL. They are
// build outputs, so they are copied at build time and never committed.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const appDir = join(import.meta.dirname, '..');
const distDir = join(appDir, '..', '..', 'packages', 'playback', 'dist');
const publicDir = join(appDir, 'public');
const bundles = ['sidflow-worklet.js', 'sidflow-render-worker.js'];

mkdirSync(publicDir, { recursive: true });
const missing = bundles.filter((name) => !existsSync(join(distDir, name)));
if (missing.length > 0) {
  console.error(
    `examples/web: ${missing.join(', ')} not found in packages/playback/dist. ` +
      'Build the packages first: npm run build (at the repository root).',
  );
  process.exit(1);
}
for (const name of bundles) copyFileSync(join(distDir, name), join(publicDir, name));
console.log(`examples/web: copied ${bundles.join(', ')} into public/`);

#!/usr/bin/env node
// Fails when a publishable package would ship anything but dist, README, LICENSE
// and package.json.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { workspacesInOrder } from './workspaces.mjs';

const root = join(import.meta.dirname, '..');
const allowed = /^(dist\/.+|README\.md|LICENSE|package\.json)$/;
let failed = false;
for (const w of workspacesInOrder()) {
  if (w.private) continue;
  const out = execFileSync('npm', ['pack', '--dry-run', '--json'], {
    cwd: join(root, w.dir),
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out);
  const files = info.files.map((f) => f.path);
  const extra = files.filter((f) => !allowed.test(f));
  const missing = ['README.md', 'LICENSE', 'package.json'].filter((f) => !files.includes(f));
  if (!files.some((f) => f.startsWith('dist/'))) missing.push('dist/');
  if (extra.length || missing.length) {
    failed = true;
    console.error(
      `${w.name}: unexpected ${JSON.stringify(extra)} missing ${JSON.stringify(missing)}`,
    );
  } else {
    console.log(`${w.name}: ${files.length} files, ${(info.size / 1024).toFixed(1)} KiB packed`);
  }
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// `npm start`: builds what is missing, then renders the project's own demo
// tunes with the sidflow CLI and prints where the WAV files are. (The web app
// replaces this once the playback package exists.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const built = ['packages/core', 'packages/engine', 'examples/cli'].every((p) =>
  existsSync(join(root, p, 'dist')),
);
if (!built) run('npm', ['run', 'build']);

const tuneDir = join(root, 'tunes', 'sid');
const outDir = join(root, 'out');
mkdirSync(outDir, { recursive: true });
const tunes = readdirSync(tuneDir)
  .filter((f) => f.endsWith('.sid'))
  .sort();
console.log(
  `SIDFlow: rendering ${tunes.length} demo tunes from tunes/sid with the SIDFlow engine\n`,
);
for (const tune of tunes) {
  const out = join(outDir, tune.replace(/\.sid$/, '.wav'));
  run('node', [
    join(root, 'examples/cli/bin/sidflow.js'),
    'render',
    join(tuneDir, tune),
    '--seconds',
    '20',
    '--out',
    out,
  ]);
}
console.log(
  `\nDone. Play them with any audio player, e.g.: ffplay -autoexit ${join('out', tunes[0]?.replace(/\.sid$/, '.wav') ?? '')}`,
);

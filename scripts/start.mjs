#!/usr/bin/env node
// `npm start`: builds what is stale (each package whose sources are newer than
// its dist, then the web app when it or a package changed since its last
// `next build`), then serves the example web app with `next start` on port 3000
// (PORT overrides it) and prints the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workspacesInOrder } from './workspaces.mjs';

const root = join(import.meta.dirname, '..');
const webDir = 'examples/web';
const port = Number(process.env.PORT ?? 3000);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** Newest modification time under `path` (0 when it does not exist), skipping build output. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === '.next' || name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** When a package was last built: the newest file in its dist (0 when never). */
function builtAt(dir) {
  const dist = join(root, dir, 'dist');
  if (!existsSync(dist)) return 0;
  // newestMtime skips folders named dist, so walk its children directly.
  return Math.max(0, ...readdirSync(dist).map((name) => newestMtime(join(dist, name))));
}

function build(dir) {
  console.log(`\n> building ${dir}`);
  const r = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: join(root, dir),
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) {
    console.error(`npm start: building ${dir} failed (exit code ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const packageInputs = [
  'src',
  'package.json',
  'tsup.config.ts',
  'rollup.config.mjs',
  'rollup.config.ts',
];
let newestPackageBuild = 0;
// The web app bundles the packages (packages/*), not the other examples.
for (const w of workspacesInOrder()) {
  if (!w.dir.startsWith('packages/') || !w.scripts.build) continue;
  const inputs = Math.max(...packageInputs.map((p) => newestMtime(join(root, w.dir, p))));
  if (builtAt(w.dir) < inputs) build(w.dir);
  newestPackageBuild = Math.max(newestPackageBuild, builtAt(w.dir));
}

const webInputs = ['app', 'components', 'lib', 'scripts', 'next.config.ts', 'package.json'];
const buildId = join(root, webDir, '.next', 'BUILD_ID');
const webBuiltAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const webNewest = Math.max(
  newestPackageBuild,
  ...webInputs.map((p) => newestMtime(join(root, webDir, p))),
);
if (webBuiltAt < webNewest) build(webDir);

const url = `http://localhost:${port}/`;
console.log(`\nSIDFlow web player: ${url}`);
console.log(`(without cross-origin isolation: ${url}?isolation=off)\n`);
// Node directly rather than `npm run start`, so Ctrl+C and SIGTERM reach the server.
const server = spawn(
  process.execPath,
  [join(root, webDir, 'scripts', 'next.mjs'), 'start', '-p', String(port)],
  {
    cwd: join(root, webDir),
    stdio: 'inherit',
    env,
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

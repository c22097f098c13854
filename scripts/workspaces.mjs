#!/usr/bin/env node
// Runs an npm script in every workspace that defines it, in dependency order
// (npm's own --workspaces runs them in declaration order, which breaks builds
// whose packages import each other's dist).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** @returns {{dir: string, name: string, deps: string[], scripts: Record<string,string>}[]} */
export function workspacesInOrder() {
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const all = rootPkg.workspaces.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const deps = Object.keys({
      ...pkg.dependencies,
      ...pkg.devDependencies,
      ...pkg.peerDependencies,
    });
    return { dir, name: pkg.name, deps, scripts: pkg.scripts ?? {}, private: !!pkg.private };
  });
  const byName = new Map(all.map((w) => [w.name, w]));
  const done = new Set();
  const ordered = [];
  const visit = (w, stack) => {
    if (done.has(w.name)) return;
    if (stack.includes(w.name))
      throw new Error(`workspace cycle: ${[...stack, w.name].join(' -> ')}`);
    for (const d of w.deps) if (byName.has(d)) visit(byName.get(d), [...stack, w.name]);
    done.add(w.name);
    ordered.push(w);
  };
  for (const w of all) visit(w, []);
  return ordered;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const script = process.argv[2];
  if (!script) {
    console.error('usage: workspaces.mjs SCRIPT [args...]');
    process.exit(2);
  }
  for (const w of workspacesInOrder()) {
    if (!w.scripts[script]) continue;
    console.log(`\n> ${w.name}: npm run ${script}`);
    const r = spawnSync('npm', ['run', script, '--silent', ...process.argv.slice(3)], {
      cwd: join(root, w.dir),
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      console.error(`${w.name}: "${script}" failed with exit code ${r.status}`);
      process.exit(r.status ?? 1);
    }
  }
}

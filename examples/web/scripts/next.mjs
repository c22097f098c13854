#!/usr/bin/env node
// Runs the Next.js CLI with telemetry off (the machines this runs on have no
// network beyond the package registry) and the working directory set to the app.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const appDir = join(import.meta.dirname, '..');
const nextBin = createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, ...process.argv.slice(2)], {
  cwd: appDir,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

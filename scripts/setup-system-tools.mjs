#!/usr/bin/env node
// Makes sure the system tools the tests drive are present: installs the missing
// Debian packages when running as root, otherwise says exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → a binary that proves it is installed. */
const needed = {
  sidplayfp: '/usr/bin/sidplayfp',
  'libsidplayfp-dev': '/usr/include/sidplayfp/sidplayfp.h',
  ffmpeg: '/usr/bin/ffmpeg',
  flac: '/usr/bin/flac',
  sox: '/usr/bin/sox',
  // The browser tests drive Debian's Chromium with playwright-core (it never downloads one).
  chromium: '/usr/bin/chromium',
};

const missing = Object.entries(needed)
  .filter(([, probe]) => !existsSync(probe))
  .map(([pkg]) => pkg);

if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `The tests need these Debian packages: ${missing.join(' ')}.\n` +
      `Install them with: sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
console.log(`installing ${missing.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
if (!run(['install', '-y', '--no-install-recommends', ...missing])) {
  if (!run(['update']) || !run(['install', '-y', '--no-install-recommends', ...missing])) {
    console.error(`apt-get could not install ${missing.join(' ')}`);
    process.exit(1);
  }
}

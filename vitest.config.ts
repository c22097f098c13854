import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * Tests import sibling packages from source, so no build is needed to test them; subpath
 * entries (`@sidflow/playback/node`) map to `src/node.ts`.
 */
function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const dir of ['packages', 'examples']) {
    const base = join(root, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const src = join(base, name, 'src');
      if (!existsSync(join(src, 'index.ts'))) continue;
      aliases.push({
        find: new RegExp(`^@sidflow/${name}/(\\w[\\w-]*)$`),
        replacement: `${resolve(src)}/$1.ts`,
      });
      aliases.push({
        find: new RegExp(`^@sidflow/${name}$`),
        replacement: resolve(src, 'index.ts'),
      });
    }
  }
  return aliases;
}

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'tunes/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI machines have 2 cores; vitest's default leaves one idle.
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.generated.ts', '**/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'packages/core/src/**': { lines: 90 },
      },
    },
  },
});

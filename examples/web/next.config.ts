import type { NextConfig } from 'next';
import {
  CROSS_ORIGIN_ISOLATION_HEADERS,
  ISOLATION_OFF_VALUE,
  ISOLATION_QUERY_KEY,
} from './lib/isolation';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time instead of bundled: they read the file system by
  // computed paths, which would make the bundler trace the whole repository.
  serverExternalPackages: [
    '@sidflow/core',
    '@sidflow/engine',
    '@sidflow/render',
    '@sidflow/ultimate64',
  ],
  turbopack: {
    // @sidflow/playback imports @sidflow/core (header parser, error class),
    // whose dist is one file that also holds Node-only helpers importing
    // node:fs at the top. The page never calls them; in the browser bundle
    // those modules resolve to a stub that throws if anything ever does.
    resolveAlias: {
      fs: { browser: './lib/browser/node-fs-stub.ts' },
      'fs/promises': { browser: './lib/browser/node-fs-stub.ts' },
      'timers/promises': { browser: './lib/browser/node-fs-stub.ts' },
    },
    // @sidflow/core reads config and tunes by computed paths on purpose. The
    // warning is about tracing files for standalone deployments, which this
    // app does not make (it runs with `next start` inside the repository).
    ignoreIssue: [{ path: '**/packages/core/dist/**', title: /Dynamic filesystem access/ }],
  },
  // Headers are fixed at build time, so turning isolation off is a per-request
  // choice (a query parameter) rather than an environment variable of `next start`.
  async headers() {
    return [
      {
        source: '/:path*',
        missing: [{ type: 'query', key: ISOLATION_QUERY_KEY, value: ISOLATION_OFF_VALUE }],
        headers: [...CROSS_ORIGIN_ISOLATION_HEADERS],
      },
    ];
  },
};

export default nextConfig;

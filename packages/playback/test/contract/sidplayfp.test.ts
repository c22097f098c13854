import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { createPlaybackService } from '../../src/index.js';
import { createSidplayfpAdapter, type SidplayfpAdapter } from '../../src/sidplayfp.js';
import { corruptTune, demoTune } from '../fixtures.js';
import { runAdapterContract } from './run-contract.js';

// No sound card here: an ALSA "file" device over "null" keeps sidplayfp's real-time pacing.
const home = mkdtempSync(join(tmpdir(), 'sidflow-sidplayfp-contract-'));
mkdirSync(home, { recursive: true });
writeFileSync(
  join(home, '.asoundrc'),
  `pcm.!default { type file; slave.pcm "null"; file "${join(home, 'out.raw')}"; format "raw" }\n`,
);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('contract: sidplayfp adapter', () => {
  runAdapterContract(() => {
    const adapters = new WeakMap<object, SidplayfpAdapter>();
    return {
      adapterId: 'sidplayfp',
      createService() {
        const adapter = createSidplayfpAdapter({ env: { ...process.env, HOME: home } });
        const service = createPlaybackService({ adapters: [adapter] });
        adapters.set(service, adapter);
        return service;
      },
      tune: demoTune(),
      corrupt: corruptTune,
      canSeek: true,
      async leftRunning(service) {
        const pid = adapters.get(service)?.pid;
        return pid ? `sidplayfp (pid ${pid}) still runs` : null;
      },
    };
  });
});

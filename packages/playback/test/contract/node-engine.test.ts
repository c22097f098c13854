import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { createPlaybackService } from '../../src/index.js';
import { createNodeEngineAdapter } from '../../src/node.js';
import { corruptTune, demoTune } from '../fixtures.js';
import { runAdapterContract } from './run-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sidflow-node-adapter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('contract: node engine adapter (WAV output, paced)', () => {
  let n = 0;
  runAdapterContract(() => {
    const wavPath = join(dir, `take-${n++}.wav`);
    return {
      adapterId: 'node',
      createService: () =>
        createPlaybackService({
          adapters: [createNodeEngineAdapter({ output: 'wav', wavPath, realtime: true })],
        }),
      tune: demoTune(),
      corrupt: corruptTune,
      canSeek: true,
      async leftRunning() {
        // A finished take is a complete WAV: the header's data size matches the file.
        try {
          const wav = readFileSync(wavPath);
          return wav.readUInt32LE(40) === wav.length - 44 ? null : 'the WAV file was not finished';
        } catch {
          return null;
        }
      },
    };
  });
});

// The Ultimate 64 adapter driven by the real Ultimate64Client against the real device
// simulator of @sidflow/ultimate64 (HTTP + UDP on loopback). What the device does is
// checked by listening to its audio stream and reading its memory, not by asking the adapter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSidFile } from '@sidflow/core';
import {
  AuthenticationError,
  startSimulator,
  Ultimate64Client,
  type Ultimate64Simulator,
} from '@sidflow/ultimate64';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaybackService, type PlaybackError } from '../src/index.js';
import { createNodeEngineAdapter } from '../src/node.js';
import { createUltimate64Adapter } from '../src/ultimate64.js';
import { runAdapterContract } from './contract/run-contract.js';
import { closedPort, devicePeak } from './device-audio.js';
import { corruptTune, demoTune } from './fixtures.js';

const PASSWORD = 'c64';
let sim: Ultimate64Simulator;
let client: Ultimate64Client;
/** Requests `client` made, as `METHOD /path?query`. */
const requests: string[] = [];
let dir: string;

beforeAll(async () => {
  // speed 4: the audio stream runs four times real time, so listening to it is quick.
  sim = await startSimulator({ password: PASSWORD, speed: 4 });
  client = new Ultimate64Client({
    host: sim.host,
    password: PASSWORD,
    timeoutMs: 10_000,
    onRequest: (log) => {
      const url = new URL(log.url);
      requests.push(`${log.method} ${url.pathname}${url.search}`);
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'sidflow-u64-playback-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const adapterFor = (c: Ultimate64Client, timeoutMs?: number) =>
  createUltimate64Adapter({ client: c, name: c === client ? sim.host : undefined, timeoutMs });

describe('Ultimate 64 adapter against the device simulator', () => {
  it('plays the tune on the device, pauses and resumes it, and stop resets the machine', async () => {
    const tune = demoTune();
    const header = parseSidFile(tune);
    const s = createPlaybackService({ adapters: [adapterFor(client)] });
    try {
      await s.load({ bytes: tune, name: 'ode-to-joy.sid' }, { song: 2 });
      expect(s.activeAdapter).toBe('ultimate64');
      expect(await devicePeak(client)).toBe(0); // loaded, not yet sent

      requests.length = 0;
      await s.play();
      expect(requests).toEqual(['POST /v1/runners:sidplay?songnr=2']);
      expect(s.state).toBe('playing');
      expect(await devicePeak(client)).toBeGreaterThan(1000);
      // runners:sidplay put the tune's data at its load address.
      expect(await client.readMemory(header.loadAddress, 64)).toEqual(header.data.subarray(0, 64));

      await s.pause();
      expect(s.state).toBe('paused');
      expect(await devicePeak(client)).toBe(0); // machine:pause holds the CPU; the stream is silent
      await s.resume();
      expect(s.state).toBe('playing');
      expect(await devicePeak(client)).toBeGreaterThan(1000);

      requests.length = 0;
      await s.stop();
      expect(requests).toEqual(['PUT /v1/machine:reset']);
      expect(s.state).toBe('ready');
      expect(s.position).toBe(0);
      expect(await devicePeak(client)).toBe(0); // machine:reset silenced it
    } finally {
      await s.dispose();
    }
  });

  it('a wrong password gives the device’s typed authentication error', async () => {
    const wrong = new Ultimate64Client({ host: sim.host, password: 'nope', timeoutMs: 5000 });
    await expect(wrong.sidplay(demoTune())).rejects.toBeInstanceOf(AuthenticationError);
    const s = createPlaybackService({ adapters: [adapterFor(wrong)] });
    try {
      const [status] = await s.availability();
      expect(status.available).toBe(false);
      expect(status.reason).toMatch(/HTTP 403.*network password/);
      const error = (await s.load({ bytes: demoTune() }).catch((e) => e)) as PlaybackError;
      expect(error.code).toBe('PLAYBACK_NO_ADAPTER');
      expect(error.message).toMatch(/network password/);
    } finally {
      await s.dispose();
    }
  });

  it('an unreachable device makes the facade fall back to software; "hardware only" does not', async () => {
    const gone = new Ultimate64Client({
      host: `127.0.0.1:${await closedPort()}`,
      timeoutMs: 1000,
      retries: 0,
    });
    const fallbacks: { from: string; to: string | null; reason: string }[] = [];
    const s = createPlaybackService({
      adapters: [
        createNodeEngineAdapter({ output: 'wav', wavPath: join(dir, 'fallback.wav') }),
        adapterFor(gone, 1000),
      ],
      preference: 'hardware-if-available',
    });
    s.on('fallback', (e) => fallbacks.push(e));
    try {
      await s.load({ bytes: demoTune() }, { seconds: 0.2 });
      expect(s.activeAdapter).toBe('node');
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]).toMatchObject({ from: 'ultimate64', to: 'node' });
      expect(fallbacks[0].reason).toMatch(/unreachable.*cannot reach the device/);
    } finally {
      await s.dispose();
    }

    const strict = createPlaybackService({
      adapters: [
        createNodeEngineAdapter({ output: 'wav', wavPath: join(dir, 'never.wav') }),
        adapterFor(gone, 1000),
      ],
      preference: 'hardware-only',
    });
    try {
      const error = (await strict.load({ bytes: demoTune() }).catch((e) => e)) as PlaybackError;
      expect(error.code).toBe('PLAYBACK_NO_ADAPTER');
      expect(error.message).toMatch(/cannot reach the device.*never falls back to software/);
      expect(strict.activeAdapter).toBeNull();
    } finally {
      await strict.dispose();
    }
  });
});

describe('contract: Ultimate 64 adapter (device simulator)', () => {
  runAdapterContract(() => ({
    adapterId: 'ultimate64',
    createService: () => createPlaybackService({ adapters: [adapterFor(client)] }),
    tune: demoTune(),
    corrupt: corruptTune,
    canSeek: false,
    async leftRunning() {
      const peak = await devicePeak(client, 0.1);
      return peak === 0 ? null : `the device still sounds (peak ${peak}) instead of being reset`;
    },
  }));
});

// The web app's device proxy (/api/u64/...) against the real Ultimate 64 simulator of
// @sidflow/ultimate64: first the forwarding function on its own, then through `next start`
// with the playback facade's Ultimate 64 adapter driving the simulator over the proxy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlaybackService } from '@sidflow/playback';
import { createUltimate64Adapter } from '@sidflow/playback/ultimate64';
import {
  captureAudio,
  startSimulator,
  Ultimate64Client,
  type Ultimate64Simulator,
} from '@sidflow/ultimate64';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceProxyClient } from '../lib/browser/device-proxy-client';
import { forwardToDevice } from '../lib/server/device-proxy';
import { freePort, startWebApp, type WebAppServer, webAppDir } from './web-app-server';

const PASSWORD = 'pw';
const tune = new Uint8Array(
  readFileSync(join(webAppDir, '..', '..', 'tunes', 'sid', 'ode-to-joy.sid')),
);
let sim: Ultimate64Simulator;
/** A direct client, to check what the device does independently of the proxy. */
let direct: Ultimate64Client;

beforeAll(async () => {
  sim = await startSimulator({ password: PASSWORD, speed: 4 });
  direct = new Ultimate64Client({ host: sim.host, password: PASSWORD, timeoutMs: 10_000 });
});
afterAll(() => sim.close());

/** Peak of what the simulated device sounds now, heard on its UDP audio stream. */
async function devicePeak(): Promise<number> {
  try {
    const { pcm } = await captureAudio({
      seconds: 0.25,
      listen: { host: '127.0.0.1', port: 0 },
      onListening: ({ port }) => direct.startStream('audio', `127.0.0.1:${port}`),
    });
    return pcm.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  } finally {
    await direct.stopStream('audio');
  }
}

const env = () => ({ SIDFLOW_U64_HOST: sim.host, SIDFLOW_U64_PASSWORD: PASSWORD });
const at = (path: string, init?: RequestInit) => new Request(`http://web.example${path}`, init);

describe('forwardToDevice', () => {
  it('forwards path, query and body with the password added, and passes the answer back', async () => {
    const version = await forwardToDevice(at('/api/u64/v1/version'), env());
    expect(version.status).toBe(200);
    expect(await version.json()).toMatchObject({ version: '0.1' });
    // Percent-encoded segments reach the device as the page encoded them.
    const item = await forwardToDevice(
      at('/api/u64/v1/configs/SID%20Sockets%20Configuration/SID%20Socket%201'),
      env(),
    );
    expect(item.status).toBe(200);
    expect(Object.keys(await item.json())).toContain('SID Sockets Configuration');
    const write = await forwardToDevice(
      at('/api/u64/v1/machine:writemem?address=C000', {
        method: 'POST',
        body: new Uint8Array([1, 2, 3]),
      }),
      env(),
    );
    expect(write.status).toBe(200);
    expect(await direct.readMemory(0xc000, 3)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('never forwards a password from the browser, and passes the device’s 403 on', async () => {
    const answer = await forwardToDevice(
      at('/api/u64/v1/version', { headers: { 'X-Password': PASSWORD } }),
      { SIDFLOW_U64_HOST: sim.host },
    );
    expect(answer.status).toBe(403);
    expect(JSON.stringify(await answer.json())).toContain('network password');
  });

  it('answers its own failures as JSON with a code and a message to act on', async () => {
    const none = await forwardToDevice(at('/api/u64/v1/version'), {});
    expect(none.status).toBe(503);
    expect(await none.json()).toMatchObject({ code: 'U64_NOT_CONFIGURED' });
    const outside = await forwardToDevice(at('/api/u64/v2/../../secret'), env());
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ code: 'U64_BAD_PATH' });
    const closed = await freePort();
    const gone = await forwardToDevice(at('/api/u64/v1/version'), {
      SIDFLOW_U64_HOST: `127.0.0.1:${closed}`,
    });
    expect(gone.status).toBe(502);
    const body = (await gone.json()) as { code: string; error: string };
    expect(body.code).toBe('U64_UNREACHABLE');
    expect(body.error).toMatch(/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/);
  });
});

describe('/api/u64 in the built app (next start)', () => {
  let app: WebAppServer;
  beforeAll(async () => {
    app = await startWebApp(env());
  });
  afterAll(() => app?.close());

  it('lets the playback facade play on the device through the proxy and stop it', async () => {
    const client = createDeviceProxyClient(`${app.url}/api/u64`);
    const s = createPlaybackService({ adapters: [createUltimate64Adapter({ client })] });
    try {
      const [status] = await s.availability();
      expect(status.available, status.reason).toBe(true);
      await s.load({ bytes: tune, name: 'ode-to-joy.sid' }, { song: 2 });
      await s.play();
      expect(await devicePeak()).toBeGreaterThan(1000);
      await s.stop();
      expect(await devicePeak()).toBe(0);
    } finally {
      await s.dispose();
    }
    const config = await fetch(`${app.url}/api/u64/v1/configs/Audio%20Mixer`);
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(await config.json())).toContain('Audio Mixer');
  });
});

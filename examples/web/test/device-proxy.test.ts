// The web app's device proxy (/api/u64/...) against the real Ultimate 64 simulator of
// @sidflow/ultimate64: first the forwarding function on its own, then through `next start`
// with the playback facade's Ultimate 64 adapter driving the simulator over the proxy.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createPlaybackService } from '@sidflow/playback';
import { createUltimate64Adapter } from '@sidflow/playback/ultimate64';
import {
  captureAudio,
  startSimulator,
  Ultimate64Client,
  type Ultimate64Simulator,
} from '@sidflow/ultimate64';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceProxyClient } from '../lib/browser/device-proxy-client';
import { forwardToDevice } from '../lib/server/device-proxy';
import { launchChromium } from './chromium';
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

/** How long a test waits for the page to reach the device (a loaded machine is slow). */
const POLL = { timeout: 15_000, interval: 100 };

/** One REST call that reached the simulator through the recorder. */
interface DeviceCall {
  method: string;
  url: string;
  body: Uint8Array;
  status: number;
}

/**
 * A pass-through in front of the simulator that notes every call, so a test can
 * see which tune and song the device was asked to play (the simulator keeps no log).
 */
async function startRecorder(
  target: string,
): Promise<{ host: string; calls: DeviceCall[]; close(): Promise<void> }> {
  const calls: DeviceCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = new Uint8Array(Buffer.concat(chunks));
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'x-password']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`http://${target}${req.url}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    calls.push({ method: req.method ?? '', url: req.url ?? '', body, status: answer.status });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The C64 data of a PSID file and where it loads. */
function psidPayload(sid: Uint8Array): { load: number; data: Uint8Array } {
  const offset = (sid[6] << 8) | sid[7];
  const load = (sid[8] << 8) | sid[9];
  if (load !== 0) return { load, data: sid.subarray(offset) };
  return { load: sid[offset] | (sid[offset + 1] << 8), data: sid.subarray(offset + 2) };
}
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
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let browser: Browser;
  beforeAll(async () => {
    recorder = await startRecorder(sim.host);
    [app, browser] = await Promise.all([
      startWebApp({ SIDFLOW_U64_HOST: recorder.host, SIDFLOW_U64_PASSWORD: PASSWORD }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await recorder?.close();
  });
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

  it('plays on the device from the page: Ultimate 64 chosen, song sent, stop resets', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(app.url);
      const device = await page.waitForSelector('[data-testid=device-status][data-available=true]');
      expect(await device.textContent()).toMatch(/answers \(API version 0\.1\)/);
      await page.selectOption('[data-testid=adapter]', 'ultimate64');
      const from = recorder.calls.length;
      await page.click('[data-tune-id="demo/ode-to-joy.sid"]');
      await page.waitForSelector(
        '[data-testid=status][data-adapter=ultimate64][data-state=playing]',
      );
      // The tune went to the device's SID player with the start song, password added by the server.
      const sidplay = recorder.calls
        .slice(from)
        .filter((c) => c.url.startsWith('/v1/runners:sidplay'));
      expect(sidplay.map((c) => `${c.method} ${c.url} ${c.status}`)).toEqual([
        'POST /v1/runners:sidplay?songnr=1 200',
      ]);
      expect(sidplay[0].body).toEqual(tune);
      // The simulator took it: the tune's code sits in its memory and it sounds.
      const { load, data } = psidPayload(tune);
      expect(sim.memory.subarray(load, load + 64)).toEqual(data.subarray(0, 64));
      expect(await devicePeak()).toBeGreaterThan(1000);
      expect(await page.textContent('[data-testid=device-status]')).toMatch(/playing/);

      await page.click('[data-testid=next-song]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=subtune]')?.textContent === '2 / 2',
      );
      // Song 2 went to the device (the page shows song 2 at once; the device is asked after a reset).
      await expect
        .poll(
          () => recorder.calls.slice(from).some((c) => c.url === '/v1/runners:sidplay?songnr=2'),
          POLL,
        )
        .toBe(true);
      // Its state was `ready` before that request went out, so `playing` now is song 2's.
      await page.waitForSelector('[data-testid=status][data-state=playing][data-song="2"]');

      const beforeStop = recorder.calls.length;
      await page.click('[data-testid=stop]');
      await expect
        .poll(
          () =>
            recorder.calls
              .slice(beforeStop)
              .some((c) => `${c.method} ${c.url}` === 'PUT /v1/machine:reset'),
          POLL,
        )
        .toBe(true);
      await page.waitForSelector('[data-testid=status]:not([data-state=playing])');
      const calls = recorder.calls.slice(from).map((c) => `${c.method} ${c.url} ${c.status}`);
      expect(await devicePeak(), calls.join('\n')).toBe(0);
      expect(await page.$('[data-testid=error]')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

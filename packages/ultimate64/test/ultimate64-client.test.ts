import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  DeviceError,
  DeviceTimeoutError,
  DeviceUnreachableError,
  InvalidArgumentError,
  OperationAbortedError,
  parseDeviceAddress,
  type RequestLog,
  startSimulator,
  Ultimate64Client,
  type Ultimate64Simulator,
  UnexpectedResponseError,
} from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const tune = new Uint8Array(readFileSync(join(root, 'tunes', 'sid', 'ode-to-joy.sid')));

let sim: Ultimate64Simulator;
let client: Ultimate64Client;
const logs: RequestLog[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    files: { '/USB0/tunes/ode.sid': tune, '/USB0/disk.d64': new Uint8Array(174_848) },
  });
  client = new Ultimate64Client({ host: sim.host, onRequest: (l) => logs.push(l) });
});
afterAll(async () => {
  await sim.close();
});

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; host: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('device address', () => {
  it('accepts HOST, HOST:PORT and http:// forms', () => {
    expect(parseDeviceAddress('192.168.1.64').baseUrl).toBe('http://192.168.1.64:80');
    expect(parseDeviceAddress('u64.local:8080')).toMatchObject({
      hostname: 'u64.local',
      port: 8080,
    });
    expect(parseDeviceAddress('http://10.0.0.2:81/').baseUrl).toBe('http://10.0.0.2:81');
    expect(() => parseDeviceAddress('https://x')).toThrow(InvalidArgumentError);
    expect(() => parseDeviceAddress('')).toThrow(/empty/);
  });
});

describe('Ultimate64Client against the simulator', () => {
  it('reads version and info, and logs each request', async () => {
    logs.length = 0;
    expect(await client.version()).toEqual({ version: '0.1' });
    const info = await client.info();
    expect(info.product).toBe('Ultimate 64');
    expect(info.firmware_version).toBe('3.12');
    expect(info).not.toHaveProperty('errors');
    expect(logs.map((l) => [l.method, l.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(logs[0].url).toBe(`${sim.url}/v1/version`);
  });

  it('tests the connection with a latency figure', async () => {
    const t = await client.testConnection();
    expect(t.ok).toBe(true);
    expect(t.version).toBe('0.1');
    expect(t.latencyMs).toBeGreaterThan(0);
    const bad = await new Ultimate64Client({ host: '127.0.0.1:1', retries: 0 }).testConnection();
    expect(bad).toMatchObject({ ok: false, code: 'U64_UNREACHABLE' });
  });

  it('lists config categories, reads one with a percent-encoded name, and item details', async () => {
    const categories = await client.configCategories();
    expect(categories).toContain('SID Sockets Configuration');
    expect(categories).toContain('UltiSID Configuration');
    logs.length = 0;
    const sockets = await client.configCategory('SID Sockets Configuration');
    expect(logs[0].url).toContain('/v1/configs/SID%20Sockets%20Configuration');
    expect(sockets['SID Sockets Configuration']['SID Socket 1']).toBe('Enabled');
    const detail = await client.configItem('UltiSID Configuration', 'UltiSID 1 Filter Curve');
    expect(detail['UltiSID Configuration']['UltiSID 1 Filter Curve']).toEqual({
      current: '6581',
      values: ['6581', '8580 Lo', '8580 Hi'],
      default: '6581',
    });
    const ranged = await client.configItem('Drive A Settings', 'Drive Bus ID');
    expect(ranged['Drive A Settings']['Drive Bus ID']).toMatchObject({
      current: 8,
      min: 8,
      max: 11,
    });
    const wild = await client.configCategory('UltiSID*');
    expect(Object.keys(wild)).toEqual(['UltiSID Configuration']);
  });

  it('sets items singly and in a batch, and saves, loads and resets flash', async () => {
    await client.setConfig('UltiSID Configuration', 'UltiSID 1 Filter Curve', '8580 Hi');
    await client.setConfigs({ 'Drive A Settings': { 'Drive Bus ID': 9 } });
    let cat = await client.configCategory('UltiSID Configuration');
    expect(cat['UltiSID Configuration']['UltiSID 1 Filter Curve']).toBe('8580 Hi');
    await client.saveConfigToFlash();
    await client.resetConfigToDefault();
    cat = await client.configCategory('UltiSID Configuration');
    expect(cat['UltiSID Configuration']['UltiSID 1 Filter Curve']).toBe('6581');
    await client.loadConfigFromFlash();
    const drive = await client.configCategory('Drive A Settings');
    expect(drive['Drive A Settings']['Drive Bus ID']).toBe(9);
    await client.resetConfigToDefault();
    await client.saveConfigToFlash();
  });

  it('turns an errors array on HTTP 200 into a DeviceError', async () => {
    const error = await client
      .setConfig('UltiSID Configuration', 'UltiSID 1 Filter Curve', '9999')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).status).toBe(200);
    expect((error as DeviceError).code).toBe('U64_DEVICE_ERROR');
    expect((error as DeviceError).errors[0]).toMatch(/not one of the allowed values/);
    const range = await client
      .setConfig('Drive A Settings', 'Drive Bus ID', 30)
      .catch((e: unknown) => e);
    expect((range as DeviceError).errors[0]).toMatch(/out of range 8\.\.11/);
    const missing = await client.configCategory('No Such Category').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DeviceError);
    expect((missing as DeviceError).status).toBe(404);
  });

  it('writes and reads memory in both writemem forms, refusing a wrap past $FFFF', async () => {
    await client.writeMemory(0xc000, new Uint8Array([1, 2, 3, 0xff]));
    expect([...(await client.readMemory(0xc000, 4))]).toEqual([1, 2, 3, 0xff]);
    const big = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    logs.length = 0;
    await client.writeMemory(0x2000, big);
    expect(logs[0].method).toBe('POST');
    expect(await client.readMemory(0x2000, 1000)).toEqual(big);
    expect((await client.readMemory(0xd020)).length).toBe(256);
    await expect(client.writeMemory(0xfff0, new Uint8Array(32))).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(client.readMemory(0x10000, 1)).rejects.toThrow(/address/);
  });

  it('resets, reboots, pauses, resumes, presses menu, powers off; reads and writes the debug register', async () => {
    await client.reset();
    await client.pause();
    await client.resume();
    await client.menuButton();
    await client.powerOff();
    await client.writeMemory(0xd020, new Uint8Array([2]));
    await client.reboot();
    expect((await client.readMemory(0xd020, 1))[0]).toBe(0x0e);
    expect(await client.setDebugRegister(0x5a)).toBe(0x5a);
    expect(await client.debugRegister()).toBe(0x5a);
  });

  it('plays a tune by upload (with songnr) and from device storage; other runners', async () => {
    await client.sidplay(tune, { songnr: 1 });
    await client.runFile('sidplay', '/USB0/tunes/ode.sid', { songnr: 1 });
    const prg = new Uint8Array([0x01, 0x08, 0xaa, 0xbb]);
    await client.runData('load_prg', prg);
    expect([...(await client.readMemory(0x0801, 2))]).toEqual([0xaa, 0xbb]);
    await client.runData('run_prg', prg);
    await client.runData('modplay', new Uint8Array(2000));
    await client.runData('run_crt', new Uint8Array(2000));
    const notSid = await client
      .sidplay(new TextEncoder().encode('just text, not a tune at all........'))
      .catch((e) => e);
    expect(notSid).toBeInstanceOf(DeviceError);
    await expect(client.runFile('sidplay', '/USB0/missing.sid')).rejects.toThrow(/File not found/);
  });

  it('lists drives, mounts by path and by upload, and drives every drive command', async () => {
    const drives = await client.drives();
    expect(drives[0].a).toMatchObject({ enabled: true, bus_id: 8, type: '1541' });
    await client.mount('a', '/USB0/disk.d64', { type: 'd64', mode: 'readonly' });
    expect((await client.drives())[0].a.image_file).toBe('disk.d64');
    await client.driveRemove('a');
    await client.mount('b', new Uint8Array(174_848), { type: 'd64' });
    expect((await client.drives())[1].b.image_file).toBe('upload.d64');
    await client.driveOn('b');
    await client.driveSetMode('b', '1581');
    expect((await client.drives())[1].b).toMatchObject({ enabled: true, type: '1581' });
    await client.driveOff('b');
    await client.driveReset('a');
    await client.driveLoadRom('a', new Uint8Array(16384));
    await expect(client.driveOn('z')).rejects.toThrow(DeviceError);
  });

  it('creates disk images and reads file info', async () => {
    await client.createDiskImage('/USB0/new disk.d64', 'd64', { tracks: 40, diskname: 'SIDFLOW' });
    expect(await client.fileInfo('/USB0/new disk.d64')).toEqual({
      path: '/USB0/new disk.d64',
      filename: 'new disk.d64',
      size: 196_608,
      extension: 'D64',
    });
    await client.createDiskImage('/USB0/x.d71', 'd71');
    await client.createDiskImage('/USB0/x.d81', 'd81');
    await client.createDiskImage('/USB0/x.dnp', 'dnp', { tracks: 2 });
    expect((await client.fileInfo('/USB0/x.dnp')).size).toBe(2 * 65536);
    await expect(client.createDiskImage('/USB0/y.d64', 'd64', { tracks: 36 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(client.fileInfo('/USB0/none.d64')).rejects.toThrow(DeviceError);
  });

  it('starts and stops streams; video stops debug', async () => {
    await client.startStream('debug', '127.0.0.1:9');
    expect(sim.activeStreams).toEqual(['debug']);
    await client.startStream('video', '127.0.0.1:9');
    expect(sim.activeStreams).toEqual(['video']);
    await client.stopStream('video');
    expect(sim.activeStreams).toEqual([]);
    await expect(client.startStream('audio', 'not a host:x')).rejects.toThrow(DeviceError);
  });
});

describe('Ultimate64Client error paths', () => {
  it('sends X-Password and maps 403 to AuthenticationError', async () => {
    const locked = await startSimulator({ password: 's3cret' });
    try {
      const anonymous = new Ultimate64Client({ host: locked.host });
      const error = await anonymous.version().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).code).toBe('U64_AUTH');
      await expect(
        new Ultimate64Client({ host: locked.host, password: 'wrong' }).reset(),
      ).rejects.toThrow(AuthenticationError);
      const ok = new Ultimate64Client({ host: locked.url, password: 's3cret' });
      expect((await ok.version()).version).toBe('0.1');
      // A password sent to an open device is harmless.
      expect(
        (await new Ultimate64Client({ host: sim.host, password: 'x' }).version()).version,
      ).toBe('0.1');
    } finally {
      await locked.close();
    }
  });

  it('reports a device that answers HTML as an unexpected response, not a crash', async () => {
    const { server, host } = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>router login</body></html>');
    });
    try {
      const error = await new Ultimate64Client({ host }).version().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toMatch(/HTML page/);
      await expect(new Ultimate64Client({ host }).readMemory(0, 1)).rejects.toThrow(
        UnexpectedResponseError,
      );
    } finally {
      await stop(server);
    }
  });

  it('times out, retries idempotent reads with backoff, but never retries actions', async () => {
    let hits = 0;
    const { server, host } = await listen(() => {
      hits++; // never answers
    });
    try {
      const slow = new Ultimate64Client({ host, timeoutMs: 150, retries: 2, retryDelayMs: 20 });
      const error = await slow.version().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceTimeoutError);
      expect(hits).toBe(3);
      hits = 0;
      await expect(slow.reset()).rejects.toThrow(DeviceTimeoutError);
      expect(hits).toBe(1);
    } finally {
      await stop(server);
    }
  });

  it('retries a GET after a 503 and succeeds', async () => {
    let hits = 0;
    const { server, host } = await listen((_req, res) => {
      hits++;
      res.writeHead(hits === 1 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(hits === 1 ? { errors: ['busy'] } : { version: '0.1', errors: [] }));
    });
    try {
      expect(await new Ultimate64Client({ host, retryDelayMs: 5 }).version()).toEqual({
        version: '0.1',
      });
      expect(hits).toBe(2);
    } finally {
      await stop(server);
    }
  });

  it('cancels with an AbortSignal', async () => {
    const { server, host } = await listen(() => {});
    try {
      const controller = new AbortController();
      const pending = new Ultimate64Client({ host }).version({ signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toThrow(OperationAbortedError);
    } finally {
      await stop(server);
    }
  });

  it('reports an unreachable device', async () => {
    const error = await new Ultimate64Client({ host: '127.0.0.1:1', retries: 1, retryDelayMs: 5 })
      .version()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceUnreachableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

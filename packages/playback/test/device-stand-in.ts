import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ultimate64Control } from '../src/ultimate64.js';

/**
 * A stand-in for an Ultimate 64's REST routes that the playback adapter uses
 * (version, runners:sidplay, machine:reset/pause/resume), over real HTTP, until
 * the lead wires `@sidflow/ultimate64`'s simulator in. It remembers what it was asked.
 */
export interface DeviceStandIn {
  /** `127.0.0.1:PORT`. */
  host: string;
  /** `idle`, `playing` or `paused`. */
  state: 'idle' | 'playing' | 'paused';
  /** Requests as `METHOD path?query`. */
  log: string[];
  /** Bytes of the last tune received. */
  lastTune: number;
  close(): Promise<void>;
}

export async function startDeviceStandIn(): Promise<DeviceStandIn> {
  const device: Partial<DeviceStandIn> & { state: DeviceStandIn['state']; log: string[] } = {
    state: 'idle',
    log: [],
    lastTune: 0,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      device.log.push(`${req.method} ${url.pathname}${url.search}`);
      const reply = (status: number, body: object) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && url.pathname === '/v1/version')
        return reply(200, { version: '0.1', errors: [] });
      if (req.method === 'POST' && url.pathname === '/v1/runners:sidplay') {
        device.lastTune = Buffer.concat(chunks).length;
        device.state = 'playing';
        return reply(200, { errors: [] });
      }
      if (req.method === 'PUT' && url.pathname === '/v1/machine:reset') {
        device.state = 'idle';
        return reply(200, { errors: [] });
      }
      if (req.method === 'PUT' && url.pathname === '/v1/machine:pause') {
        device.state = 'paused';
        return reply(200, { errors: [] });
      }
      if (req.method === 'PUT' && url.pathname === '/v1/machine:resume') {
        device.state = 'playing';
        return reply(200, { errors: [] });
      }
      reply(404, { errors: ['no such route'] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  device.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  device.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return device as DeviceStandIn;
}

/** A minimal fetch client with the method names of `Ultimate64Client`. */
export function standInClient(host: string): Ultimate64Control {
  const call = async (method: string, path: string, signal?: AbortSignal, body?: Uint8Array) => {
    const res = await fetch(`http://${host}${path}`, {
      method,
      signal,
      body: body ? new Uint8Array(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    async version(opts) {
      return { version: String((await call('GET', '/v1/version', opts?.signal)).version) };
    },
    async sidplay(sid, opts) {
      await call('POST', `/v1/runners:sidplay?songnr=${opts?.songnr ?? 1}`, opts?.signal, sid);
    },
    async reset(opts) {
      await call('PUT', '/v1/machine:reset', opts?.signal);
    },
    async pause(opts) {
      await call('PUT', '/v1/machine:pause', opts?.signal);
    },
    async resume(opts) {
      await call('PUT', '/v1/machine:resume', opts?.signal);
    },
  };
}

import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { AUDIO_PACKET_BYTES, startSimulator, Ultimate64Client } from '../src/index.js';

describe('device simulator', () => {
  it('sends 250 audio packets per second at real rate without drift', async () => {
    const real = await startSimulator();
    const c = new Ultimate64Client({ host: real.host });
    const rx = createSocket('udp4');
    const arrivals: Array<[number, number]> = [];
    rx.on('message', (m) => arrivals.push([m.readUInt16LE(0), performance.now()]));
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
    try {
      await c.startStream('audio', `127.0.0.1:${rx.address().port}`);
      await new Promise((r) => setTimeout(r, 1500));
      await c.stopStream('audio');
      expect(arrivals.length).toBeGreaterThan(300);
      // Each packet's lateness against its absolute due time (relative to the first packet).
      // Busy event loops delay single packets, but with an absolute schedule the
      // punctual ones stay punctual: the earliest lateness must not grow over time.
      const [firstSeq, firstAt] = arrivals[0];
      const lateness = arrivals.map(([x, y]) => y - firstAt - (x - firstSeq) * 4.0014);
      const third = Math.floor(lateness.length / 3);
      const earlyStart = Math.min(...lateness.slice(0, third));
      const earlyEnd = Math.min(...lateness.slice(-third));
      // A rate off by 1 % would drift by 15 ms over these 1.5 s.
      expect(Math.abs(earlyEnd - earlyStart)).toBeLessThan(10);
    } finally {
      rx.close();
      await real.close();
    }
  });

  it('injects faults at the configured rates', async () => {
    const sim = await startSimulator({
      speed: 50,
      seed: 1,
      loss: 0.05,
      duplicate: 0.02,
      reorder: 0.03,
    });
    const rx = createSocket('udp4');
    let datagrams = 0;
    rx.on('message', (m) => {
      if (m.length === AUDIO_PACKET_BYTES) datagrams++;
    });
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
    const c = new Ultimate64Client({ host: sim.host });
    try {
      await c.startStream('audio', `127.0.0.1:${rx.address().port}`);
      while (sim.audioStats!.generated < 4000) await new Promise((r) => setTimeout(r, 20));
      await c.stopStream('audio');
      const s = sim.audioStats!;
      expect(Math.abs(s.dropped - 0.05 * s.generated)).toBeLessThanOrEqual(2);
      expect(Math.abs(s.duplicated - 0.02 * s.generated * 0.95)).toBeLessThanOrEqual(
        0.005 * s.generated,
      );
      expect(s.reordered).toBeGreaterThan(0.02 * s.generated);
      await new Promise((r) => setTimeout(r, 100));
      expect(datagrams).toBeLessThanOrEqual(s.sent);
      expect(datagrams).toBeGreaterThan(s.sent * 0.95);
    } finally {
      rx.close();
      await sim.close();
    }
  });

  it('rejects unknown routes, wrong methods and bad stream addresses with an errors array', async () => {
    const sim = await startSimulator();
    try {
      for (const [method, path, status] of [
        ['GET', '/v1/nothing', 404],
        ['PUT', '/v1/version', 405],
        ['GET', '/index.html', 404],
        ['PUT', '/v1/streams/audio:start?ip=', 400],
        ['PUT', '/v1/streams/radio:start?ip=1.2.3.4', 404],
      ] as const) {
        const res = await fetch(`${sim.url}${path}`, { method });
        expect(res.status, path).toBe(status);
        const body = (await res.json()) as { errors: string[] };
        expect(body.errors.length, path).toBeGreaterThan(0);
      }
    } finally {
      await sim.close();
    }
  });
});

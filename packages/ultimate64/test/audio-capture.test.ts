import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayer } from '@sidflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIO_FRAMES_PER_PACKET,
  AudioStreamReceiver,
  CaptureLossError,
  CaptureStalledError,
  captureAudio,
  captureSidOnDevice,
  OperationAbortedError,
  PAL_AUDIO_RATE,
  startSimulator,
  Ultimate64Client,
} from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const tune = new Uint8Array(readFileSync(join(root, 'tunes', 'sid', 'korobeiniki.sid')));
let dir: string;
/** REST timeout for tests: sidplay renders in the simulator, which is slow on a busy 2-core machine. */
const SLOW_MACHINE_MS = 30_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'u64-capture-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pearson correlation of a and b[lag..], over one channel of interleaved stereo. */
function correlation(a: Int16Array, b: Int16Array, lag: number, channel: number): number {
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let n = 0;
  for (let i = 200; i < a.length / 2 - 200; i++) {
    const j = i + lag;
    if (j < 0 || j >= b.length / 2) continue;
    const x = a[2 * i + channel];
    const y = b[2 * j + channel];
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
    n++;
  }
  const cov = sab - (sa * sb) / n;
  return cov / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
}

/** Captures `seconds` from a looping simulator with the given faults. */
async function loopCapture(seconds: number, faults: Record<string, number>, extra: object = {}) {
  const sim = await startSimulator({ loopSeconds: 1, speed: 40, seed: 7, ...faults });
  try {
    const result = await captureSidOnDevice({
      host: sim.host,
      sid: tune,
      seconds,
      listen: { host: '127.0.0.1', port: 0 },
      timeoutMs: SLOW_MACHINE_MS,
      ...extra,
    });
    return { result, sender: sim.audioStats! };
  } finally {
    await sim.close();
  }
}

describe('captureSidOnDevice against the simulator', () => {
  it('at 0 % loss gives exactly the requested duration and matches the source audio (r ≥ 0.99)', async () => {
    const sim = await startSimulator({ speed: 8 });
    const wavPath = join(dir, 'clean.wav');
    const progress: number[] = [];
    try {
      const { pcm, sampleRate, channels, stats } = await captureSidOnDevice({
        host: sim.host,
        sid: tune,
        seconds: 2,
        listen: { host: '127.0.0.1', port: 0 },
        timeoutMs: SLOW_MACHINE_MS,
        wavPath,
        onProgress: (p) => progress.push(p.seconds),
      });
      expect(sampleRate).toBe(44_100);
      expect(channels).toBe(2);
      expect(pcm.length).toBe(2 * 44_100 * 2);
      expect(stats).toMatchObject({
        lost: 0,
        lossRate: 0,
        expected: stats.received,
        streamRate: PAL_AUDIO_RATE,
      });
      expect(stats.expected).toBe(
        Math.ceil((Math.floor((2 * 44_100 - 1) * (PAL_AUDIO_RATE / 44_100)) + 1) / 192),
      );
      expect(progress.at(-1)).toBe(2);
      expect(sim.activeStreams).toEqual([]); // the stream was stopped again

      const wav = readFileSync(wavPath);
      expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
      expect(wav.readUInt16LE(22)).toBe(2);
      expect(wav.readUInt32LE(24)).toBe(44_100);
      expect(wav.readUInt32LE(40)).toBe(2 * 44_100 * 4);
      expect(wav.length).toBe(44 + 2 * 44_100 * 4);
      expect(
        new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length)),
      ).toEqual(pcm);

      // The source: the engine rendering the same tune directly at 44.1 kHz.
      const reference = new Int16Array(2 * 44_100 * 2);
      createPlayer(tune, { sampleRate: 44_100, channels: 2 }).render(reference, 2 * 44_100);
      let best = -1;
      for (let lag = -8; lag <= 8; lag++)
        best = Math.max(best, correlation(pcm, reference, lag, 0));
      expect(best).toBeGreaterThanOrEqual(0.99);
    } finally {
      await sim.close();
    }
  });

  it('measures 1 % injected loss within 0.2 percentage points and keeps the duration exact', async () => {
    const { result, sender } = await loopCapture(24, { loss: 0.01 });
    expect(result.pcm.length).toBe(24 * 44_100 * 2);
    expect(result.stats.expected).toBeGreaterThan(5000);
    expect(Math.abs(result.stats.lossRate - 0.01)).toBeLessThanOrEqual(0.002);
    expect(sender.dropped).toBeGreaterThan(0);
  });

  it('measures 5 % injected loss (bursts included) within 0.2 percentage points', async () => {
    const { result } = await loopCapture(24, { loss: 0.03, burstLoss: 0.02 });
    expect(result.pcm.length).toBe(24 * 44_100 * 2);
    expect(Math.abs(result.stats.lossRate - 0.05)).toBeLessThanOrEqual(0.002);
  });

  it('undoes 2 % reorder, 1 % duplicates and jitter exactly: the output equals a clean capture', async () => {
    const clean = await loopCapture(5, {});
    const messy = await loopCapture(5, { reorder: 0.02, duplicate: 0.01 });
    expect(messy.result.stats.lost).toBe(0);
    expect(messy.result.stats.reordered).toBeGreaterThan(10);
    expect(messy.result.stats.duplicated).toBeGreaterThan(5);
    // The sender went on until the stream was stopped, so compare rates, not counts.
    const rate = messy.result.stats.reordered / messy.result.stats.expected;
    expect(Math.abs(rate - 0.02)).toBeLessThanOrEqual(0.005);
    expect(Buffer.from(messy.result.pcm.buffer).equals(Buffer.from(clean.result.pcm.buffer))).toBe(
      true,
    );
    // Jitter (each packet delayed by a random 0–10 ms at the device's 1,000 packets/s) also
    // reorders, up to 10 packets deep: inside the default 32-packet window. (At 4x speed the
    // same 10 ms spans 40 packets, beyond the window, and late packets counted as lost.)
    const sim = await startSimulator({ loopSeconds: 1, speed: 1, seed: 3, jitterMs: 10 });
    try {
      const jittered = await captureSidOnDevice({
        host: sim.host,
        sid: tune,
        seconds: 1,
        listen: { host: '127.0.0.1', port: 0 },
        timeoutMs: SLOW_MACHINE_MS,
      });
      expect(jittered.stats.lost).toBe(0);
      expect(jittered.stats.reordered).toBeGreaterThan(0);
      // Equal to the clean capture except the last frames, where the 1 s capture's filter ran into silence.
      const head = (44_100 - 100) * 2;
      expect(jittered.pcm.subarray(0, head)).toEqual(clean.result.pcm.subarray(0, head));
    } finally {
      await sim.close();
    }
  });

  it('fails fast with the typed error above --max-loss and leaves no WAV behind', async () => {
    const wavPath = join(dir, 'lossy.wav');
    const error = await loopCapture(24, { loss: 0.05 }, { maxLoss: 0.02, wavPath }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CaptureLossError);
    const e = error as CaptureLossError;
    expect(e.code).toBe('U64_CAPTURE_LOSS');
    expect(e.stats.lossRate).toBeGreaterThan(0.02);
    expect(e.stats.expected).toBeLessThan(1000); // stopped after about a second of 24
    expect(existsSync(wavPath)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('lossy'))).toEqual([]);
  });

  it('survives malformed datagrams and packets from another sender', async () => {
    const sim = await startSimulator({ loopSeconds: 1, speed: 10 });
    const intruder = createSocket('udp4');
    const warnings: string[] = [];
    try {
      let target = 0;
      let sent = false;
      const capture = captureSidOnDevice({
        host: sim.host,
        sid: tune,
        seconds: 2,
        listen: { host: '127.0.0.1', port: 0 },
        timeoutMs: SLOW_MACHINE_MS,
        onWarning: (w) => warnings.push(w),
        onProgress: () => {
          if (sent || !target) return;
          sent = true;
          for (const size of [0, 10, 769, 771, 1500])
            intruder.send(Buffer.alloc(size), target, '127.0.0.1');
          for (let i = 0; i < 5; i++) intruder.send(Buffer.alloc(770, 0x55), target, '127.0.0.1');
        },
        onRequest: (log) => {
          const m = /ip=127\.0\.0\.1%3A(\d+)/.exec(log.url);
          if (m) target = Number(m[1]);
        },
      });
      const { pcm, stats } = await capture;
      expect(sent).toBe(true);
      expect(pcm.length).toBe(2 * 44_100 * 2);
      expect(stats.lost).toBe(0);
      expect(stats.malformed).toBe(5);
      expect(stats.foreign).toBe(5);
      expect(warnings.some((w) => /10-byte datagram/.test(w) || /0-byte datagram/.test(w))).toBe(
        true,
      );
    } finally {
      intruder.close();
      await sim.close();
    }
  });

  it('receives a multicast stream after joining the group', async () => {
    const sim = await startSimulator({
      loopSeconds: 1,
      speed: 10,
      multicastInterface: '127.0.0.1',
    });
    try {
      const { pcm, stats } = await captureSidOnDevice({
        host: sim.host,
        sid: tune,
        seconds: 1,
        listen: { host: '239.255.64.1', port: 0, multicastInterface: '127.0.0.1' },
        timeoutMs: SLOW_MACHINE_MS,
      });
      expect(pcm.length).toBe(44_100 * 2);
      expect(stats.lost).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('reports a stream that never comes as a stall, and cancels cleanly', async () => {
    const stalled = captureAudio({
      seconds: 1,
      listen: { host: '127.0.0.1', port: 0 },
      idleTimeoutMs: 300,
    });
    await expect(stalled).rejects.toThrow(CaptureStalledError);
    const controller = new AbortController();
    const wavPath = join(dir, 'cancelled.wav');
    const pending = captureAudio({
      seconds: 1,
      listen: { host: '127.0.0.1', port: 0 },
      wavPath,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow(OperationAbortedError);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('keeps order across the 16-bit sequence wrap (more than 65,536 packets, faster than real time)', async () => {
    const sim = await startSimulator({ loopSeconds: 0.5, speed: 120 });
    const loopFrames = Math.round(0.5 * PAL_AUDIO_RATE);
    const loop = new Int16Array(loopFrames * 2);
    createPlayer(tune, { sampleRate: PAL_AUDIO_RATE, channels: 2 }).render(loop, loopFrames);
    const total = 66_000;
    let expectedIndex = 0;
    let mismatches = 0;
    let filled = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const receiver = await AudioStreamReceiver.open({
      listen: { host: '127.0.0.1', port: 0 },
      firstSequence: 0,
      onPacket: (index, frames, wasFilled) => {
        if (index !== expectedIndex++) mismatches++;
        if (wasFilled) filled++;
        else {
          // Packet n carries loop frames from n × 192 (mod the loop length).
          const start = ((index * AUDIO_FRAMES_PER_PACKET) % loopFrames) * 2;
          for (const i of [0, 191 * 2 + 1]) {
            if (frames[i] !== loop[(start + i) % loop.length]) mismatches++;
          }
        }
        if (index === total - 1) done();
      },
    });
    const client = new Ultimate64Client({ host: sim.host, timeoutMs: SLOW_MACHINE_MS });
    try {
      await client.sidplay(tune);
      await client.startStream('audio', `127.0.0.1:${receiver.address.port}`);
      await finished;
      expect(expectedIndex).toBe(total);
      expect(mismatches).toBe(0);
      expect(filled).toBeLessThan(total * 0.01);
    } finally {
      receiver.close();
      await sim.close();
    }
  });
});

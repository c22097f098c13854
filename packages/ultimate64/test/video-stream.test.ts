import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureVideoFrame,
  encodePng,
  readVideoHeader,
  saveFramePng,
  startSimulator,
  Ultimate64Client,
  type Ultimate64Simulator,
  VIC_PALETTE,
  VIDEO_PACKET_BYTES,
  VideoFrameAssembler,
  vicIndicesToRgba,
  writeVideoHeader,
} from '../src/index.js';

let sim: Ultimate64Simulator;
let client: Ultimate64Client;

beforeAll(async () => {
  sim = await startSimulator({ speed: 4 });
  client = new Ultimate64Client({ host: sim.host });
});
afterAll(() => sim.close());

async function grab() {
  try {
    return await captureVideoFrame({
      listen: { host: '127.0.0.1', port: 0 },
      onListening: ({ port }) => client.startStream('video', `127.0.0.1:${port}`),
    });
  } finally {
    await client.stopStream('video');
  }
}

/** Decodes our own PNG (filter 0 rows) back to RGBA, to check the encoder. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < b.length) {
    const len = b.readUInt32BE(at);
    if (b.toString('latin1', at + 4, at + 8) === 'IDAT')
      idat.push(b.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

describe('video stream', () => {
  it('round-trips a datagram header and rejects malformed ones', () => {
    const p = new Uint8Array(VIDEO_PACKET_BYTES);
    const h = {
      sequence: 7,
      frame: 3,
      line: 268,
      last: true,
      pixelsPerLine: 384,
      linesPerPacket: 4,
      bitsPerPixel: 4,
      encoding: 0,
    };
    writeVideoHeader(p, h);
    expect(readVideoHeader(p)).toEqual(h);
    expect(readVideoHeader(p.subarray(0, 100))).toBeNull();
    const asm = new VideoFrameAssembler(() => {});
    asm.push(new Uint8Array(5));
    expect(asm.malformed).toBe(1);
  });

  it('captures a whole PAL frame from the simulator: border $D020, screen $D021', async () => {
    const frame = await grab();
    expect([frame.width, frame.height, frame.missingLines]).toEqual([384, 272, 0]);
    expect(frame.indices[0]).toBe(14);
    expect(frame.indices[136 * 384 + 192]).toBe(6);
    await client.writeMemory(0xd020, new Uint8Array([2, 0]));
    const red = await grab();
    expect(red.indices[0]).toBe(2);
    expect(red.indices[136 * 384 + 192]).toBe(0);
  });

  it('decodes VIC colours to RGBA and saves a PNG that decodes to the same pixels', async () => {
    const frame = await grab();
    const rgba = frame.toRgba();
    expect(rgba.length).toBe(384 * 272 * 4);
    const corner = VIC_PALETTE[frame.indices[0]];
    expect([...rgba.subarray(0, 4)]).toEqual([
      corner >> 16,
      (corner >> 8) & 255,
      corner & 255,
      255,
    ]);
    const png = decodePng(encodePng(rgba, frame.width, frame.height));
    expect([png.width, png.height]).toEqual([384, 272]);
    expect(Buffer.from(png.rgba).equals(Buffer.from(rgba))).toBe(true);
    expect([...vicIndicesToRgba(new Uint8Array([1]))]).toEqual([255, 255, 255, 255]);
    const dir = mkdtempSync(join(tmpdir(), 'u64-png-'));
    try {
      await saveFramePng(frame, join(dir, 'frame.png'));
      expect(
        Buffer.from(decodePng(readFileSync(join(dir, 'frame.png'))).rgba).equals(Buffer.from(rgba)),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

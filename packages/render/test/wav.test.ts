import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWavHeader, parseWav, readWavFile, WavWriter } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'render-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ramp(frames: number, channels: number): Int16Array {
  const pcm = new Int16Array(frames * channels);
  for (let i = 0; i < pcm.length; i++) pcm[i] = ((i * 37) % 65536) - 32768;
  return pcm;
}

describe('WavWriter', () => {
  it('streams chunks and fixes the 44-byte header sizes on close', async () => {
    const path = join(dir, 'stereo.wav');
    const writer = await WavWriter.create(path, 22050, 2);
    const pcm = ramp(10_000, 2);
    for (let at = 0; at < pcm.length; at += 3000) await writer.write(pcm.subarray(at, at + 3000));
    expect(writer.frames).toBe(10_000);
    await writer.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(44 + pcm.byteLength);
    expect(bytes.readUInt32LE(4)).toBe(36 + pcm.byteLength);
    expect(bytes.readUInt32LE(40)).toBe(pcm.byteLength);
    const wav = await readWavFile(path);
    expect(wav).toMatchObject({
      sampleRate: 22050,
      channels: 2,
      seconds: 10_000 / 22050,
      dataOffset: 44,
    });
    expect(Array.from(wav.samples)).toEqual(Array.from(pcm));
  });

  it('leaves a file the reader rejects when it is abandoned mid-way', async () => {
    const path = join(dir, 'abandoned.wav');
    const writer = await WavWriter.create(path, 44100, 1);
    await writer.write(ramp(1000, 1));
    await writer.abandon();
    await expect(readWavFile(path)).rejects.toMatchObject({
      code: 'RENDER_BAD_WAV',
      message: /unfinished/,
    });
  });

  it('refuses partial frames', async () => {
    const writer = await WavWriter.create(join(dir, 'odd.wav'), 44100, 2);
    await expect(writer.write(new Int16Array(3))).rejects.toMatchObject({
      code: 'RENDER_BAD_OPTION',
    });
    await writer.close();
  });
});

describe('parseWav', () => {
  const good = () => {
    const pcm = ramp(100, 1);
    const header = encodeWavHeader(8000, 1, pcm.byteLength);
    const bytes = new Uint8Array(44 + pcm.byteLength);
    bytes.set(header);
    bytes.set(new Uint8Array(pcm.buffer), 44);
    return bytes;
  };

  it('reads files of other writers, skipping unknown chunks', () => {
    const base = good();
    const list = new Uint8Array(
      [...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]),
    );
    const bytes = new Uint8Array(base.length + list.length);
    bytes.set(base.subarray(0, 36));
    bytes.set(list, 36);
    bytes.set(base.subarray(36), 36 + list.length);
    const wav = parseWav(bytes);
    expect(wav.samples.length).toBe(100);
    expect(wav.dataOffset).toBe(44 + list.length);
  });

  it.each([
    ['not RIFF', (b: Uint8Array) => b.set([0x58], 0), /not a RIFF/],
    ['8-bit', (b: Uint8Array) => new DataView(b.buffer).setUint16(34, 8, true), /8-bit/],
    ['float', (b: Uint8Array) => new DataView(b.buffer).setUint16(20, 3, true), /format tag 3/],
    [
      'truncated',
      (b: Uint8Array) => new DataView(b.buffer).setUint32(40, 10_000, true),
      /truncated/,
    ],
    [
      'bad byte rate',
      (b: Uint8Array) => new DataView(b.buffer).setUint32(28, 1, true),
      /byte rate/,
    ],
  ])('rejects a %s file with RENDER_BAD_WAV', (_name, corrupt, message) => {
    const bytes = good();
    corrupt(bytes);
    expect(() => parseWav(bytes, 'x.wav')).toThrowError(message);
    try {
      parseWav(bytes, 'x.wav');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'RENDER_BAD_WAV',
        message: expect.stringContaining('x.wav'),
      });
    }
  });

  it('reports a missing file as RENDER_IO', async () => {
    writeFileSync(join(dir, 'exists.wav'), good());
    await expect(readWavFile(join(dir, 'missing.wav'))).rejects.toMatchObject({
      code: 'RENDER_IO',
    });
  });
});

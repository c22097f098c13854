import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../lib/server/byte-range';
import { renderWav, WAV_HEADER_BYTES } from '../lib/server/wav-render';

const demoTune = readFileSync(
  join(resolve(import.meta.dirname, '..', '..', '..'), 'tunes', 'sid', 'ode-to-joy.sid'),
);

describe('parseByteRange', () => {
  it('reads start-end, open-ended and suffix ranges, clamped to the body', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
  });

  it('answers 416 for ranges past the end and ignores what it does not serve', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=5-4', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange(null, 1000)).toBeNull();
    expect(parseByteRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseByteRange('items=0-1', 1000)).toBeNull();
  });
});

describe('renderWav', () => {
  it('renders a demo tune to a mono 16-bit WAV that carries sound, readable as it grows', async () => {
    const render = renderWav(demoTune, { song: 1, seconds: 2, sampleRate: 22_050 });
    const { bytes } = render;
    expect(bytes.length).toBe(WAV_HEADER_BYTES + 2 * 22_050 * 2);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WAVE');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(24, true)).toBe(22_050);
    expect(view.getUint32(40, true)).toBe(2 * 22_050 * 2);
    // The first second becomes readable before the whole file is done.
    await render.waitFor(WAV_HEADER_BYTES + 22_050 * 2);
    expect(render.ready()).toBeGreaterThanOrEqual(WAV_HEADER_BYTES + 22_050 * 2);
    await render.done;
    expect(render.ready()).toBe(bytes.length);
    const pcm = new Int16Array(bytes.buffer, WAV_HEADER_BYTES);
    let peak = 0;
    for (const s of pcm) peak = Math.max(peak, Math.abs(s));
    expect(peak).toBeGreaterThan(1000);
  });

  it('refuses bytes that are not a tune', () => {
    expect(() => renderWav(new Uint8Array(10), { song: 1, seconds: 1 })).toThrow();
  });
});

// Volume on the Node adapters: the level of what they output follows the facade's volume, and a
// change while playing ramps instead of stepping (a step clicks). Judged from the WAV files the
// adapters write, not from the adapters' own account.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlaybackService, type PlaybackAdapter } from '../src/index.js';
import { createNodeEngineAdapter } from '../src/node.js';
import { createSidplayfpAdapter } from '../src/sidplayfp.js';
import { demoTune } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sidflow-volume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let take = 0;

/** The samples of a 16-bit WAV file (after its 44-byte header). */
function samples(path: string): Int16Array {
  const bytes = readFileSync(path);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + 44, bytes.byteOffset + bytes.length));
}

function rms(s: Int16Array): number {
  let sum = 0;
  for (const v of s) sum += v * v;
  return Math.sqrt(sum / s.length);
}

/**
 * Plays `seconds` of a demo tune through `adapter` at `volume` to its end and
 * returns the WAV it wrote; `change` sets another volume once the position passes `at`.
 */
async function record(
  adapter: PlaybackAdapter,
  wavPath: string,
  volume: number,
  seconds: number,
  change?: { at: number; volume: number },
): Promise<Int16Array> {
  const service = createPlaybackService({ adapters: [adapter] });
  try {
    service.setVolume(volume);
    const ended = new Promise<void>((resolve) => service.on('trackend', () => resolve()));
    if (change) {
      service.on('position', ({ seconds: s }) => {
        if (s >= change.at) service.setVolume(change.volume);
      });
    }
    await service.load({ bytes: demoTune('korobeiniki.sid') }, { seconds });
    await service.play();
    await ended;
    await service.stop();
  } finally {
    await service.dispose();
  }
  return samples(wavPath);
}

function nodeEngine(): { adapter: PlaybackAdapter; wav: string } {
  const wav = join(dir, `node-${take++}.wav`);
  return { adapter: createNodeEngineAdapter({ output: 'wav', wavPath: wav, channels: 1 }), wav };
}

function sidplayfpPiped(): { adapter: PlaybackAdapter; wav: string } {
  const wav = join(dir, `sidplayfp-${take++}.wav`);
  return {
    adapter: createSidplayfpAdapter({ output: 'pipe', pipeTo: { wav }, powerOnDelay: 0 }),
    wav,
  };
}

// Both takes are repeatable (the engine is deterministic; sidplayfp runs with a fixed power-on
// delay, since its random default alone moved the RMS of 2 s by up to 3 %), so two takes differ
// only by the volume: ±1 %.
for (const [name, make, tolerance] of [
  ['node engine adapter', nodeEngine, 0.01],
  ['sidplayfp adapter (output pipe)', sidplayfpPiped, 0.01],
] as const) {
  describe(`volume: ${name}`, () => {
    it(`at volume 0.5 the output RMS is half that at 1 (±${tolerance * 100} %)`, async () => {
      const full = make();
      const half = make();
      const a = await record(full.adapter, full.wav, 1, 2);
      const b = await record(half.adapter, half.wav, 0.5, 2);
      expect(a.length).toBeGreaterThan(44_100);
      expect(b.length).toBe(a.length);
      expect(rms(a)).toBeGreaterThan(500);
      expect(rms(b) / rms(a)).toBeGreaterThan(0.5 * (1 - tolerance));
      expect(rms(b) / rms(a)).toBeLessThan(0.5 * (1 + tolerance));
    }, 30_000);
  });
}

describe('volume: a change while playing', () => {
  it('ramps over ~20 ms to the new level instead of stepping (node engine adapter)', async () => {
    const full = nodeEngine();
    const changed = nodeEngine();
    const a = await record(full.adapter, full.wav, 1, 2);
    const b = await record(changed.adapter, changed.wav, 1, 2, { at: 1, volume: 0.25 });
    expect(b.length).toBe(a.length);
    // The same deterministic render, so b / a is the gain applied to each sample.
    let previous = 1;
    let biggestStep = 0;
    let rampFrames = 0;
    for (let i = 0; i < a.length; i++) {
      // Loud enough samples only (the ratio of Int16 values is exact to 1/400 there), yet
      // frequent enough at the engine's output level to follow a 20 ms ramp.
      if (Math.abs(a[i]) < 400) continue;
      const gain = b[i] / a[i];
      biggestStep = Math.max(biggestStep, Math.abs(gain - previous));
      if (gain < 0.99 && gain > 0.26) rampFrames++;
      previous = gain;
    }
    expect(previous).toBeCloseTo(0.25, 2); // it got there
    expect(biggestStep).toBeLessThan(0.05); // a step would be 0.75
    expect(rampFrames).toBeGreaterThan(100);
    expect(rms(b.subarray(b.length - 22_050)) / rms(a.subarray(a.length - 22_050))).toBeCloseTo(
      0.25,
      2,
    );
  }, 30_000);
});

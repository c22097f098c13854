import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoudnessMeter, readWavFile, WavWriter } from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const sample = join(root, '..', 'shared', 'hvsc-sample', 'C64Music');
const dir = mkdtempSync(join(tmpdir(), 'render-loudness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ffmpeg's own EBU R128 meter: integrated loudness, true peak, sample peak. */
function ffmpegEbur128(path: string): { integrated: number; truePeak: number; samplePeak: number } {
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=peak=true+sample', '-f', 'null', '-'],
    {
      encoding: 'utf8',
    },
  );
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const num = (re: RegExp) => Number(re.exec(summary)?.[1]);
  return {
    integrated: num(/I:\s+(-?[\d.]+) LUFS/),
    samplePeak: num(/Sample peak:\s+Peak:\s+(-?[\d.]+)/),
    truePeak: num(/True peak:\s+Peak:\s+(-?[\d.]+)/),
  };
}

async function measure(path: string) {
  const wav = await readWavFile(path);
  const meter = new LoudnessMeter(wav.sampleRate, wav.channels);
  // Uneven chunks: the result must not depend on how the stream is split.
  for (let at = 0; at < wav.samples.length; at += 1234 * wav.channels) {
    meter.push(wav.samples.subarray(at, Math.min(wav.samples.length, at + 1234 * wav.channels)));
  }
  return meter.result();
}

describe('LoudnessMeter against ffmpeg -af ebur128', () => {
  it.each([['MUSICIANS/H/Hubbard_Rob/Commando.sid', 44100]])(
    'agrees on %s at %i Hz (sidplayfp render, 5 s)',
    async (tune, rate) => {
      const wav = join(dir, `${rate}.wav`);
      const file = join(sample, tune);
      const r = spawnSync('sidplayfp', ['-q', '-t5', `-f${rate}`, `-w${wav}`, file], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const ours = await measure(wav);
      const ref = ffmpegEbur128(wav);
      expect(ours.integratedLufs).not.toBeNull();
      expect(Math.abs(ours.integratedLufs! - ref.integrated)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(ours.samplePeakDbfs! - ref.samplePeak)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(ours.truePeakDbtp! - ref.truePeak)).toBeLessThanOrEqual(0.3);
    },
  );

  it('agrees on a 48 kHz stereo tone with different channels, and finds inter-sample peaks', async () => {
    const path = join(dir, 'tone.wav');
    // 48 kHz here, 44.1 kHz above: the K-weighting is derived per rate.
    const rate = 48000;
    const writer = await WavWriter.create(path, rate, 2);
    const frames = rate * 3;
    const pcm = new Int16Array(frames * 2);
    for (let i = 0; i < frames; i++) {
      // fs/4 at 45° phase: every sample sits at 0.707 of the true peak.
      pcm[2 * i] = Math.round(20000 * Math.sin((Math.PI / 2) * i + Math.PI / 4));
      pcm[2 * i + 1] = Math.round(6000 * Math.sin((2 * Math.PI * 1000 * i) / rate));
    }
    await writer.write(pcm);
    await writer.close();
    const ours = await measure(path);
    const ref = ffmpegEbur128(path);
    expect(Math.abs(ours.integratedLufs! - ref.integrated)).toBeLessThanOrEqual(0.1);
    expect(ours.truePeakDbtp! - ours.samplePeakDbfs!).toBeGreaterThan(2.5);
    expect(Math.abs(ours.truePeakDbtp! - 20 * Math.log10(20000 / 32768))).toBeLessThan(0.3);
    // At fs/4 our 4× points land on the crest; ffmpeg's resampler-based meter reads about 0.5 dB low here.
    expect(Math.abs(ours.truePeakDbtp! - ref.truePeak)).toBeLessThanOrEqual(1);
  });
});

describe('LoudnessMeter', () => {
  it('gives null loudness and peaks for digital silence', () => {
    const meter = new LoudnessMeter(44100, 1);
    meter.push(new Int16Array(44100));
    expect(meter.result()).toEqual({
      integratedLufs: null,
      truePeakDbtp: null,
      samplePeakDbfs: null,
      dcOffset: [0],
    });
  });

  it('measures a DC offset per channel', () => {
    const meter = new LoudnessMeter(8000, 2);
    const pcm = new Int16Array(16000);
    for (let i = 0; i < pcm.length; i += 2) {
      pcm[i] = 3277;
      pcm[i + 1] = -1638;
    }
    meter.push(pcm);
    const [left, right] = meter.result().dcOffset;
    expect(left).toBeCloseTo(0.1, 3);
    expect(right).toBeCloseTo(-0.05, 3);
  });

  it('gates out quiet passages (relative gate)', () => {
    const rate = 48000;
    const loud = new LoudnessMeter(rate, 1);
    const mixed = new LoudnessMeter(rate, 1);
    const tone = new Int16Array(rate * 2);
    const quiet = new Int16Array(rate * 2);
    for (let i = 0; i < tone.length; i++) {
      tone[i] = Math.round(16000 * Math.sin((2 * Math.PI * 997 * i) / rate));
      quiet[i] = Math.round(tone[i] / 100);
    }
    loud.push(tone);
    mixed.push(tone);
    mixed.push(quiet);
    // The −40 dB passage is more than 10 LU below the mean, so it does not lower the result.
    expect(mixed.result().integratedLufs!).toBeCloseTo(loud.result().integratedLufs!, 0);
  });
});

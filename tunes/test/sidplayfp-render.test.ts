import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SONGS } from '../songs/index.js';

// The reference player (Debian `sidplayfp`, installed by scripts/setup-system-tools.mjs).
const SID_DIRECTORY = join(import.meta.dirname, '..', 'sid');
const SECONDS = 4;
const workDirectory = mkdtempSync(join(tmpdir(), 'sidflow-tunes-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** Mono samples (-1..1) and rate of a 16-bit PCM WAV file. */
function readWav(path: string): { rate: number; samples: Float64Array } {
  const bytes = readFileSync(path);
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  let offset = 12;
  let channels = 1;
  let rate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      expect(bytes.readUInt16LE(offset + 8)).toBe(1);
      channels = bytes.readUInt16LE(offset + 10);
      rate = bytes.readUInt32LE(offset + 12);
      expect(bytes.readUInt16LE(offset + 22)).toBe(16);
    } else if (id === 'data') {
      const frames = Math.floor(Math.min(size, bytes.length - offset - 8) / (2 * channels));
      const samples = new Float64Array(frames);
      for (let i = 0; i < frames; i++) {
        samples[i] = bytes.readInt16LE(offset + 8 + i * 2 * channels) / 32768;
      }
      return { rate, samples };
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error(`${path} has no data chunk`);
}

function rms(samples: Float64Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** What one sidplayfp run left behind. */
interface Render {
  /** Exit code (null when killed). */
  status: number | null;
  /** Console output, stdout then stderr. */
  output: string;
  /** The WAV file it wrote. */
  wav: string;
}

/** Renders subtune `subtune` (1-based) of `fileName` to WAV with sidplayfp. */
function render(fileName: string, subtune: number, extra: readonly string[] = []): Promise<Render> {
  const wav = join(workDirectory, `${fileName}-${subtune}${extra.join('')}.wav`);
  const args = [`-o${subtune}`, `-t${SECONDS}`, ...extra, `-w${wav}`];
  return new Promise((resolve) => {
    execFile(
      'sidplayfp',
      [...args, join(SID_DIRECTORY, `${fileName}.sid`)],
      { encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, output: `${stdout}${stderr}`, wav });
      },
    );
  });
}

const MUTED = ['-u1', '-u2', '-u3'];
const renders = new Map<string, Render>();

// sidplayfp spends most of a short run building its filter tables, so run them side by side.
beforeAll(async () => {
  const jobs: [string, Promise<Render>][] = [];
  for (const song of ALL_SONGS) {
    song.subtunes.forEach((_, index) => {
      jobs.push([`${song.fileName}/${index + 1}`, render(song.fileName, index + 1)]);
    });
  }
  jobs.push(['minuet-in-g/muted', render('minuet-in-g', 1, MUTED)]);
  jobs.push(['korobeiniki/muted', render('korobeiniki', 1, MUTED)]);
  for (const [key, job] of jobs) renders.set(key, await job);
});

describe('demo tunes under the reference sidplayfp', () => {
  for (const song of ALL_SONGS) {
    song.subtunes.forEach((_, index) => {
      it(`${song.fileName} subtune ${index + 1} plays without warnings and is never silent`, () => {
        const { status, output, wav } = renders.get(`${song.fileName}/${index + 1}`)!;
        expect(status).toBe(0);
        expect(output).toContain(`Title        : ${song.title}`);
        expect(output).not.toMatch(/warn|error|unsupported/i);
        const { rate, samples } = readWav(wav);
        expect(rate).toBe(44_100);
        expect(samples.length / rate).toBeGreaterThanOrEqual(SECONDS);
        for (let second = 0; second < SECONDS; second++) {
          const window = samples.subarray(second * rate, (second + 1) * rate);
          expect(rms(window), `second ${second}`).toBeGreaterThan(0.01);
        }
      });
    });
  }

  it('the digi drums are audible with all three SID voices muted', () => {
    const digi = readWav(renders.get('minuet-in-g/muted')!.wav);
    const plain = readWav(renders.get('korobeiniki/muted')!.wav);
    const window = (wav: { rate: number; samples: Float64Array }) =>
      wav.samples.subarray(wav.rate, SECONDS * wav.rate);
    expect(rms(window(digi))).toBeGreaterThan(0.002);
    expect(rms(window(plain))).toBeLessThan(rms(window(digi)) / 10);
  });
});

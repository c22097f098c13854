import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AvailabilityManifest,
  availableFormats,
  type InvalidationEvent,
  invalidateRenders,
  manifestFileName,
  parseAvailabilityManifest,
  readAvailabilityManifest,
  writeAvailabilityManifest,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'render-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (format: 'wav' | 'flac' | 'm4a', name: string) => ({
  format,
  file: name,
  bytes: 10,
  sha256: 'a'.repeat(64),
  channels: format === 'm4a' ? 2 : 1,
});

function manifest(): AvailabilityManifest {
  const entry = (song: number) => ({
    song,
    engine: 'engine' as const,
    platform: 'sidflow',
    chip: '6581' as const,
    seconds: 30,
    sampleRate: 44100,
    channels: 1,
    key: `k${song}`,
    renderedAt: '2026-11-29T12:00:00.000Z',
    loudness: {
      integratedLufs: -20.5,
      truePeakDbtp: -3.25,
      samplePeakDbfs: -3.5,
      dcOffset: [0.0001],
    },
    gainDb: null,
    files: [
      file('wav', `Tune-${song}-sidflow-6581.wav`),
      file('flac', `Tune-${song}-sidflow-6581.flac`),
      file('m4a', `Tune-${song}-sidflow-6581.m4a`),
    ],
    stems: [],
  });
  return {
    version: 1,
    tune: { name: 'Tune', md5: 'b'.repeat(32), songs: 3, startSong: 1 },
    renders: [entry(2), entry(1)],
  };
}

describe('availability manifest', () => {
  it('is written canonically (sorted keys and renders) and read back', async () => {
    const path = join(dir, manifestFileName('Tune'));
    expect(manifestFileName('My Tune!')).toBe('My_Tune!.sidflow.json');
    await writeAvailabilityManifest(path, manifest());
    const back = await readAvailabilityManifest(path);
    expect(back?.renders.map((r) => r.song)).toEqual([1, 2]);
    const again = join(dir, 'again.json');
    await writeAvailabilityManifest(again, back!);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(path, 'utf8'));
    expect(readFileSync(path, 'utf8').startsWith('{"renders":')).toBe(true);
  });

  it('lists streamable formats best first', () => {
    expect(availableFormats(manifest(), 1).map((f) => f.format)).toEqual(['m4a', 'flac', 'wav']);
    expect(availableFormats(manifest(), 3)).toEqual([]);
  });

  it('returns null for a missing manifest and a typed error for a malformed one', async () => {
    expect(await readAvailabilityManifest(join(dir, 'none.json'))).toBeNull();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...manifest(), version: 2 }));
    await expect(readAvailabilityManifest(bad)).rejects.toMatchObject({
      code: 'RENDER_MANIFEST_INVALID',
      message: expect.stringContaining('delete it'),
    });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    [
      'a path in a file name',
      JSON.stringify({
        ...manifest(),
        renders: [{ ...manifest().renders[0], files: [file('wav', '../x.wav')] }],
      }),
      /file: expected a file name/,
    ],
    [
      'a bad hash',
      JSON.stringify({ ...manifest(), tune: { ...manifest().tune, md5: 'xyz' } }),
      /md5/,
    ],
    [
      'a bad stem voice',
      JSON.stringify({
        ...manifest(),
        renders: [{ ...manifest().renders[0], stems: [{ sid: 0, voice: 3, files: [] }] }],
      }),
      /voice/,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseAvailabilityManifest(text)).toThrowError(message);
  });

  it('invalidates renders on request, deleting their files and telling the hook', async () => {
    const path = join(dir, 'Tune.sidflow.json');
    await writeAvailabilityManifest(path, manifest());
    for (const f of manifest().renders.flatMap((r) => r.files))
      writeFileSync(join(dir, f.file), '0123456789');
    const events: InvalidationEvent[] = [];
    const dropped = await invalidateRenders(
      path,
      (r) => r.song === 2,
      (e) => events.push(e),
    );
    expect(dropped).toEqual([2]);
    expect(events).toEqual([
      expect.objectContaining({
        song: 2,
        reason: 'requested',
        removed: expect.arrayContaining(['Tune-2-sidflow-6581.flac']),
      }),
    ]);
    expect(existsSync(join(dir, 'Tune-2-sidflow-6581.flac'))).toBe(false);
    expect(existsSync(join(dir, 'Tune-1-sidflow-6581.flac'))).toBe(true);
    expect((await readAvailabilityManifest(path))?.renders.map((r) => r.song)).toEqual([1]);
  });
});

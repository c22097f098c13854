import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HvscIndexEntry,
  type HvscIndexProgress,
  HvscParseError,
  HvscReadError,
  hvscMd5,
  type IndexHvscOptions,
  indexHvsc,
  parseSonglengths,
} from '../src/hvsc/index.js';
import { parseSidFile, SidFileError } from '../src/sid-file/index.js';

const c64Music = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music');
const commando = '/MUSICIANS/H/Hubbard_Rob/Commando.sid';
const delta = '/MUSICIANS/H/Hubbard_Rob/Delta.sid';

async function collect(root: string, options?: IndexHvscOptions): Promise<HvscIndexEntry[]> {
  const entries: HvscIndexEntry[] = [];
  for await (const entry of indexHvsc(root, options)) entries.push(entry);
  return entries;
}

describe('indexHvsc over the real HVSC sample', () => {
  let entries: HvscIndexEntry[];
  const progress: HvscIndexProgress[] = [];
  beforeAll(async () => {
    entries = await collect(c64Music, { onProgress: (p) => progress.push(p) });
  });

  it('finds all 615 tunes, each with its header facts and no error', () => {
    expect(entries).toHaveLength(615);
    for (const entry of entries) {
      expect(entry.error).toBeUndefined();
      expect(entry.path).toMatch(/^\/(DEMOS|GAMES|MUSICIANS)\/.+\.sid$/);
      expect(entry.file).toBe(join(c64Music, entry.path));
      expect(entry.size).toBeGreaterThan(0x76);
      expect(['PSID', 'RSID']).toContain(entry.tune?.format);
      expect(entry.tune!.songs).toBeGreaterThanOrEqual(1);
      expect(entry.tune!.dataSize).toBeGreaterThan(0);
      expect(entry.tune).not.toHaveProperty('data');
      expect(entry.md5).toBeUndefined();
    }
    expect(new Set(entries.map((e) => e.path)).size).toBe(615);
  });

  it('decodes Commando and attaches its STIL entry', () => {
    const entry = entries.find((e) => e.path === commando)!;
    expect(entry.tune).toMatchObject({ format: 'PSID', name: 'Commando', author: 'Rob Hubbard' });
    expect(entry.size).toBe(readFileSync(join(c64Music, commando)).length);
    expect(entry.stil?.path).toBe(commando);
    expect(entry.stil?.subtunes.get(1)?.covers).toHaveLength(7);
    expect(entries.filter((e) => e.stil !== undefined).length).toBeGreaterThan(100);
  });

  it('keeps every header field of the parsed tune but its bytes', () => {
    const entry = entries.find((e) => e.path === delta)!;
    const { data, source: _source, ...header } = parseSidFile(readFileSync(entry.file));
    expect(entry.tune).toEqual({ ...header, dataSize: data.length });
  });

  it('attaches BUGlist entries', () => {
    const bugged = entries.filter((e) => e.bugs !== undefined).map((e) => e.path);
    expect(bugged).toEqual(['/MUSICIANS/H/HTD/Katastrof.sid']);
  });

  it('streams a folder`s files by name, then its subfolders by name', () => {
    const paths = entries.map((e) => e.path);
    expect(paths[0]).toBe('/DEMOS/0-9/12345.sid');
    const hubbard = paths.filter((p) => p.startsWith('/MUSICIANS/H/Hubbard_Rob/'));
    expect(hubbard).toEqual([...hubbard].sort());
    const topLevel = paths.map((p) => p.split('/')[1]);
    expect(topLevel).toEqual([...topLevel].sort());
  });

  it('reports progress after every entry', () => {
    expect(progress).toHaveLength(615);
    expect(progress.map((p) => p.entries)).toEqual(entries.map((_, i) => i + 1));
    expect(progress.at(-1)).toEqual({
      entries: 615,
      errors: 0,
      bytes: entries.reduce((sum, e) => sum + e.size, 0),
      path: entries.at(-1)!.path,
    });
  });

  it('adds MD5 and song lengths from a given Songlengths database', async () => {
    const md5 = hvscMd5(readFileSync(join(c64Music, commando)));
    const songlengths = parseSonglengths(`[Database]\n; ${commando}\n${md5}=4:36.044 0:08.320\n`);
    const indexed = await collect(c64Music, {
      songlengths,
      stil: false,
      buglist: false,
      concurrency: 3,
    });
    expect(indexed).toHaveLength(615);
    const entry = indexed.find((e) => e.path === commando)!;
    expect(entry.md5).toBe(md5);
    expect(entry.songLengthsMs).toEqual([276_044, 8_320]);
    expect(entry.stil).toBeUndefined();
    for (const other of indexed.filter((e) => e.path !== commando)) {
      expect(other.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(other.songLengthsMs).toBeUndefined();
    }
  });

  it('computes MD5s on request without a database', async () => {
    const indexed = await collect(join(c64Music, 'MUSICIANS/H/Hubbard_Rob'), { md5: true });
    const entry = indexed.find((e) => e.path === '/Commando.sid')!;
    expect(entry.md5).toBe(hvscMd5(readFileSync(join(c64Music, commando))));
    expect(entry.stil).toBeUndefined();
  });
});

describe('indexHvsc over a damaged tree', () => {
  const temp = mkdtempSync(join(tmpdir(), 'sidflow-hvsc-index-'));
  const root = join(temp, 'C64Music');
  const outside = join(temp, 'outside');
  const commandoMd5 = hvscMd5(readFileSync(join(c64Music, commando)));

  beforeAll(() => {
    mkdirSync(join(root, 'DOCUMENTS'), { recursive: true });
    mkdirSync(join(root, 'MUSICIANS/H/Hubbard_Rob'), { recursive: true });
    mkdirSync(outside);
    linkSync(join(c64Music, commando), join(root, commando));
    writeFileSync(
      join(root, 'MUSICIANS/H/Hubbard_Rob/Broken.sid'),
      Buffer.from('PSID\0\x02 not a tune'),
    );
    writeFileSync(join(root, 'MUSICIANS/H/Hubbard_Rob/Empty.SID'), '');
    writeFileSync(join(root, 'MUSICIANS/H/Hubbard_Rob/notes.txt'), 'not a tune');
    symlinkSync(join(root, 'MUSICIANS'), join(root, 'MUSICIANS/H/loop'));
    symlinkSync('Hubbard_Rob/notes.txt', join(root, 'MUSICIANS/H/notes-link'));
    symlinkSync('Self.sid', join(root, 'MUSICIANS/H/Self.sid'));
    symlinkSync(join(temp, 'nowhere.sid'), join(root, 'MUSICIANS/H/Gone.sid'));
    symlinkSync(join(temp, 'nowhere'), join(root, 'MUSICIANS/H/gone-folder'));
    symlinkSync(join(c64Music, delta), join(root, 'MUSICIANS/H/Linked.sid'));
    symlinkSync(outside, join(root, 'MUSICIANS/O'));
    linkSync(join(c64Music, delta), join(outside, 'Delta.sid'));
    symlinkSync(root, join(outside, 'back-to-root'));
    symlinkSync(outside, join(outside, 'self'));
    writeFileSync(
      join(root, 'DOCUMENTS/Songlengths.md5'),
      `[Database]\n; ${commando}\n${commandoMd5}=1:00.500 0:02\n`,
    );
    writeFileSync(join(root, 'DOCUMENTS/STIL.txt'), `${commando}\n  TITLE: Test title\n`);
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('yields errors for bad files, follows good links and ends link loops', async () => {
    const entries = await collect(root);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect(entries.map((e) => e.path)).toEqual([
      '/MUSICIANS/H/Gone.sid',
      '/MUSICIANS/H/Linked.sid',
      '/MUSICIANS/H/Self.sid',
      '/MUSICIANS/H/Hubbard_Rob/Broken.sid',
      '/MUSICIANS/H/Hubbard_Rob/Commando.sid',
      '/MUSICIANS/H/Hubbard_Rob/Empty.SID',
      '/MUSICIANS/O/Delta.sid',
    ]);
    const commandoEntry = byPath.get(commando)!;
    expect(commandoEntry.error).toBeUndefined();
    expect(commandoEntry.songLengthsMs).toEqual([60_500, 2_000]);
    expect(commandoEntry.md5).toBe(commandoMd5);
    expect(commandoEntry.stil?.global.covers).toEqual([{ title: 'Test title' }]);

    for (const path of ['/MUSICIANS/H/Gone.sid', '/MUSICIANS/H/Self.sid']) {
      const entry = byPath.get(path)!;
      expect(entry.error).toBeInstanceOf(HvscReadError);
      expect(entry.size).toBe(0);
      expect(entry.tune).toBeUndefined();
    }
    for (const path of [
      '/MUSICIANS/H/Hubbard_Rob/Broken.sid',
      '/MUSICIANS/H/Hubbard_Rob/Empty.SID',
    ]) {
      const entry = byPath.get(path)!;
      expect(entry.error).toBeInstanceOf(SidFileError);
      expect(entry.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(entry.tune).toBeUndefined();
    }
    expect(byPath.get('/MUSICIANS/H/Linked.sid')?.tune?.name).toBe('Delta');
    expect(byPath.get('/MUSICIANS/O/Delta.sid')?.tune?.name).toBe('Delta');
  });

  it('skips links when told not to follow them, and databases when told not to use them', async () => {
    const entries = await collect(root, { followSymlinks: false, songlengths: false, stil: false });
    expect(entries.map((e) => e.path)).toEqual([
      '/MUSICIANS/H/Hubbard_Rob/Broken.sid',
      '/MUSICIANS/H/Hubbard_Rob/Commando.sid',
      '/MUSICIANS/H/Hubbard_Rob/Empty.SID',
    ]);
    expect(entries[1].md5).toBeUndefined();
    expect(entries[1].stil).toBeUndefined();
  });

  it('loads databases named by path', async () => {
    const entries = await collect(join(root, 'MUSICIANS/H/Hubbard_Rob'), {
      songlengths: join(root, 'DOCUMENTS/Songlengths.md5'),
      stil: join(root, 'DOCUMENTS/STIL.txt'),
      buglist: join(c64Music, 'DOCUMENTS/BUGlist.txt'),
    });
    const entry = entries.find((e) => e.path === '/Commando.sid')!;
    expect(entry.songLengthsMs).toEqual([60_500, 2_000]);
    // STIL keys are HVSC paths from C64Music, so a subfolder root finds none.
    expect(entry.stil).toBeUndefined();
  });

  it('rejects when a database cannot be loaded', async () => {
    writeFileSync(join(temp, 'bad-stil.txt'), '  TITLE: orphan\n');
    await expect(collect(root, { stil: join(temp, 'bad-stil.txt') })).rejects.toBeInstanceOf(
      HvscParseError,
    );
    await expect(collect(root, { songlengths: join(temp, 'missing.md5') })).rejects.toBeInstanceOf(
      HvscReadError,
    );
  });

  it('yields one error entry for a missing root', async () => {
    const entries = await collect(join(temp, 'no-such-root'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ path: '/', size: 0 });
    expect(entries[0].error).toBeInstanceOf(HvscReadError);
    expect(entries[0].error?.code).toBe('HVSC_READ_FAILED');
  });

  it('yields one error entry for a root that is not a folder', async () => {
    const entries = await collect(join(root, commando));
    expect(entries).toHaveLength(1);
    expect(entries[0].path).toBe('/');
    expect(entries[0].error?.message).toContain('ENOTDIR');
  });
});

describe('indexHvsc pacing', () => {
  it('lets the event loop turn between batches of files', async () => {
    const turnsAt: number[] = [];
    let seen = 0;
    const watch = () => {
      turnsAt.push(seen);
      if (seen < 615) setImmediate(watch);
    };
    setImmediate(watch);
    for await (const _ of indexHvsc(c64Music, { stil: false, buglist: false, concurrency: 50 })) {
      seen++;
    }
    expect(seen).toBe(615);
    // Immediates only run when the walk awaits a turn, so several ran mid-walk.
    expect(turnsAt.filter((at) => at > 0 && at < 615).length).toBeGreaterThan(5);
  });
});

describe('indexHvsc cancellation', () => {
  it('rejects with the abort reason once the signal fires', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const entry of indexHvsc(c64Music, { signal: controller.signal, stil: false })) {
        seen.push(entry.path);
        if (seen.length === 10) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(10);
  });

  it('rejects at once with an already aborted signal', async () => {
    const reason = new Error('stop');
    await expect(collect(c64Music, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('stops cleanly when the consumer breaks out early', async () => {
    let count = 0;
    for await (const _ of indexHvsc(c64Music, { stil: false, buglist: false })) {
      if (++count === 5) break;
    }
    expect(count).toBe(5);
  });
});

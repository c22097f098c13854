import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findRepoRoot,
  listDemoTunes,
  listHvscFolder,
  readTune,
  resolveHvscFolder,
  tuneCatalog,
} from '../lib/server/tune-library';
import { TuneLibraryError } from '../lib/server/tune-library-error';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const hvscSample = resolve(repoRoot, '..', 'shared', 'hvsc-sample');
const scratch = mkdtempSync(join(tmpdir(), 'sidflow-web-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<TuneLibraryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TuneLibraryError);
  return error as TuneLibraryError;
}

describe('tune library', () => {
  it('finds the repository root from a folder inside it', () => {
    expect(findRepoRoot(join(repoRoot, 'examples', 'web', 'app'))).toBe(repoRoot);
  });

  it('lists the demo tunes with title, author and songs from their headers', async () => {
    const tunes = await listDemoTunes({ repoRoot });
    expect(tunes.map((t) => t.title)).toEqual([
      'Greensleeves',
      'Korobeiniki',
      'Minuet in G',
      'Ode to Joy',
    ]);
    for (const tune of tunes) {
      expect(tune.author).toBe('SIDFlow (arr.)');
      expect(tune.songs).toBeGreaterThanOrEqual(1);
      expect(tune.error).toBeUndefined();
    }
  });

  it('takes the HVSC folder from SIDFLOW_HVSC, accepting the folder above C64Music', async () => {
    const found = await resolveHvscFolder({ repoRoot, env: { SIDFLOW_HVSC: hvscSample } });
    expect(found.folder).toBe(join(hvscSample, 'C64Music'));
    const catalog = await tuneCatalog({ repoRoot, env: { SIDFLOW_HVSC: hvscSample } });
    expect(catalog.hvsc.available).toBe(true);
  });

  it('falls back to hvscRoot from the config and says why nothing is there', async () => {
    const viaConfig = await resolveHvscFolder({
      repoRoot,
      env: { SIDFLOW_HVSC_ROOT: hvscSample },
    });
    expect(viaConfig.folder).toBe(join(hvscSample, 'C64Music'));
    const none = await resolveHvscFolder({
      repoRoot,
      env: { SIDFLOW_HVSC_ROOT: join(scratch, 'nowhere') },
    });
    expect(none.folder).toBeNull();
    expect(none.reason).toMatch(/no HVSC folder at .*nowhere.*SIDFLOW_HVSC/);
    const error = await rejection(
      listHvscFolder('', { repoRoot, env: { SIDFLOW_HVSC_ROOT: join(scratch, 'nowhere') } }),
    );
    expect(error.code).toBe('HVSC_NOT_CONFIGURED');
  });

  it('lists one HVSC folder: subfolders and tunes', async () => {
    const env = { SIDFLOW_HVSC: hvscSample };
    const top = await listHvscFolder('', { repoRoot, env });
    expect(top.folders).toContain('MUSICIANS');
    const folder = await listHvscFolder('/MUSICIANS/D/Daglish_Ben/', { repoRoot, env });
    expect(folder.dir).toBe('MUSICIANS/D/Daglish_Ben');
    const ninja = folder.tunes.find((t) => t.fileName === 'Last_Ninja.sid');
    expect(ninja).toMatchObject({
      id: 'hvsc/MUSICIANS/D/Daglish_Ben/Last_Ninja.sid',
      title: 'The Last Ninja',
      songs: 11,
    });
  });

  it('lists a tune whose header is corrupt, with the parse error', async () => {
    writeFileSync(join(scratch, 'broken.sid'), 'PSID nonsense');
    const listing = await listHvscFolder('', { repoRoot, env: { SIDFLOW_HVSC: scratch } });
    const broken = listing.tunes.find((t) => t.fileName === 'broken.sid');
    expect(broken?.error).toMatch(/PSID version must be 1–4/);
    expect(broken?.title).toBe('broken.sid');
  });

  it('reads tune bytes by id and refuses escapes, unknown collections and missing files', async () => {
    const { bytes, fileName } = await readTune('demo/ode-to-joy.sid', { repoRoot });
    expect(fileName).toBe('ode-to-joy.sid');
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PSID');
    expect((await rejection(readTune('demo/../../package.json', { repoRoot }))).code).toBe(
      'TUNE_BAD_ID',
    );
    expect((await rejection(readTune('etc/passwd', { repoRoot }))).code).toBe('TUNE_BAD_ID');
    expect((await rejection(readTune('demo/README.md', { repoRoot }))).code).toBe('TUNE_BAD_ID');
    const missing = await rejection(readTune('demo/missing.sid', { repoRoot }));
    expect(missing.code).toBe('TUNE_NOT_FOUND');
    expect(missing.status).toBe(404);
    expect((await rejection(readTune('hvsc/x.sid', { repoRoot, env: {} }))).code).toBe(
      'HVSC_NOT_CONFIGURED',
    );
  });
});

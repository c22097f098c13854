import { describe, expect, it } from 'vitest';
import {
  type ChipPreference,
  CURRENT_PREFERENCES_VERSION,
  defaultPreferences,
  migratePreferences,
  migratePreferencesV1ToV2,
  migratePreferencesV2ToV3,
  PreferencesError,
  parsePreferencesJson,
  resolveChipModel,
  type TuneChipModel,
} from '../src/config/index.js';
import { preferencesV1Schema, preferencesV2Schema } from '../src/config/preferences-history.js';

function thrown(fn: () => unknown): PreferencesError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PreferencesError);
    return error as PreferencesError;
  }
  throw new Error('expected a PreferencesError');
}

describe('defaults', () => {
  it('match the product brief', () => {
    expect(defaultPreferences()).toEqual({
      version: 3,
      rendering: 'hardware-if-available',
      chip: 'song-else-6581',
      theme: 'system',
      romSet: null,
      playbackEngine: 'auto',
      ultimate64: { host: null, port: 80, https: false, password: null },
      trainingEnabled: true,
      iterationBudget: 200,
      syncCadence: 'off',
    });
    expect(CURRENT_PREFERENCES_VERSION).toBe(3);
  });
});

describe('migratePreferencesV1ToV2', () => {
  const v1 = (fields: object) => preferencesV1Schema.parse({ version: 1, ...fields });

  it('maps the v1 chip choices to the spelled-out v2 ones', () => {
    expect(migratePreferencesV1ToV2(v1({ chip: 'auto' })).chip).toBe('song-else-6581');
    expect(migratePreferencesV1ToV2(v1({ chip: '6581' })).chip).toBe('always-6581');
    expect(migratePreferencesV1ToV2(v1({ chip: '8580' })).chip).toBe('always-8580r5');
  });

  it('turns preferHardware into automatic engine choice and keeps the other fields', () => {
    const hw = migratePreferencesV1ToV2(
      v1({ preferHardware: true, playbackEngine: 'sidplayfp', theme: 'dark', romSet: 'set-a' }),
    );
    expect(hw).toEqual({
      version: 2,
      rendering: 'hardware-if-available',
      chip: 'song-else-6581',
      theme: 'dark',
      romSet: 'set-a',
      playbackEngine: 'auto',
      ultimate64: { host: null, port: 80, https: false, password: null },
    });
    const sw = migratePreferencesV1ToV2(v1({ preferHardware: false, playbackEngine: 'stream' }));
    expect(sw.playbackEngine).toBe('stream');
  });
});

describe('migratePreferencesV2ToV3', () => {
  it('adds training and sync with their defaults, keeping every v2 field', () => {
    const v2 = preferencesV2Schema.parse({
      version: 2,
      rendering: 'hardware-only',
      chip: 'always-8580r5',
      ultimate64: { host: 'u64.local', port: 8080, https: true, password: 'secret' },
    });
    expect(migratePreferencesV2ToV3(v2)).toEqual({
      ...v2,
      version: 3,
      trainingEnabled: true,
      iterationBudget: 200,
      syncCadence: 'off',
    });
  });
});

describe('migratePreferences', () => {
  it('migrates a v1 record all the way to v3', () => {
    const migrated = migratePreferences({ version: 1, preferHardware: true, chip: '8580' });
    expect(migrated.version).toBe(3);
    expect(migrated.chip).toBe('always-8580r5');
    expect(migrated.playbackEngine).toBe('auto');
    expect(migrated.syncCadence).toBe('off');
  });

  it('migrates v2 and completes partial v3 records, dropping unknown fields', () => {
    expect(migratePreferences({ version: 2, theme: 'light' }).theme).toBe('light');
    const v3 = migratePreferences({ version: 3, iterationBudget: 50, junk: 1 });
    expect(v3.iterationBudget).toBe(50);
    expect(v3).not.toHaveProperty('junk');
    expect(migratePreferences(defaultPreferences())).toEqual(defaultPreferences());
  });

  it('rejects garbage with typed errors', () => {
    expect(thrown(() => migratePreferences(null)).code).toBe('PREFERENCES_NOT_A_RECORD');
    expect(thrown(() => migratePreferences([1])).code).toBe('PREFERENCES_NOT_A_RECORD');
    expect(thrown(() => migratePreferences('v3')).code).toBe('PREFERENCES_NOT_A_RECORD');
    expect(thrown(() => migratePreferences({})).code).toBe('PREFERENCES_BAD_VERSION');
    expect(thrown(() => migratePreferences({ version: 1.5 })).version).toBe(1.5);
    expect(thrown(() => migratePreferences({ version: '2' })).version).toBeNull();
    expect(thrown(() => migratePreferences({ version: 0 })).code).toBe('PREFERENCES_BAD_VERSION');
  });

  it('rejects records from a newer SIDFlow', () => {
    const error = thrown(() => migratePreferences({ version: 4 }));
    expect(error.code).toBe('PREFERENCES_FUTURE_VERSION');
    expect(error.version).toBe(4);
    expect(error.message).toContain('up to 3');
  });

  it('names invalid fields with their version', () => {
    const error = thrown(() => migratePreferences({ version: 2, chip: '6581' }));
    expect(error.code).toBe('PREFERENCES_INVALID');
    expect(error.message).toContain('preferences v2: chip: expected one of');
    expect(error.message).toContain('got "6581"');
    expect(thrown(() => migratePreferences({ version: 1, chip: 'always-6581' })).version).toBe(1);
    expect(
      thrown(() => migratePreferences({ version: 3, ultimate64: { port: 70000 } })).message,
    ).toContain('ultimate64.port');
  });
});

describe('parsePreferencesJson', () => {
  it('parses and migrates stored text', () => {
    expect(parsePreferencesJson('{"version":1,"theme":"dark"}').theme).toBe('dark');
  });

  it('rejects text that is not JSON', () => {
    expect(thrown(() => parsePreferencesJson('{version:1}')).code).toBe('PREFERENCES_BAD_JSON');
  });
});

describe('resolveChipModel', () => {
  const table: [ChipPreference, TuneChipModel | null | undefined, '6581' | '8580'][] = [
    ['song-else-6581', '6581', '6581'],
    ['song-else-6581', '8580', '8580'],
    ['song-else-6581', 'both', '6581'],
    ['song-else-6581', 'unknown', '6581'],
    ['song-else-6581', null, '6581'],
    ['song-else-8580r5', '6581', '6581'],
    ['song-else-8580r5', '8580', '8580'],
    ['song-else-8580r5', 'both', '8580'],
    ['song-else-8580r5', undefined, '8580'],
    ['always-6581', '8580', '6581'],
    ['always-6581', 'unknown', '6581'],
    ['always-8580r5', '6581', '8580'],
    ['always-8580r5', 'both', '8580'],
  ];
  it.each(table)('%s with tune model %s → %s', (preference, tune, expected) => {
    expect(resolveChipModel(preference, tune)).toBe(expected);
  });
});

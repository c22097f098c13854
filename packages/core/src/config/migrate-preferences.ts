import type { z } from 'zod';
import { describeValidationIssue } from './describe-validation-issue.js';
import type { Preferences, PreferencesV1, PreferencesV2 } from './preferences.js';
import { PreferencesError } from './preferences-error.js';
import { preferencesV1Schema, preferencesV2Schema } from './preferences-history.js';
import { CURRENT_PREFERENCES_VERSION, preferencesSchema } from './preferences-schema.js';

/**
 * v1 → v2. `preferHardware` becomes a playback choice: users who wanted
 * hardware get `auto` (which picks the Ultimate 64 once one is configured),
 * others keep their engine. v1 never had a device, so `rendering` starts at
 * the default. `auto` chip meant "follow the tune, else 6581".
 *
 * @param v1 - a validated v1 record
 * @returns the equivalent v2 record
 */
export function migratePreferencesV1ToV2(v1: PreferencesV1): PreferencesV2 {
  const chip = (
    { auto: 'song-else-6581', '6581': 'always-6581', '8580': 'always-8580r5' } as const
  )[v1.chip];
  return preferencesV2Schema.parse({
    version: 2,
    rendering: 'hardware-if-available',
    chip,
    theme: v1.theme,
    romSet: v1.romSet,
    playbackEngine: v1.preferHardware ? 'auto' : v1.playbackEngine,
  });
}

/**
 * v2 → v3. Adds training (on, default budget) and sync (off: data stays in
 * the browser until the user opts in).
 *
 * @param v2 - a validated v2 record
 * @returns the equivalent v3 record
 */
export function migratePreferencesV2ToV3(v2: PreferencesV2): Preferences {
  return preferencesSchema.parse({ ...v2, version: 3 });
}

function validate<T>(schema: z.ZodType<T>, record: Record<string, unknown>, version: number): T {
  const result = schema.safeParse(record);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeValidationIssue(issue, record));
  throw new PreferencesError(
    'PREFERENCES_INVALID',
    `preferences v${version}: ${problems.join('; ')}`,
    version,
  );
}

/**
 * Reads a stored preferences record of any known version and returns it as
 * the current version, filling missing fields with defaults.
 *
 * @param stored - the record as read from storage (already JSON-parsed)
 * @returns the current-version preferences
 * @throws {@link PreferencesError} for non-records, missing/invalid/future versions or invalid fields
 */
export function migratePreferences(stored: unknown): Preferences {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new PreferencesError('PREFERENCES_NOT_A_RECORD', 'preferences: expected an object');
  }
  const record = stored as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new PreferencesError(
      'PREFERENCES_BAD_VERSION',
      `preferences: version: expected integer ≥ 1, got ${JSON.stringify(version) ?? 'nothing'}`,
      typeof version === 'number' ? version : null,
    );
  }
  if (version > CURRENT_PREFERENCES_VERSION) {
    throw new PreferencesError(
      'PREFERENCES_FUTURE_VERSION',
      `preferences: version ${version} was written by a newer SIDFlow (this one reads up to ${CURRENT_PREFERENCES_VERSION})`,
      version,
    );
  }
  if (version === 1) {
    const v1 = validate(preferencesV1Schema, record, 1);
    return migratePreferencesV2ToV3(migratePreferencesV1ToV2(v1));
  }
  if (version === 2) return migratePreferencesV2ToV3(validate(preferencesV2Schema, record, 2));
  return validate(preferencesSchema, record, 3);
}

/**
 * Parses preferences as stored in text form (e.g. `localStorage`) and
 * migrates them.
 *
 * @param text - the stored JSON text
 * @returns the current-version preferences
 * @throws {@link PreferencesError} `PREFERENCES_BAD_JSON` or any error of {@link migratePreferences}
 */
export function parsePreferencesJson(text: string): Preferences {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (error) {
    throw new PreferencesError(
      'PREFERENCES_BAD_JSON',
      `preferences: not valid JSON: ${(error as Error).message}`,
    );
  }
  return migratePreferences(stored);
}

import { ConfigError } from './config-error.js';

/** How the text of an environment variable becomes a config value. */
export type EnvValueKind = 'string' | 'nullable-string' | 'integer' | 'boolean' | 'list';

/** One supported `SIDFLOW_*` variable. */
export interface ConfigEnvVariable {
  /** Variable name, e.g. `SIDFLOW_M4A_BITRATE`. */
  readonly name: string;
  /** Config path the value is written to, e.g. `['render', 'm4aBitrate']`. */
  readonly path: readonly string[];
  /** How the text is coerced before schema validation. */
  readonly kind: EnvValueKind;
}

function v(name: string, path: string, kind: EnvValueKind): ConfigEnvVariable {
  return { name, path: path.split('.'), kind };
}

/**
 * Every environment variable that overrides `.sidflow.json`. Overrides win
 * over the file; the result is validated with the same schema, so an
 * out-of-range value names both the variable and the config path.
 *
 * `nullable-string` variables accept an empty value to mean `null`;
 * `boolean` accepts `1/0`, `true/false`, `yes/no`, `on/off`; `list` is
 * comma-separated.
 */
export const configEnvVariables: readonly ConfigEnvVariable[] = [
  v('SIDFLOW_HVSC_ROOT', 'hvscRoot', 'string'),
  v('SIDFLOW_DATA_DIR', 'dataDir', 'string'),
  v('SIDFLOW_CACHE_DIR', 'cache.dir', 'string'),
  v('SIDFLOW_CACHE_WAV', 'cache.cacheWav', 'boolean'),
  v('SIDFLOW_CACHE_STOP_WAV_PERCENT', 'cache.stopWavAtPercent', 'integer'),
  v('SIDFLOW_CACHE_STOP_FLAC_PERCENT', 'cache.stopFlacAtPercent', 'integer'),
  v('SIDFLOW_CACHE_STOP_ALL_PERCENT', 'cache.stopAllAtPercent', 'integer'),
  v('SIDFLOW_MAX_DISK_USE_PERCENT', 'cache.maxDiskUsePercent', 'integer'),
  v('SIDFLOW_RENDER_FORMATS', 'render.formats', 'list'),
  v('SIDFLOW_M4A_BITRATE', 'render.m4aBitrate', 'integer'),
  v('SIDFLOW_FLAC_LEVEL', 'render.flacLevel', 'integer'),
  v('SIDFLOW_SAMPLE_RATE', 'render.sampleRate', 'integer'),
  v('SIDFLOW_KERNAL_ROM', 'roms.kernal', 'nullable-string'),
  v('SIDFLOW_BASIC_ROM', 'roms.basic', 'nullable-string'),
  v('SIDFLOW_CHARGEN_ROM', 'roms.chargen', 'nullable-string'),
  v('SIDFLOW_U64_HOST', 'ultimate64.host', 'nullable-string'),
  v('SIDFLOW_U64_PORT', 'ultimate64.port', 'integer'),
  v('SIDFLOW_U64_HTTPS', 'ultimate64.https', 'boolean'),
  v('SIDFLOW_U64_PASSWORD', 'ultimate64.password', 'nullable-string'),
  v('SIDFLOW_SIDPLAYFP_PATH', 'sidplayfp.path', 'string'),
  v('SIDFLOW_ENGINE_CLOCK', 'engine.clock', 'string'),
  v('SIDFLOW_ENGINE_CHIP', 'engine.chipModel', 'string'),
  v('SIDFLOW_ENGINE_FILTER', 'engine.filter', 'boolean'),
];

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

function coerce(variable: ConfigEnvVariable, raw: string): unknown {
  const text = raw.trim();
  switch (variable.kind) {
    case 'string':
      return text;
    case 'nullable-string':
      return text === '' ? null : text;
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) {
        throw new ConfigError('CONFIG_BAD_ENV', null, [
          `${variable.name} (${variable.path.join('.')}): expected integer, got ${JSON.stringify(raw)}`,
        ]);
      }
      return Number(text);
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw new ConfigError('CONFIG_BAD_ENV', null, [
        `${variable.name} (${variable.path.join('.')}): expected one of 1/0, true/false, yes/no, on/off, got ${JSON.stringify(raw)}`,
      ]);
    }
    case 'list':
      return text === '' ? [] : text.split(',').map((item) => item.trim());
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Result of {@link applyConfigEnvOverrides}. */
export interface ConfigEnvOverrideResult {
  /** The config value with overrides written in. */
  readonly value: unknown;
  /** Names of the variables that were applied, in table order. */
  readonly applied: string[];
}

function sectionFor(
  root: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> | null {
  let node = root;
  for (const key of keys) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined) node[key] = {};
    else if (!isPlainObject(next)) return null;
    node = node[key] as Record<string, unknown>;
  }
  return node;
}

/**
 * Returns a copy of `raw` (the parsed file content) with every set
 * `SIDFLOW_*` variable written at its config path.
 *
 * @param raw - parsed config file content (any JSON value; non-objects are left for the schema to reject)
 * @param env - the environment, e.g. `process.env`
 * @returns the merged value and the names of the variables applied
 * @throws {@link ConfigError} `CONFIG_BAD_ENV` when a variable cannot be coerced
 */
export function applyConfigEnvOverrides(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): ConfigEnvOverrideResult {
  const applied: string[] = [];
  if (!isPlainObject(raw)) return { value: raw, applied };
  let root: Record<string, unknown>;
  try {
    root = structuredClone(raw);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', null, ['(root): expected plain JSON data'], {
      cause: error,
    });
  }
  for (const variable of configEnvVariables) {
    const text = env[variable.name];
    if (text === undefined) continue;
    const value = coerce(variable, text);
    const node = sectionFor(root, variable.path.slice(0, -1));
    // A section of the wrong type is left alone so the schema reports it.
    if (node === null) continue;
    node[variable.path[variable.path.length - 1]] = value;
    applied.push(variable.name);
  }
  return { value: root, applied };
}

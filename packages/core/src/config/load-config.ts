import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { applyConfigEnvOverrides } from './config-env-overrides.js';
import { ConfigError } from './config-error.js';
import { describeValidationIssue } from './describe-validation-issue.js';
import type { SidflowConfig } from './sidflow-config.js';
import { sidflowConfigSchema } from './sidflow-config-schema.js';

/** File name looked up in the working directory when no file is given. */
export const CONFIG_FILE_NAME = '.sidflow.json';

/** Options of {@link parseConfigText}. */
export interface ParseConfigOptions {
  /** Name of the file the text came from, used in error messages. */
  readonly source?: string | null;
  /** Folder relative paths in the config are resolved against; defaults to `process.cwd()`. */
  readonly baseDir?: string;
  /** Environment whose `SIDFLOW_*` variables override the text; defaults to none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Working directory searched for `.sidflow.json`; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** Explicit config file (relative to `cwd`); it must exist. */
  readonly file?: string;
  /** Environment whose `SIDFLOW_*` variables override the file; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function resolveNullablePath(baseDir: string, path: string | null): string | null {
  return path === null ? null : resolvePath(baseDir, path);
}

/** Relative paths are relative to the config file's folder, not the caller's cwd. */
function withResolvedPaths(config: SidflowConfig, baseDir: string): SidflowConfig {
  const sidplayfpPath = config.sidplayfp.path;
  return {
    ...config,
    hvscRoot: resolvePath(baseDir, config.hvscRoot),
    dataDir: resolvePath(baseDir, config.dataDir),
    cache: { ...config.cache, dir: resolvePath(baseDir, config.cache.dir) },
    roms: {
      kernal: resolveNullablePath(baseDir, config.roms.kernal),
      basic: resolveNullablePath(baseDir, config.roms.basic),
      chargen: resolveNullablePath(baseDir, config.roms.chargen),
    },
    // A bare command name is looked up on PATH, so only paths with a separator are resolved.
    sidplayfp: {
      path: /[\\/]/.test(sidplayfpPath) ? resolvePath(baseDir, sidplayfpPath) : sidplayfpPath,
    },
  };
}

/**
 * Validates a parsed config value (after environment overrides) and applies
 * defaults.
 *
 * @param raw - the parsed JSON content
 * @param options - source name, base folder and environment
 * @returns the complete configuration with absolute paths
 * @throws {@link ConfigError} `CONFIG_INVALID` naming every offending path, or `CONFIG_BAD_ENV`
 */
export function parseConfigValue(raw: unknown, options: ParseConfigOptions = {}): SidflowConfig {
  const source = options.source ?? null;
  const { value, applied } = applyConfigEnvOverrides(raw, options.env ?? {});
  const result = sidflowConfigSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeValidationIssue(issue, value));
    if (applied.length > 0) problems.push(`(environment overrides applied: ${applied.join(', ')})`);
    throw new ConfigError('CONFIG_INVALID', source, problems);
  }
  return withResolvedPaths(result.data, options.baseDir ?? process.cwd());
}

/**
 * Parses and validates the text of a `.sidflow.json` file.
 *
 * @param text - the file content
 * @param options - source name, base folder and environment
 * @returns the complete configuration with absolute paths
 * @throws {@link ConfigError} `CONFIG_BAD_JSON`, `CONFIG_INVALID` or `CONFIG_BAD_ENV`
 */
export function parseConfigText(text: string, options: ParseConfigOptions = {}): SidflowConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      'CONFIG_BAD_JSON',
      options.source ?? null,
      [`not valid JSON: ${(error as Error).message}`],
      { cause: error },
    );
  }
  return parseConfigValue(raw, options);
}

/**
 * Loads the SIDFlow configuration: the given file, else `.sidflow.json` in
 * `cwd` if present, else defaults; then `SIDFLOW_*` environment overrides
 * (see {@link configEnvVariables}); then validation.
 *
 * @param options - working directory, explicit file and environment
 * @returns the complete configuration with absolute paths
 * @throws {@link ConfigError} when the file is missing (explicit file only), unreadable or invalid
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<SidflowConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const file = resolve(cwd, options.file ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.file === undefined) {
      return parseConfigValue({}, { env, baseDir: cwd });
    }
    throw new ConfigError(
      code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_UNREADABLE',
      file,
      [code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`],
      { cause: error },
    );
  }
  return parseConfigText(text, { source: file, env, baseDir: dirname(file) });
}

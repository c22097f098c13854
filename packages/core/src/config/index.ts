export {
  applyConfigEnvOverrides,
  type ConfigEnvOverrideResult,
  type ConfigEnvVariable,
  configEnvVariables,
  type EnvValueKind,
} from './config-env-overrides.js';
export { ConfigError, type ConfigErrorCode } from './config-error.js';
export {
  describeValidationError,
  describeValidationIssue,
  describeValue,
  formatIssuePath,
} from './describe-validation-issue.js';
export {
  CONFIG_FILE_NAME,
  type LoadConfigOptions,
  loadConfig,
  type ParseConfigOptions,
  parseConfigText,
  parseConfigValue,
} from './load-config.js';
export {
  migratePreferences,
  migratePreferencesV1ToV2,
  migratePreferencesV2ToV3,
  parsePreferencesJson,
} from './migrate-preferences.js';
export type {
  ChipPreference,
  PlaybackEnginePreference,
  Preferences,
  PreferencesV1,
  PreferencesV2,
  RenderingPreference,
  SyncCadencePreference,
  ThemePreference,
  Ultimate64DevicePreference,
} from './preferences.js';
export { PreferencesError, type PreferencesErrorCode } from './preferences-error.js';
export { CURRENT_PREFERENCES_VERSION, defaultPreferences } from './preferences-schema.js';
export {
  type ResolvedChipModel,
  resolveChipModel,
  type TuneChipModel,
} from './resolve-chip-model.js';
export type {
  CacheConfig,
  EngineConfig,
  RenderConfig,
  RomPathsConfig,
  SidflowConfig,
  SidflowConfigInput,
  SidplayfpConfig,
  Ultimate64Config,
} from './sidflow-config.js';
export { defaultSidflowConfig } from './sidflow-config-schema.js';

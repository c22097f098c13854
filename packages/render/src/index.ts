/** The version of @sidflow/render. */
export const VERSION = '0.0.0';

export type {
  BatchProgress,
  BatchRenderSettings,
  BatchSongOutcome,
  BatchSongs,
  BatchSummary,
} from './batch/batch-types.js';
export { type FoundTune, findTunes } from './batch/find-tunes.js';
export { removeStaleTemps } from './batch/remove-stale-temps.js';
export { type BatchOptions, renderBatch } from './batch/render-batch.js';
export {
  assertWithinDiskMaximum,
  type CacheMode,
  DEFAULT_DISK_LIMITS,
  type DiskLimits,
  estimateRenderBytes,
  planCachedFormats,
  type RenderSizeEstimate,
  type SkippedFormat,
} from './cache/cache-policy.js';
export {
  type DiskUsage,
  measureDiskUse,
  type StatfsFigures,
  type StatfsFunction,
} from './cache/disk-usage.js';
export type {
  AudioEncoder,
  EncodedFormat,
  EncodeOutput,
  EncodeSettings,
} from './encode/encode-request.js';
export {
  DEFAULT_FLAC_LEVEL,
  DEFAULT_M4A_BITRATE,
  ffmpegOutputArguments,
} from './encode/ffmpeg-arguments.js';
export {
  createNativeEncoder,
  type NativeEncoderOptions,
  nativeFfmpegAvailable,
} from './encode/native-encoder.js';
export { type EncoderChoice, selectEncoder } from './encode/select-encoder.js';
export { createWasmEncoder } from './encode/wasm-encoder.js';
export { parseDeviceAddress, probeDevice } from './engines/device-probe.js';
export type {
  EngineJob,
  EngineOutput,
  EngineRunner,
  EngineStem,
  RenderEngineName,
} from './engines/engine-job.js';
export { renderWithSidflowEngine } from './engines/sidflow-engine.js';
export { createSidplayfpEngine, type SidplayfpEngineOptions } from './engines/sidplayfp-engine.js';
export {
  type CaptureSidOnDevice,
  createUltimate64Engine,
  type Ultimate64EngineOptions,
} from './engines/ultimate64-engine.js';
export { DiskLimitError } from './errors/disk-limit-error.js';
export { RenderError, type RenderErrorCode } from './errors/render-error.js';
export { type Biquad, kWeightingFilters } from './loudness/k-weighting.js';
export { LoudnessMeter, type LoudnessStats } from './loudness/loudness-meter.js';
export { TRUE_PEAK_OVERSAMPLING, TruePeakInterpolator } from './loudness/true-peak-interpolator.js';
export {
  type AvailabilityManifest,
  availableFormats,
  type ManifestEncoding,
  type ManifestFile,
  ManifestFormatError,
  type ManifestLoudness,
  type ManifestRender,
  type ManifestStem,
  parseAvailabilityManifest,
  validateAvailabilityManifest,
} from './manifest/availability-manifest.js';
export {
  type InvalidationEvent,
  type InvalidationReason,
  invalidateRenders,
  manifestFileName,
  readAvailabilityManifest,
  renderFileNames,
  writeAvailabilityManifest,
} from './manifest/manifest-file.js';
export type {
  RenderChipChoice,
  RenderEngineChoice,
  RenderOptions,
  RenderProgress,
} from './orchestrator/render-options.js';
export type { RenderResult } from './orchestrator/render-result.js';
export { DEFAULT_SONG_SECONDS, render, type TuneInput } from './orchestrator/render-tune.js';
export { parseWav, readWavFile, type WavAudio } from './wav/read-wav.js';
export { encodeWavHeader, WAV_HEADER_BYTES } from './wav/wav-header.js';
export { WavWriter } from './wav/wav-writer.js';

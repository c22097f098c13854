export type { AdapterEventSink, AdapterLoadRequest, PlaybackAdapter } from './playback-adapter.js';
export type { AdapterAttempt, PlaybackErrorCode } from './playback-error.js';
export { PlaybackError, toSidflowError } from './playback-error.js';
export type { PlaybackServiceOptions } from './playback-service.js';
export { createPlaybackService, PlaybackService } from './playback-service.js';
export { readTuneInfo } from './tune-info.js';
export { TypedEmitter } from './typed-emitter.js';
export type {
  AdapterAvailability,
  AdapterKind,
  AdapterStatus,
  LoadedTune,
  LoadOptions,
  NoteEvent,
  PlaybackEventName,
  PlaybackEvents,
  PlaybackListener,
  PlaybackPreference,
  PlaybackSource,
  PlaybackState,
  RegisterFrame,
  TelemetryEvent,
  TelemetrySink,
  TuneInfo,
} from './types.js';

/** The version of @sidflow/playback. */
export const VERSION = '0.0.0';

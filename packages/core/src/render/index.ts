export {
  formatRenderFileName,
  parseRenderFileName,
  type RenderChipTag,
  type RenderEncoding,
  type RenderFileNameInput,
  type RenderFileNameParts,
  type RenderPlatform,
  sanitizeRenderName,
} from './render-file-name.js';
export {
  type FileRenderTargets,
  type PlaybackRenderTargets,
  type RenderLocation,
  type RenderMode,
  type RenderTargets,
  type RenderTechnology,
  type RenderTime,
  type SupportedRenderMode,
  supportedRenderModes,
  validateRenderMode,
} from './render-matrix.js';
export { RenderModeError } from './render-mode-error.js';
export { RenderNamingError, type RenderNamingErrorCode } from './render-naming-error.js';

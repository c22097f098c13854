export type { ResamplerOptions } from './resampler.js';
export { Resampler } from './resampler.js';
export type { ChannelCount } from './sample-format.js';
export { convertFloatToInt16, floatToInt16, mixSidsToInt16 } from './sample-format.js';

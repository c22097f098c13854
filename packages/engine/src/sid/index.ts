export type { WaveformTables } from './combined-waveforms.js';
export { waveformTables } from './combined-waveforms.js';
export {
  ENVELOPE_RATE_COUNTER_MODULUS,
  ENVELOPE_RATE_PERIODS,
  exponentialPeriodAt,
} from './envelope-rates.js';
export type { ExternalFilterFactors } from './external-filter.js';
export {
  EXTERNAL_HIGH_PASS_HZ,
  EXTERNAL_LOW_PASS_HZ,
  externalFilterFactors,
} from './external-filter.js';
export {
  FILTER_6581_SATURATION_LEVEL,
  filter6581CutoffHz,
  filter6581InverseQ,
  filter6581PassGain,
} from './filter-6581.js';
export {
  FILTER_8580_PASS_GAIN,
  filter8580CutoffHz,
  filter8580InverseQ,
} from './filter-8580.js';
export type { MixStageCurve } from './mix-stage.js';
export { MIX_STAGE_6581, MIX_STAGE_8580, volumeGain } from './mix-stage.js';
export type { SidChipOptions } from './sid-chip.js';
export { SidChip } from './sid-chip.js';
export { buildSidDac } from './sid-dac.js';
export type { SidModelProfile } from './sid-model-profile.js';
export { sidModelProfile } from './sid-model-profile.js';
export type { SidModel } from './sid-types.js';

import type { SidClock, SidModel } from './types.js';

/** Two-bit clock codes in flags bits 2-3, indexed by code. */
const CLOCKS: readonly SidClock[] = ['unknown', 'PAL', 'NTSC', 'PAL+NTSC'];

/** Two-bit SID model codes (flags bits 4-5, 6-7, 8-9), indexed by code. */
const MODELS: readonly SidModel[] = ['unknown', '6581', '8580', 'both'];

/** Clock of the two low bits of `bits`. */
export function decodeSidClock(bits: number): SidClock {
  return CLOCKS[bits & 3];
}

/** SID model of the two low bits of `bits`. */
export function decodeSidModel(bits: number): SidModel {
  return MODELS[bits & 3];
}

/** Two-bit code of `clock`, or -1 when it is not a clock name. */
export function encodeSidClock(clock: SidClock): number {
  return CLOCKS.indexOf(clock);
}

/** Two-bit code of `model`, or -1 when it is not a model name. */
export function encodeSidModel(model: SidModel): number {
  return MODELS.indexOf(model);
}

export type { C64Parts, SidWriteObserver } from './c64/c64.js';
export { C64 } from './c64/c64.js';
export type { Cia6526Options, CiaModel } from './c64/cia/index.js';
export { Cia6526 } from './c64/cia/index.js';
export type { ClockTiming, VideoStandard } from './c64/clock.js';
export { clockTiming, NTSC_TIMING, PAL_TIMING } from './c64/clock.js';
export { Cpu6510 } from './c64/cpu/index.js';
export type { CpuBus } from './c64/cpu-bus.js';
export { buildKernalReplacement } from './c64/kernal/kernal-replacement.js';
export type {
  MachineCia,
  MachineCpu,
  MachineSid,
  MachineVic,
  SnapshotCapable,
} from './c64/machine-chips.js';
export type { SystemRoms } from './c64/memory.js';
export { C64Memory } from './c64/memory.js';
export { VicII } from './c64/vic/index.js';
export type {
  HeaderClock,
  HeaderSidModel,
  TuneCompatibility,
  TuneSource,
} from './drivers/tune-info.js';
export { InvalidTuneError, readTuneSource } from './drivers/tune-info.js';
export type { ResamplerOptions } from './output/index.js';
export { Resampler } from './output/index.js';
export { CpuJammedError } from './player/cpu-jammed-error.js';
export { createPlayer } from './player/create-player.js';
export { InitTimeoutError } from './player/init-timeout-error.js';
export { InvalidOptionError } from './player/invalid-option-error.js';
export { NeedsBasicRomError } from './player/needs-basic-rom-error.js';
export type { PlayerOptions, ResolvedPlayerOptions } from './player/player-options.js';
export { SidPlayer } from './player/sid-player.js';
export type { TraceSnapshotOptions, TraceWriteOptions } from './player/trace.js';
export { traceSnapshots, traceWrites } from './player/trace.js';
export type { SidChipOptions, SidModel } from './sid/index.js';
export { SidChip } from './sid/index.js';
export { StateReader } from './state/state-reader.js';
export { StateWriter } from './state/state-writer.js';

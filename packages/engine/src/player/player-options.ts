import type { VideoStandard } from '../c64/clock.js';
import type { SystemRoms } from '../c64/memory.js';
import type { HeaderSidModel, TuneSource } from '../drivers/tune-info.js';
import type { SidModel } from '../sid/sid-types.js';
import { InvalidOptionError } from './invalid-option-error.js';

/** Options of `createPlayer`. Every field is optional. */
export interface PlayerOptions {
  /** Song to play, 1-based. Default: the header's start song. */
  song?: number;
  /** Output sample rate in Hz, 8,000–192,000. Default 44,100. */
  sampleRate?: number;
  /** Output channels: 1 (mono) or 2 (interleaved stereo; 2 SIDs left/right, 3 SIDs left/centre/right). Default 1. */
  channels?: 1 | 2;
  /**
   * SID model: `'auto'` (default) follows the song metadata, else the 6581
   * (extra SIDs of unknown model follow the first); `'6581'`/`'8580'` force
   * every chip.
   */
  chip?: 'auto' | '6581' | '8580';
  /**
   * Video standard (sets the CPU clock): `'auto'` (default) follows the header,
   * PAL when it says unknown or both; `'PAL'`/`'NTSC'` force it.
   */
  clock?: 'auto' | VideoStandard;
  /**
   * System ROM images. Default none: our own KERNAL replacement, BASIC and
   * character ROM areas read as zeros (as libsidplayfp without ROMs). RSID
   * BASIC tunes need `basic`.
   */
  roms?: SystemRoms;
  /**
   * Checks each supplied ROM before use, e.g. `validateRom` from `@sidflow/core`
   * (it hashes with Node's crypto, so the engine leaves the choice to the
   * caller); whatever it throws propagates from `createPlayer`. Default: only
   * the sizes are checked.
   */
  romValidator?: (kind: 'kernal' | 'basic' | 'chargen', bytes: Uint8Array) => unknown;
  /**
   * Seconds of audio between the snapshots `seek` keeps on its way (a later
   * seek restores the nearest one and runs only the rest). Each holds the
   * whole machine (~80 KB), so once more than 64 are kept the interval doubles
   * and every other one is dropped. Default 1.
   */
  seekSnapshotInterval?: number;
  /**
   * How `seek` gets there. `'fast'` (default): the machine runs ahead with the
   * SIDs advancing only their digital state (no waveforms, filter or
   * resampling); over the last 0.55 s before the target the level held by the
   * board's slow output high-pass is estimated from sampled cycles, and the
   * last 0.05 s is synthesised again; every register, oscillator and envelope
   * is exact, the audio differs from an uninterrupted render only by a DC
   * offset of a few LSB that decays within 0.1 s (see the README). `'exact'`: the whole way is synthesised,
   * so rendering after a seek equals rendering straight through byte for byte
   * (about 10× slower).
   */
  seekMode?: 'fast' | 'exact';
}

/** Options after defaults and validation. */
export interface ResolvedPlayerOptions {
  /** 1-based song. */
  song: number;
  /** Output rate in Hz. */
  sampleRate: number;
  /** 1 or 2. */
  channels: 1 | 2;
  /** Video standard. */
  video: VideoStandard;
  /** Model per SID. */
  sidModels: SidModel[];
  /** ROMs. */
  roms: SystemRoms;
  /** Seconds between seek snapshots. */
  seekSnapshotInterval: number;
  /** How seeks run. */
  seekMode: 'fast' | 'exact';
}

function chipCount(tune: TuneSource): number {
  if (tune.secondSidAddress === null) return 1;
  return tune.thirdSidAddress === null ? 2 : 3;
}

function concrete(model: HeaderSidModel): SidModel | null {
  return model === '6581' || model === '8580' ? model : null;
}

/**
 * Applies defaults and checks ranges.
 *
 * @throws InvalidOptionError naming the offending option
 */
export function resolvePlayerOptions(
  tune: TuneSource,
  options: PlayerOptions = {},
): ResolvedPlayerOptions {
  const song = options.song ?? tune.startSong;
  if (!Number.isInteger(song) || song < 1 || song > tune.songs) {
    throw new InvalidOptionError('song', `must be an integer 1..${tune.songs}, got ${song}`);
  }
  const sampleRate = options.sampleRate ?? 44_100;
  if (!Number.isFinite(sampleRate) || sampleRate < 8_000 || sampleRate > 192_000) {
    throw new InvalidOptionError('sampleRate', `must be 8000..192000 Hz, got ${sampleRate}`);
  }
  const channels = options.channels ?? 1;
  if (channels !== 1 && channels !== 2) {
    throw new InvalidOptionError('channels', `must be 1 or 2, got ${String(channels)}`);
  }
  const chip = options.chip ?? 'auto';
  if (chip !== 'auto' && chip !== '6581' && chip !== '8580') {
    throw new InvalidOptionError('chip', `must be 'auto', '6581' or '8580', got ${String(chip)}`);
  }
  const clock = options.clock ?? 'auto';
  if (clock !== 'auto' && clock !== 'PAL' && clock !== 'NTSC') {
    throw new InvalidOptionError('clock', `must be 'auto', 'PAL' or 'NTSC', got ${String(clock)}`);
  }
  const interval = options.seekSnapshotInterval ?? 1;
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new InvalidOptionError('seekSnapshotInterval', `must be > 0 seconds, got ${interval}`);
  }
  const seekMode = options.seekMode ?? 'fast';
  if (seekMode !== 'fast' && seekMode !== 'exact') {
    throw new InvalidOptionError('seekMode', `must be 'fast' or 'exact', got ${String(seekMode)}`);
  }
  const video: VideoStandard = clock !== 'auto' ? clock : tune.clock === 'NTSC' ? 'NTSC' : 'PAL';
  const first: SidModel = chip !== 'auto' ? chip : (concrete(tune.sidModel) ?? '6581');
  const headerModels = [tune.sidModel, tune.secondSidModel, tune.thirdSidModel];
  const sidModels: SidModel[] = [];
  for (let i = 0; i < chipCount(tune); i++) {
    sidModels.push(chip !== 'auto' ? chip : i === 0 ? first : (concrete(headerModels[i]) ?? first));
  }
  return {
    song,
    sampleRate,
    channels,
    video,
    sidModels,
    roms: options.roms ?? {},
    seekSnapshotInterval: interval,
    seekMode,
  };
}

import { readTuneSource, type TuneSource } from '../drivers/tune-info.js';
import { InvalidOptionError } from './invalid-option-error.js';
import { type PlayerOptions, resolvePlayerOptions } from './player-options.js';
import { SidPlayer } from './sid-player.js';

const ROM_SIZES = { kernal: 0x2000, basic: 0x2000, chargen: 0x1000 } as const;

/**
 * Creates a player for a PSID/RSID tune, given as file bytes or as an already
 * parsed `SidFile` from `@sidflow/core` (any object with its fields). The
 * machine is reset and the song's driver installed; audio comes from
 * {@link SidPlayer.render}.
 *
 * @throws InvalidTuneError when the bytes are not a usable PSID/RSID file
 * @throws InvalidOptionError when an option is out of range
 * @throws NeedsBasicRomError for an RSID BASIC tune without `roms.basic`
 * @throws whatever `options.romValidator` throws for a supplied ROM
 */
export function createPlayer(
  input: Uint8Array | TuneSource,
  options: PlayerOptions = {},
): SidPlayer {
  const tune = input instanceof Uint8Array ? readTuneSource(input) : input;
  const resolved = resolvePlayerOptions(tune, options);
  for (const name of ['kernal', 'basic', 'chargen'] as const) {
    const rom = resolved.roms[name];
    if (rom !== undefined && (!(rom instanceof Uint8Array) || rom.length !== ROM_SIZES[name])) {
      throw new InvalidOptionError(
        `roms.${name}`,
        `must be a Uint8Array of ${ROM_SIZES[name]} bytes`,
      );
    }
    if (rom !== undefined && options.romValidator) options.romValidator(name, rom);
  }
  return new SidPlayer(tune, resolved);
}

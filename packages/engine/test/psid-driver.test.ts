import { describe, expect, it } from 'vitest';
import { buildDriverCode } from '../src/drivers/driver-code.js';
import { bankFor, driverPage } from '../src/drivers/install-tune.js';
import { readTuneSource, songUsesCia } from '../src/drivers/tune-info.js';
import { createPlayer } from '../src/index.js';
import { buildTestTune, countingTune } from './support/machine-tunes.js';

/** Writes to $D402 (one per play call) within the first `seconds`. */
function playCalls(bytes: Uint8Array, seconds: number, song?: number): number {
  const player = createPlayer(bytes, { song });
  let calls = 0;
  player.onWrite((_cycle, _sid, register) => {
    if (register === 2) calls++;
  });
  player.render(new Int16Array(Math.round(seconds * 44_100)));
  return calls;
}

describe('PSID driver', () => {
  it('calls init with A = song − 1', () => {
    for (const song of [1, 3, 7]) {
      const player = createPlayer(countingTune({ songs: 8 }), { song });
      player.render(new Int16Array(2000));
      expect(player.registers()[1]).toBe(song - 1);
      expect(player.initDone).toBe(true);
    }
  });

  it('defaults to the header start song', () => {
    const player = createPlayer(countingTune({ songs: 8, startSong: 5 }));
    player.render(new Int16Array(2000));
    expect(player.song).toBe(5);
    expect(player.registers()[1]).toBe(4);
  });

  it('plays on the raster interrupt (50 Hz PAL) for VBI songs', () => {
    expect(playCalls(countingTune(), 2)).toBeGreaterThanOrEqual(99);
    expect(playCalls(countingTune(), 2)).toBeLessThanOrEqual(101);
  });

  it('plays on CIA 1 timer A ($4025 = 60 Hz) when the song speed bit is set', () => {
    const calls = playCalls(countingTune({ speed: 1 }), 2);
    expect(calls).toBeGreaterThanOrEqual(119);
    expect(calls).toBeLessThanOrEqual(121);
    // Song 2 of a tune whose speed has only bit 0 set is VBI again.
    const vbi = playCalls(countingTune({ speed: 1, songs: 2 }), 2, 2);
    expect(vbi).toBeLessThanOrEqual(101);
  });

  it('reads the speed field like libsidplayfp (bit 31 beyond song 32; PlaySID-specific wraps)', () => {
    const tune = readTuneSource(countingTune({ speed: 0x80000001, songs: 40 }));
    expect(songUsesCia(tune, 1)).toBe(true);
    expect(songUsesCia(tune, 2)).toBe(false);
    expect(songUsesCia(tune, 40)).toBe(true);
    const playsid = { ...tune, psidSpecific: true };
    expect(songUsesCia(playsid, 33)).toBe(true);
    expect(songUsesCia(playsid, 34)).toBe(false);
  });

  it('banks $01 by routine address and places the driver on a free page', () => {
    const tune = readTuneSource(countingTune());
    expect(bankFor(tune, 0x1000)).toBe(0x37);
    expect(bankFor(tune, 0xa000)).toBe(0x36);
    expect(bankFor(tune, 0xd000)).toBe(0x34);
    expect(bankFor(tune, 0xe000)).toBe(0x35);
    expect(bankFor(tune, 0)).toBe(0);
    expect(driverPage(tune)).toBe(0x04);
    expect(driverPage({ ...tune, loadAddress: 0x0400, data: new Uint8Array(0x300) })).toBe(0x07);
    expect(driverPage({ ...tune, relocStartPage: 0xc0, relocPages: 2 })).toBe(0xc0);
  });

  it('generates the driver with the libsidplayfp instruction sequence', () => {
    const code = buildDriverCode(0x0400, {
      song: 2,
      speedCia: true,
      initAddress: 0x1000,
      playAddress: 0x1003,
      powerOnDelay: 0,
      initBank: 0x37,
      playBank: 0x37,
      videoPal: true,
      tunePal: true,
      initFlags: 0x04,
    });
    expect(Array.from(code.bytes.subarray(0, 13))).toEqual([
      2, 1, 0x00, 0x10, 0x03, 0x10, 0, 0, 0x37, 0x37, 1, 1, 0x04,
    ]);
    expect(code.cold).toBe(0x0413);
    expect(code.bytes[code.cold - 0x400]).toBe(0x78);
    expect(code.bytes[code.exception - 0x400]).toBe(0x02);
    expect(code.bytes.length).toBeLessThanOrEqual(256);
  });

  it('clears $0000–$03FE before init, as libsidplayfp does for every tune', () => {
    // Init copies $FF (power-on RAM pattern: $FF) and $03FE to SID registers, then returns.
    const init = [0xa5, 0xff, 0x8d, 0x02, 0xd4, 0xad, 0xfe, 0x03, 0x8d, 0x03, 0xd4, 0x60];
    const code = new Array(0x10).fill(0);
    code.splice(0, init.length, ...init);
    const bytes = buildTestTune({ loadAddress: 0x1000, initAddress: 0x1000, playAddress: 0, code });
    const player = createPlayer(bytes);
    const written: number[] = [];
    player.onWrite((_c, _s, register, value) => {
      if (register === 2 || register === 3) written[register] = value;
    });
    player.render(new Int16Array(2000));
    expect(written[2]).toBe(0);
    expect(written[3]).toBe(0);
  });

  it('leaves $0314 to the tune when the play address is 0', () => {
    // Init installs its own raster handler at $1100 that writes $D403 and acks the VIC.
    const init = [0x78, 0xa9, 0x00, 0x8d, 0x14, 0x03, 0xa9, 0x11, 0x8d, 0x15, 0x03, 0x58, 0x60];
    const code = new Array(0x110).fill(0);
    code.splice(0, init.length, ...init);
    code.splice(0x100, 12, 0xee, 0x03, 0xd4, 0xee, 0x19, 0xd0, 0x4c, 0x31, 0xea, 0, 0, 0);
    const bytes = buildTestTune({ loadAddress: 0x1000, initAddress: 0x1000, playAddress: 0, code });
    const player = createPlayer(bytes);
    let handler = 0;
    player.onWrite((_c, _s, register) => {
      if (register === 3) handler++;
    });
    player.render(new Int16Array(44_100));
    expect(handler).toBeGreaterThanOrEqual(49);
  });
});

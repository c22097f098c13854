import { describe, expect, it } from 'vitest';
import { createPlayer, NeedsBasicRomError } from '../src/index.js';
import { buildTestTune } from './support/machine-tunes.js';

/**
 * An RSID whose init records its environment in SID registers and returns:
 * $D405 = P (via PHP/PLA), $D406 = $01, $D407/$D408 = $0314/$0315,
 * $D409 = CIA 1 CRA, $D40A = $02A6, then installs a handler writing $D40C.
 */
function environmentTune(): Uint8Array {
  const code = [
    0x08,
    0x68,
    0x8d,
    0x05,
    0xd4, // PHP PLA STA $D405
    0xa5,
    0x01,
    0x8d,
    0x06,
    0xd4, // LDA $01 STA $D406
    0xad,
    0x14,
    0x03,
    0x8d,
    0x07,
    0xd4, // LDA $0314 STA $D407
    0xad,
    0x15,
    0x03,
    0x8d,
    0x08,
    0xd4, // LDA $0315 STA $D408
    0xad,
    0x0e,
    0xdc,
    0x8d,
    0x09,
    0xd4, // LDA $DC0E STA $D409
    0xad,
    0xa6,
    0x02,
    0x8d,
    0x0a,
    0xd4, // LDA $02A6 STA $D40A
    0x78,
    0xa9,
    0x40,
    0x8d,
    0x14,
    0x03,
    0xa9,
    0x10,
    0x8d,
    0x15,
    0x03,
    0x58, // $0314 = $1040
    0x60,
  ];
  const body = new Array(0x50).fill(0);
  body.splice(0, code.length, ...code);
  // $1040: INC $D40C is not readable back; count with INC $2000 and store.
  body.splice(0x40, 12, 0xee, 0x00, 0x20, 0xad, 0x00, 0x20, 0x8d, 0x0c, 0xd4, 0x4c, 0x31, 0xea);
  return buildTestTune({
    format: 'RSID',
    loadAddress: 0x1000,
    initAddress: 0x1000,
    playAddress: 0,
    code: body,
  });
}

describe('RSID driver', () => {
  it('runs init as the main program in the RSID environment', () => {
    const player = createPlayer(environmentTune());
    player.render(new Int16Array(44_100));
    const r = player.registers();
    expect(r[0x05] & 0x04).toBe(0); // I flag clear
    expect(r[0x06]).toBe(0x37); // $01 = $37
    expect(r[0x08]).not.toBe(0xea); // $0314 points at the driver's exit that acks CIA 1
    expect(r[0x09] & 0x01).toBe(1); // CIA 1 timer A running
    expect(r[0x0a]).toBe(1); // PAL flag
    // CIA 1 timer A at 60 Hz drives the tune's own handler (acknowledged? no: $EA31 does
    // not read $DC0D, so the handler runs again and again, as under libsidplayfp).
    expect(r[0x0c]).toBeGreaterThan(0);
  });

  it('starts with low RAM as after the KERNAL cold start: cleared, then its work bytes', () => {
    // Init copies $DE (screen link table), $73 (CHRGET), $FF and $03FE (cleared) to SID registers.
    const code = [
      0xa5, 0xde, 0x8d, 0x0d, 0xd4, 0xa5, 0x73, 0x8d, 0x0e, 0xd4, 0xa5, 0xff, 0x8d, 0x0f, 0xd4,
      0xad, 0xfe, 0x03, 0x8d, 0x10, 0xd4, 0x60,
    ];
    const bytes = buildTestTune({
      format: 'RSID',
      loadAddress: 0x1000,
      initAddress: 0x1000,
      playAddress: 0,
      code,
    });
    const player = createPlayer(bytes);
    player.render(new Int16Array(2000));
    const r = player.registers();
    expect(r[0x0d]).toBe(0x84);
    expect(r[0x0e]).toBe(0xe6);
    expect(r[0x0f]).toBe(0);
    expect(r[0x10]).toBe(0);
  });

  it('throws NeedsBasicRomError at creation for a BASIC tune without a BASIC ROM', () => {
    const bytes = buildTestTune({
      format: 'RSID',
      loadAddress: 0x0801,
      initAddress: 0,
      playAddress: 0,
      flags: 0x16,
      code: [0x0b, 0x08, 0x0a, 0x00, 0x99, 0x22, 0x41, 0x22, 0x00, 0x00, 0x00],
    });
    expect(() => createPlayer(bytes)).toThrow(NeedsBasicRomError);
    try {
      createPlayer(bytes);
    } catch (error) {
      expect((error as NeedsBasicRomError).code).toBe('ENGINE_NEEDS_BASIC_ROM');
    }
  });
});

/** Builds small PSID/RSID files for the machine, driver and player tests. */
export interface TestTuneOptions {
  format?: 'PSID' | 'RSID';
  version?: number;
  loadAddress: number;
  initAddress: number;
  playAddress: number;
  songs?: number;
  startSong?: number;
  speed?: number;
  flags?: number;
  secondSid?: number;
  thirdSid?: number;
  code: number[];
}

/** A PSID/RSID file with the load address in the header (RSID: in front of the data). */
export function buildTestTune(o: TestTuneOptions): Uint8Array {
  const version = o.version ?? 2;
  const header = new Uint8Array(version === 1 ? 0x76 : 0x7c);
  const view = new DataView(header.buffer);
  header.set([...(o.format ?? 'PSID')].map((c) => c.charCodeAt(0)));
  view.setUint16(4, version);
  view.setUint16(6, header.length);
  const rsid = o.format === 'RSID';
  view.setUint16(8, rsid ? 0 : o.loadAddress);
  view.setUint16(10, o.initAddress);
  view.setUint16(12, rsid ? 0 : o.playAddress);
  view.setUint16(14, o.songs ?? 1);
  view.setUint16(16, o.startSong ?? 1);
  view.setUint32(18, rsid ? 0 : (o.speed ?? 0));
  if (version >= 2) {
    view.setUint16(0x76, o.flags ?? 0x14);
    header[0x7a] = o.secondSid ?? 0;
    header[0x7b] = o.thirdSid ?? 0;
  }
  const prefix = rsid ? [o.loadAddress & 0xff, o.loadAddress >> 8] : [];
  const out = new Uint8Array(header.length + prefix.length + o.code.length);
  out.set(header);
  out.set(prefix, header.length);
  out.set(o.code, header.length + prefix.length);
  return out;
}

/**
 * A PSID at $1000 whose init stores A (song − 1) in $D401 and $D418 = $0F,
 * and whose play routine increments $D402 on every call (its writes count the calls).
 */
export function countingTune(
  options: { speed?: number; songs?: number; startSong?: number } = {},
): Uint8Array {
  const code = [
    // $1000 init: STA $D401; LDA #$0F; STA $D418; RTS
    0x8d, 0x01, 0xd4, 0xa9, 0x0f, 0x8d, 0x18, 0xd4, 0x60,
    // $1009 play: INC $1100; LDA $1100; STA $D402; RTS
    0xee, 0x00, 0x11, 0xad, 0x00, 0x11, 0x8d, 0x02, 0xd4, 0x60,
  ];
  return buildTestTune({
    loadAddress: 0x1000,
    initAddress: 0x1000,
    playAddress: 0x1009,
    code,
    speed: options.speed ?? 0,
    songs: options.songs ?? 1,
    startSong: options.startSong ?? 1,
  });
}

/** A PSID playing a sawtooth with a changing frequency, so audio is non-trivial. */
export function toneTune(): Uint8Array {
  const code = [
    // $1000 init: set voice 1 saw, ADSR, volume
    0xa9,
    0x0f,
    0x8d,
    0x18,
    0xd4, // LDA #$0F STA $D418
    0xa9,
    0x00,
    0x8d,
    0x05,
    0xd4, // AD = $00
    0xa9,
    0xf0,
    0x8d,
    0x06,
    0xd4, // SR = $F0
    0xa9,
    0x21,
    0x8d,
    0x04,
    0xd4, // saw + gate
    0x60,
    // $1015 play: INC $1100; LDA $1100; STA $D401 (frequency high byte); RTS
    0xee,
    0x00,
    0x11,
    0xad,
    0x00,
    0x11,
    0x8d,
    0x01,
    0xd4,
    0x60,
  ];
  return buildTestTune({ loadAddress: 0x1000, initAddress: 0x1000, playAddress: 0x1015, code });
}

/** Path of the shared HVSC sample (the repo root's parent holds `shared/`). */
export const HVSC_SAMPLE = new URL('../../../../../shared/hvsc-sample/C64Music/', import.meta.url)
  .pathname;

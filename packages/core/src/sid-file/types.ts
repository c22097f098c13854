/** `PSID` (PlaySID compatible) or `RSID` (needs a real C64 environment). */
export type SidFormat = 'PSID' | 'RSID';

/** Header version; RSID starts at 2. Version 3 adds a second SID chip, version 4 a third. */
export type SidFileVersion = 1 | 2 | 3 | 4;

/** Video standard the tune was written for (flags bits 2-3). */
export type SidClock = 'unknown' | 'PAL' | 'NTSC' | 'PAL+NTSC';

/** SID chip model a tune was written for (two flag bits per chip); `both` plays on either. */
export type SidModel = 'unknown' | '6581' | '8580' | 'both';

/** How a song's play routine is timed: by the vertical blank interrupt or by a CIA 1 timer. */
export type SongSpeed = 'vbi' | 'cia';

/**
 * A PSID/RSID file: every header field decoded, plus the C64 data.
 *
 * Treat it as immutable: to change a field, spread it (`{ ...sid, name: 'New' }`) and pass
 * the copy to `writeSidFile`, which keeps the original bytes of every field left unchanged.
 */
export interface SidFile {
  /** Magic ID. */
  readonly format: SidFormat;
  /** Header version, which fixes the header size: 0x76 bytes for v1, 0x7C for v2+. */
  readonly version: SidFileVersion;
  /**
   * C64 address the data loads at. When {@link SidFile.loadAddressInData} is true the header
   * holds 0 and this address is the little-endian word in front of the C64 data.
   */
  readonly loadAddress: number;
  /** True when the load address is stored as the first two data bytes (header field 0). */
  readonly loadAddressInData: boolean;
  /** Init routine address as stored; 0 means the load address (see `effectiveInitAddress`). */
  readonly initAddress: number;
  /** Play routine address; 0 means init installs its own interrupt handler (always so in RSID). */
  readonly playAddress: number;
  /** Number of songs, 1–256. */
  readonly songs: number;
  /** Song played by default, 1-based. */
  readonly startSong: number;
  /** 32-bit speed field: bit n set = song n+1 timed by CIA; songs past 32 share bit 31. */
  readonly speed: number;
  /** Title (header field `name`). */
  readonly name: string;
  /** Composer. */
  readonly author: string;
  /** Release year and publisher (formerly `copyright`). */
  readonly released: string;
  /** Flags bit 0: the data is Compute!'s Sidplayer MUS data. Always false in v1. */
  readonly musData: boolean;
  /** PSID flags bit 1: the tune uses PlaySID-specific features (samples through $D41D). */
  readonly psidSpecific: boolean;
  /** RSID flags bit 1: the data is a C64 BASIC program started with RUN (init must be 0). */
  readonly basic: boolean;
  /** Video standard (flags bits 2-3); `unknown` in v1. */
  readonly clock: SidClock;
  /** Model of the first SID (flags bits 4-5); `unknown` in v1. */
  readonly sidModel: SidModel;
  /** Model of the second SID (flags bits 6-7, v3+); `unknown` means same as the first. */
  readonly secondSidModel: SidModel;
  /** Model of the third SID (flags bits 8-9, v4); `unknown` means same as the first. */
  readonly thirdSidModel: SidModel;
  /** First free page the tune leaves for a relocated driver; 0 = clean, 0xFF = no free page. */
  readonly relocStartPage: number;
  /** Number of free pages starting at {@link SidFile.relocStartPage}. */
  readonly relocPages: number;
  /** Address of the second SID ($D420–$D7E0 or $DE00–$DFE0), or null for one chip (v3+). */
  readonly secondSidAddress: number | null;
  /** Address of the third SID, or null (v4). */
  readonly thirdSidAddress: number | null;
  /** C64 data loaded at {@link SidFile.loadAddress}, without the two load address bytes. */
  readonly data: Uint8Array;
  /** The file bytes this model was parsed from, or null for a file built by `createSidFile`. */
  readonly source: Uint8Array | null;
  /** Format rule violations tolerated while parsing (empty when the file follows every rule). */
  readonly warnings: readonly string[];
}

/** Options of `parseSidFile`. */
export interface ParseSidFileOptions {
  /**
   * Throw on every format rule violation instead of collecting it in `warnings`.
   * Default false: real HVSC tunes bend some rules and still play.
   */
  readonly strict?: boolean;
}

/** Fields of a new PSID file built by `createSidFile`. */
export interface CreateSidFileOptions {
  /** Title, at most 32 Windows-1252 characters. Default `''`. */
  readonly name?: string;
  /** Composer, at most 32 characters. Default `''`. */
  readonly author?: string;
  /** Release year and publisher, at most 32 characters. Default `''`. */
  readonly released?: string;
  /** C64 address the data loads at. */
  readonly loadAddress: number;
  /** Init routine address; 0 means the load address. */
  readonly initAddress: number;
  /** Play routine address; 0 when init installs its own interrupt handler. */
  readonly playAddress: number;
  /** Number of songs, 1–256. Default 1. */
  readonly songs?: number;
  /** Default song, 1-based. Default 1. */
  readonly startSong?: number;
  /**
   * Timing per song, either one entry per song (missing entries are `vbi`; songs past 32
   * share one bit, so they must all agree) or the raw 32-bit speed field. Default all `vbi`.
   */
  readonly speed?: readonly SongSpeed[] | number;
  /** Video standard. Default `PAL`. */
  readonly clock?: SidClock;
  /** Model of the first SID. Default `6581`. */
  readonly sidModel?: SidModel;
  /** Model of the second SID. Default `unknown` (same as the first). */
  readonly secondSidModel?: SidModel;
  /** Model of the third SID. Default `unknown` (same as the first). */
  readonly thirdSidModel?: SidModel;
  /** Address of a second SID; makes the file v3. Default none. */
  readonly secondSidAddress?: number | null;
  /** Address of a third SID; needs a second one and makes the file v4. Default none. */
  readonly thirdSidAddress?: number | null;
  /** Whether the tune uses PlaySID-specific features. Default false. */
  readonly psidSpecific?: boolean;
  /** First free page for a relocated driver (0 = clean, 0xFF = none). Default 0. */
  readonly relocStartPage?: number;
  /** Number of free pages. Default 0. */
  readonly relocPages?: number;
  /**
   * Store the load address in front of the data (header field 0), as HVSC files do and the
   * format description recommends. Default true.
   */
  readonly loadAddressInData?: boolean;
  /** C64 data, without a load address prefix. */
  readonly data: Uint8Array;
}

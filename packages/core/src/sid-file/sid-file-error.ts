import { SidflowError } from '../errors.js';

/** Stable codes of {@link SidFileError}, one per format rule or encoding limit. */
export type SidFileErrorCode =
  /** The file ends inside the header. */
  | 'SID_TRUNCATED'
  /** Magic ID is neither `PSID` nor `RSID`. */
  | 'SID_BAD_MAGIC'
  /** Version outside 1–4 (2–4 for RSID). */
  | 'SID_BAD_VERSION'
  /** Data offset is not the header size of the version (0x76 for v1, 0x7C for v2+). */
  | 'SID_BAD_DATA_OFFSET'
  /** Header load address is 0 but the data is shorter than the 2-byte load address. */
  | 'SID_NO_LOAD_ADDRESS'
  /** No C64 data follows the header (and load address). */
  | 'SID_NO_DATA'
  /** The data does not fit below $10000 from its load address. */
  | 'SID_DATA_BEYOND_64K'
  /** Songs outside 1–256. */
  | 'SID_BAD_SONGS'
  /** Start song outside 1..songs. */
  | 'SID_BAD_START_SONG'
  /** RSID header load address is not 0. */
  | 'SID_RSID_HEADER_LOAD_ADDRESS'
  /** RSID data loads below $07E8, where a real C64 could not load it. */
  | 'SID_RSID_LOAD_TOO_LOW'
  /** RSID play address is not 0. */
  | 'SID_RSID_PLAY_ADDRESS'
  /** RSID speed field is not 0. */
  | 'SID_RSID_SPEED'
  /** RSID C64 BASIC tune with an init address other than 0. */
  | 'SID_BASIC_INIT_ADDRESS'
  /** RSID init address in $0000–$07E7, $A000–$BFFF or $D000–$FFFF. */
  | 'SID_INIT_IN_ROM_OR_IO'
  /** RSID init address outside the loaded data. */
  | 'SID_INIT_OUTSIDE_DATA'
  /** Relocation range invalid: wraps, overlaps the data, or covers ROM/IO/low pages. */
  | 'SID_BAD_RELOC_RANGE'
  /** Extra SID address byte not an even value in $42–$7E or $E0–$FE. */
  | 'SID_BAD_SID_ADDRESS'
  /** Third SID at the second SID's address, or a third SID without a second. */
  | 'SID_BAD_THIRD_SID'
  /** Flag bits or header bytes reserved in this version are not 0. */
  | 'SID_RESERVED_NOT_ZERO'
  /** A field value does not fit the header field (writing). */
  | 'SID_VALUE_OUT_OF_RANGE'
  /** A string is longer than 32 bytes or has characters Windows-1252 cannot encode (writing). */
  | 'SID_STRING_NOT_ENCODABLE'
  /** A field is set that the file's version or format cannot store (writing). */
  | 'SID_FIELD_NOT_IN_VERSION'
  /** A song number outside 1..songs was asked for. */
  | 'SID_NO_SUCH_SONG'
  /** A SID chip index the tune does not use was asked for. */
  | 'SID_NO_SUCH_CHIP';

/** Header field (or helper argument) an error is about. */
export type SidFileField =
  | 'header'
  | 'magic'
  | 'version'
  | 'dataOffset'
  | 'loadAddress'
  | 'initAddress'
  | 'playAddress'
  | 'songs'
  | 'startSong'
  | 'speed'
  | 'name'
  | 'author'
  | 'released'
  | 'flags'
  | 'relocStartPage'
  | 'relocPages'
  | 'secondSidAddress'
  | 'thirdSidAddress'
  | 'data'
  | 'song'
  | 'chipIndex';

/**
 * A SID file broke a format rule, or a value cannot be stored in one. The message names the
 * field and the bad value, e.g. `version: PSID version must be 1–4, got 7`.
 */
export class SidFileError extends SidflowError {
  /** Stable rule identifier. */
  declare readonly code: SidFileErrorCode;
  /** The header field (or helper argument) that broke the rule. */
  readonly field: SidFileField;

  /**
   * @param code - the rule broken
   * @param field - the field that broke it
   * @param detail - what was wrong, including the bad value; prefixed with the field name
   */
  constructor(code: SidFileErrorCode, field: SidFileField, detail: string) {
    super(code, `${field}: ${detail}`);
    this.field = field;
  }
}

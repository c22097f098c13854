/** `GET /v1/version`. */
export interface VersionInfo {
  /** REST API version, e.g. `0.1`. */
  version: string;
}

/** `GET /v1/info` (firmware 3.12+). */
export interface DeviceInfo {
  /** e.g. `Ultimate 64`. */
  product: string;
  /** e.g. `3.12`. */
  firmware_version: string;
  /** FPGA build. */
  fpga_version: string;
  /** C64 core version (U64 only). */
  core_version?: string;
  /** Network host name. */
  hostname: string;
  /** Device serial. */
  unique_id: string;
}

/** Detail of one config item (`GET /v1/configs/{category}/{item}`). */
export interface ConfigItemDetails {
  /** Current value: a number for ranged items, else a string. */
  current: string | number;
  /** Lowest value of a ranged item. */
  min?: number;
  /** Highest value of a ranged item. */
  max?: number;
  /** printf-style format of a ranged item. */
  format?: string;
  /** Default value. */
  default?: string | number;
  /** Allowed values of a choice item. */
  values?: string[];
  /** Allowed presets shown by the menu (some numeric items). */
  presets?: string[];
}

/** Config values by category then item: the shape of a category GET and of a batch POST. */
export type ConfigValues = Record<string, Record<string, string | number>>;

/** Item details by category then item. */
export type ConfigDetails = Record<string, Record<string, ConfigItemDetails>>;

/** One drive as `GET /v1/drives` lists it. */
export interface DriveInfo {
  /** Whether the drive is switched on. */
  enabled: boolean;
  /** IEC bus id (8, 9, …). */
  bus_id: number;
  /** Drive model, e.g. `1541`. */
  type: string;
  /** ROM file in use. */
  rom?: string;
  /** Mounted image file name, `''` when none. */
  image_file?: string;
  /** Directory of the mounted image. */
  image_path?: string;
  /** Last error text of the drive, if any. */
  last_error?: string;
}

/** `GET /v1/drives`: a list of one-key objects, key = drive name (`a`, `b`, …). */
export type DriveList = Array<Record<string, DriveInfo>>;

/** Disk image types the drives accept. */
export type DiskImageType = 'd64' | 'g64' | 'd71' | 'g71' | 'd81';

/** How a mounted image is written. */
export type MountMode = 'readwrite' | 'readonly' | 'unlinked';

/** Drive emulation models. */
export type DriveModel = '1541' | '1571' | '1581';

/** `GET /v1/files/{path}:info`. */
export interface FileInfo {
  /** Full path on the device. */
  path: string;
  /** File name. */
  filename: string;
  /** Size in bytes. */
  size: number;
  /** Extension, upper case, e.g. `D64`. */
  extension: string;
}

/** The three UDP data streams. */
export type StreamName = 'video' | 'audio' | 'debug';

/** One REST request as the logging hook sees it. */
export interface RequestLog {
  /** HTTP method. */
  method: string;
  /** Full URL (the password is sent as a header, never in the URL). */
  url: string;
  /** HTTP status, absent when no reply came. */
  status?: number;
  /** Wall time of this attempt. */
  durationMs: number;
  /** 1 for the first try, 2… for retries. */
  attempt: number;
  /** What went wrong, when the attempt failed. */
  error?: string;
}

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** Result of {@link Ultimate64Client.testConnection}. */
export interface ConnectionTest {
  /** True when the device answered the version call. */
  ok: boolean;
  /** Round-trip time of the version call (or time until failure). */
  latencyMs: number;
  /** REST API version, when ok. */
  version?: string;
  /** The error message, when not ok. */
  error?: string;
  /** The error code (`U64_AUTH`, `U64_TIMEOUT`, …), when not ok. */
  code?: string;
}

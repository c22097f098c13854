import { setTimeout as sleep } from 'node:timers/promises';
import { FormData, request } from 'undici';
import {
  AuthenticationError,
  DeviceError,
  DeviceTimeoutError,
  DeviceUnreachableError,
  InvalidArgumentError,
  OperationAbortedError,
  UnexpectedResponseError,
} from '../errors.js';
import { type DeviceAddress, parseDeviceAddress } from './device-address.js';
import type {
  CallOptions,
  ConfigDetails,
  ConfigValues,
  ConnectionTest,
  DeviceInfo,
  DiskImageType,
  DriveList,
  DriveModel,
  FileInfo,
  MountMode,
  RequestLog,
  StreamName,
  VersionInfo,
} from './rest-types.js';

/** Options of {@link Ultimate64Client}. */
export interface Ultimate64ClientOptions {
  /** `HOST`, `HOST:PORT` or `http://HOST:PORT`. */
  host: string;
  /** Network password (firmware 3.12+), sent as `X-Password` on every request. */
  password?: string;
  /** Per-attempt timeout in ms. Default 5,000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent reads (GET) after a timeout, a lost connection or HTTP 5xx. Default 2. */
  retries?: number;
  /** First retry delay in ms, doubled on each further retry. Default 100. */
  retryDelayMs?: number;
  /** Called after every attempt, e.g. to log traffic. */
  onRequest?: (log: RequestLog) => void;
}

/** Runner commands of `/v1/runners`. */
export type RunnerCommand = 'sidplay' | 'modplay' | 'load_prg' | 'run_prg' | 'run_crt';

type Query = Record<string, string | number | undefined>;

interface CallSpec {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  query?: Query;
  body?: Uint8Array | FormData | string;
  contentType?: string;
  reply?: 'json' | 'binary';
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Largest `data` the PUT form of writemem takes (hex in the URL). */
const MAX_PUT_WRITEMEM = 128;

/** Percent-encodes one path segment (spaces become %20, never `+`). */
function segment(text: string): string {
  return encodeURIComponent(text);
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

function checkAddress(address: number, what = 'address'): void {
  if (!Number.isInteger(address) || address < 0 || address > 0xffff) {
    throw new InvalidArgumentError(what, `must be an integer in 0..$FFFF, got ${address}`);
  }
}

function isRetryable(error: unknown): boolean {
  return (
    error instanceof DeviceTimeoutError ||
    error instanceof DeviceUnreachableError ||
    (error instanceof DeviceError && error.status >= 500)
  );
}

/**
 * REST client for the Ultimate 64 / 1541 Ultimate (firmware 3.11+): every route
 * of `/v1`, typed. A reply whose `errors` array is not empty is a
 * {@link DeviceError} even on HTTP 200; HTTP 403 is an {@link AuthenticationError}.
 * GET requests are retried with exponential backoff; actions never are,
 * because repeating them could act twice.
 */
export class Ultimate64Client {
  /** The parsed device address. */
  readonly address: DeviceAddress;
  private readonly password: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly onRequest: ((log: RequestLog) => void) | undefined;

  /** @param options - where the device is and how to talk to it */
  constructor(options: Ultimate64ClientOptions) {
    this.address = parseDeviceAddress(options.host);
    this.password = options.password || undefined;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.onRequest = options.onRequest;
    if (!(this.timeoutMs > 0)) throw new InvalidArgumentError('timeoutMs', 'must be positive');
    if (!Number.isInteger(this.retries) || this.retries < 0) {
      throw new InvalidArgumentError('retries', 'must be a non-negative integer');
    }
  }

  // ---- about -------------------------------------------------------------

  /** `GET /v1/version`: the REST API version. */
  async version(opts: CallOptions = {}): Promise<VersionInfo> {
    const reply = await this.json({ method: 'GET', path: 'version', signal: opts.signal });
    if (typeof reply.version !== 'string') {
      throw new UnexpectedResponseError('GET /v1/version', 'the reply has no "version"');
    }
    return { version: reply.version };
  }

  /** `GET /v1/info` (firmware 3.12+): product, firmware, FPGA and core versions, host name, serial. */
  async info(opts: CallOptions = {}): Promise<DeviceInfo> {
    const { errors: _e, ...rest } = await this.json({ method: 'GET', path: 'info', ...opts });
    return rest as unknown as DeviceInfo;
  }

  /**
   * Times a version call, for a preferences screen: never throws, reports
   * `ok: false` with the error's message and code instead.
   */
  async testConnection(opts: CallOptions = {}): Promise<ConnectionTest> {
    const started = performance.now();
    try {
      const { version } = await this.version(opts);
      return { ok: true, latencyMs: performance.now() - started, version };
    } catch (error) {
      const err = error as Error & { code?: string };
      return {
        ok: false,
        latencyMs: performance.now() - started,
        error: err.message,
        ...(typeof err.code === 'string' ? { code: err.code } : {}),
      };
    }
  }

  // ---- runners -----------------------------------------------------------

  /**
   * `POST /v1/runners:sidplay`: plays the attached .sid. `songnr` is 1-based
   * as on the device; `songlengths` optionally attaches an .ssl/.md5 song-length file.
   */
  async sidplay(
    sid: Uint8Array,
    opts: CallOptions & { songnr?: number; songlengths?: Uint8Array } = {},
  ): Promise<void> {
    if (opts.songnr !== undefined && (!Number.isInteger(opts.songnr) || opts.songnr < 0)) {
      throw new InvalidArgumentError(
        'songnr',
        `must be a non-negative integer, got ${opts.songnr}`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([Uint8Array.from(sid)]), 'tune.sid');
    if (opts.songlengths)
      form.append('songlengths', new Blob([Uint8Array.from(opts.songlengths)]), 'songlengths.md5');
    await this.json({
      method: 'POST',
      path: 'runners:sidplay',
      query: { songnr: opts.songnr },
      body: form,
      signal: opts.signal,
    });
  }

  /**
   * Runs a runner with a file already on the device (`PUT /v1/runners:CMD?file=`),
   * e.g. `runFile('sidplay', '/USB0/tune.sid', { songnr: 2 })`.
   */
  async runFile(
    command: RunnerCommand,
    file: string,
    opts: CallOptions & { songnr?: number } = {},
  ): Promise<void> {
    await this.json({
      method: 'PUT',
      path: `runners:${command}`,
      query: { file, songnr: command === 'sidplay' ? opts.songnr : undefined },
      signal: opts.signal,
    });
  }

  /**
   * Runs a runner with attached bytes (`POST /v1/runners:CMD`): `modplay` a
   * .mod, `load_prg` DMA-loads a .prg without running it, `run_prg` resets,
   * loads and runs, `run_crt` starts a cartridge image.
   */
  async runData(
    command: Exclude<RunnerCommand, 'sidplay'>,
    data: Uint8Array,
    opts: CallOptions = {},
  ): Promise<void> {
    await this.json({
      method: 'POST',
      path: `runners:${command}`,
      body: data,
      contentType: 'application/octet-stream',
      signal: opts.signal,
    });
  }

  // ---- configs -----------------------------------------------------------

  /** `GET /v1/configs`: the category names. */
  async configCategories(opts: CallOptions = {}): Promise<string[]> {
    const reply = await this.json({ method: 'GET', path: 'configs', signal: opts.signal });
    return (reply.categories as string[]) ?? [];
  }

  /** `GET /v1/configs/{category}`: item values of the category (wildcards allowed). */
  async configCategory(category: string, opts: CallOptions = {}): Promise<ConfigValues> {
    const { errors: _e, ...rest } = await this.json({
      method: 'GET',
      path: `configs/${segment(category)}`,
      signal: opts.signal,
    });
    return rest as ConfigValues;
  }

  /** `GET /v1/configs/{category}/{item}`: current, range or allowed values, default. */
  async configItem(category: string, item: string, opts: CallOptions = {}): Promise<ConfigDetails> {
    const { errors: _e, ...rest } = await this.json({
      method: 'GET',
      path: `configs/${segment(category)}/${segment(item)}`,
      signal: opts.signal,
    });
    return rest as ConfigDetails;
  }

  /** `PUT /v1/configs/{category}/{item}?value=`: sets one item (in RAM; see {@link saveConfigToFlash}). */
  async setConfig(
    category: string,
    item: string,
    value: string | number,
    opts: CallOptions = {},
  ): Promise<void> {
    await this.json({
      method: 'PUT',
      path: `configs/${segment(category)}/${segment(item)}`,
      query: { value: String(value) },
      signal: opts.signal,
    });
  }

  /** `POST /v1/configs`: sets many items at once, shaped like a category GET. */
  async setConfigs(values: ConfigValues, opts: CallOptions = {}): Promise<void> {
    await this.json({
      method: 'POST',
      path: 'configs',
      body: JSON.stringify(values),
      contentType: 'application/json',
      signal: opts.signal,
    });
  }

  /** `PUT /v1/configs:load_from_flash`: discards unsaved changes. */
  async loadConfigFromFlash(opts: CallOptions = {}): Promise<void> {
    await this.json({ method: 'PUT', path: 'configs:load_from_flash', signal: opts.signal });
  }

  /** `PUT /v1/configs:save_to_flash`: makes the current settings permanent. */
  async saveConfigToFlash(opts: CallOptions = {}): Promise<void> {
    await this.json({ method: 'PUT', path: 'configs:save_to_flash', signal: opts.signal });
  }

  /** `PUT /v1/configs:reset_to_default`: factory values (in RAM until saved). */
  async resetConfigToDefault(opts: CallOptions = {}): Promise<void> {
    await this.json({ method: 'PUT', path: 'configs:reset_to_default', signal: opts.signal });
  }

  // ---- machine -----------------------------------------------------------

  /** `PUT /v1/machine:reset`: resets the C64. */
  async reset(opts: CallOptions = {}): Promise<void> {
    await this.machine('reset', opts);
  }

  /** `PUT /v1/machine:reboot`: restarts the whole device. */
  async reboot(opts: CallOptions = {}): Promise<void> {
    await this.machine('reboot', opts);
  }

  /** `PUT /v1/machine:pause`: halts the CPU by DMA (timers keep running). */
  async pause(opts: CallOptions = {}): Promise<void> {
    await this.machine('pause', opts);
  }

  /** `PUT /v1/machine:resume`: resumes after {@link pause}. */
  async resume(opts: CallOptions = {}): Promise<void> {
    await this.machine('resume', opts);
  }

  /** `PUT /v1/machine:menu_button`: as pressing the device's menu button. */
  async menuButton(opts: CallOptions = {}): Promise<void> {
    await this.machine('menu_button', opts);
  }

  /**
   * `PUT /v1/machine:poweroff` (U64 only). The device may switch off before
   * it answers, so a missing reply counts as success.
   */
  async powerOff(opts: CallOptions = {}): Promise<void> {
    try {
      await this.json({
        method: 'PUT',
        path: 'machine:poweroff',
        signal: opts.signal,
        timeoutMs: Math.min(this.timeoutMs, 2000),
      });
    } catch (error) {
      if (error instanceof DeviceTimeoutError || error instanceof DeviceUnreachableError) return;
      if (error instanceof UnexpectedResponseError) return;
      throw error;
    }
  }

  /**
   * Writes C64 memory: up to 128 bytes as hex in the URL (`PUT ...:writemem?address=&data=`),
   * more as a binary body (`POST ...:writemem?address=`). Must not run past $FFFF.
   */
  async writeMemory(address: number, data: Uint8Array, opts: CallOptions = {}): Promise<void> {
    checkAddress(address);
    if (data.length === 0) throw new InvalidArgumentError('data', 'is empty');
    if (address + data.length > 0x10000) {
      throw new InvalidArgumentError(
        'data',
        `of ${data.length} bytes at $${hex(address, 4)} would wrap past $FFFF`,
      );
    }
    if (data.length <= MAX_PUT_WRITEMEM) {
      let text = '';
      for (const b of data) text += hex(b, 2);
      await this.json({
        method: 'PUT',
        path: 'machine:writemem',
        query: { address: hex(address, 4), data: text },
        signal: opts.signal,
      });
      return;
    }
    await this.json({
      method: 'POST',
      path: 'machine:writemem',
      query: { address: hex(address, 4) },
      body: data,
      contentType: 'application/octet-stream',
      signal: opts.signal,
    });
  }

  /** `GET /v1/machine:readmem?address=&length=`: reads C64 memory (default 256 bytes). */
  async readMemory(address: number, length = 256, opts: CallOptions = {}): Promise<Uint8Array> {
    checkAddress(address);
    if (!Number.isInteger(length) || length < 1 || address + length > 0x10000) {
      throw new InvalidArgumentError('length', `must be 1..${0x10000 - address}, got ${length}`);
    }
    return this.binary({
      method: 'GET',
      path: 'machine:readmem',
      query: { address: hex(address, 4), length },
      signal: opts.signal,
    });
  }

  /** `GET /v1/machine:debugreg`: the U64 debug register $D7FF. */
  async debugRegister(opts: CallOptions = {}): Promise<number> {
    const reply = await this.json({ method: 'GET', path: 'machine:debugreg', signal: opts.signal });
    const value = Number.parseInt(String(reply.value), 16);
    if (!Number.isFinite(value)) {
      throw new UnexpectedResponseError('GET /v1/machine:debugreg', 'the reply has no hex "value"');
    }
    return value;
  }

  /** `PUT /v1/machine:debugreg?value=`: writes $D7FF; returns the value read back. */
  async setDebugRegister(value: number, opts: CallOptions = {}): Promise<number> {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new InvalidArgumentError('value', `must be a byte, got ${value}`);
    }
    const reply = await this.json({
      method: 'PUT',
      path: 'machine:debugreg',
      query: { value: hex(value, 2) },
      signal: opts.signal,
    });
    return Number.parseInt(String(reply.value ?? hex(value, 2)), 16);
  }

  // ---- drives ------------------------------------------------------------

  /** `GET /v1/drives`: the emulated drives and what is mounted. */
  async drives(opts: CallOptions = {}): Promise<DriveList> {
    const reply = await this.json({ method: 'GET', path: 'drives', signal: opts.signal });
    return (reply.drives as DriveList) ?? [];
  }

  /**
   * Mounts a disk image: a path on the device (`PUT ...:mount?image=`) or
   * attached bytes (`POST ...:mount`).
   */
  async mount(
    drive: string,
    image: string | Uint8Array,
    opts: CallOptions & { type?: DiskImageType; mode?: MountMode } = {},
  ): Promise<void> {
    const path = `drives/${segment(drive)}:mount`;
    const query = { type: opts.type, mode: opts.mode };
    if (typeof image === 'string') {
      await this.json({ method: 'PUT', path, query: { image, ...query }, signal: opts.signal });
    } else {
      await this.json({
        method: 'POST',
        path,
        query,
        body: image,
        contentType: 'application/octet-stream',
        signal: opts.signal,
      });
    }
  }

  /** `PUT /v1/drives/{drive}:reset`. */
  async driveReset(drive: string, opts: CallOptions = {}): Promise<void> {
    await this.drive(drive, 'reset', {}, opts);
  }

  /** `PUT /v1/drives/{drive}:remove`: unmounts the image. */
  async driveRemove(drive: string, opts: CallOptions = {}): Promise<void> {
    await this.drive(drive, 'remove', {}, opts);
  }

  /** `PUT /v1/drives/{drive}:on`. */
  async driveOn(drive: string, opts: CallOptions = {}): Promise<void> {
    await this.drive(drive, 'on', {}, opts);
  }

  /** `PUT /v1/drives/{drive}:off`. */
  async driveOff(drive: string, opts: CallOptions = {}): Promise<void> {
    await this.drive(drive, 'off', {}, opts);
  }

  /** `PUT /v1/drives/{drive}:set_mode?mode=`: 1541, 1571 or 1581 emulation. */
  async driveSetMode(drive: string, mode: DriveModel, opts: CallOptions = {}): Promise<void> {
    await this.drive(drive, 'set_mode', { mode }, opts);
  }

  /** Loads a drive ROM: a path on the device (`PUT ...:load_rom?file=`) or attached bytes (POST). */
  async driveLoadRom(
    drive: string,
    rom: string | Uint8Array,
    opts: CallOptions = {},
  ): Promise<void> {
    if (typeof rom === 'string') {
      await this.drive(drive, 'load_rom', { file: rom }, opts);
      return;
    }
    await this.json({
      method: 'POST',
      path: `drives/${segment(drive)}:load_rom`,
      body: rom,
      contentType: 'application/octet-stream',
      signal: opts.signal,
    });
  }

  // ---- streams -----------------------------------------------------------

  /**
   * `PUT /v1/streams/{stream}:start?ip=HOST[:PORT]`: the device starts sending
   * UDP to that address (default ports: video 11000, audio 11001, debug 11002).
   * Starting video stops debug.
   */
  async startStream(stream: StreamName, ip: string, opts: CallOptions = {}): Promise<void> {
    if (!ip) throw new InvalidArgumentError('ip', 'is empty; give the address to send to');
    await this.json({
      method: 'PUT',
      path: `streams/${stream}:start`,
      query: { ip },
      signal: opts.signal,
    });
  }

  /** `PUT /v1/streams/{stream}:stop`. */
  async stopStream(stream: StreamName, opts: CallOptions = {}): Promise<void> {
    await this.json({ method: 'PUT', path: `streams/${stream}:stop`, signal: opts.signal });
  }

  // ---- files -------------------------------------------------------------

  /** `GET /v1/files/{path}:info`: size and type of a file on the device. */
  async fileInfo(path: string, opts: CallOptions = {}): Promise<FileInfo> {
    const reply = await this.json({
      method: 'GET',
      path: `files/${this.filePath(path)}:info`,
      signal: opts.signal,
    });
    return reply.files as FileInfo;
  }

  /**
   * Creates an empty disk image on the device: `d64` (`tracks` 35 or 40),
   * `d71`, `d81`, or `dnp` (`tracks` up to 255, required).
   */
  async createDiskImage(
    path: string,
    kind: 'd64' | 'd71' | 'd81' | 'dnp',
    opts: CallOptions & { tracks?: number; diskname?: string } = {},
  ): Promise<void> {
    if (kind === 'd64' && opts.tracks !== undefined && opts.tracks !== 35 && opts.tracks !== 40) {
      throw new InvalidArgumentError('tracks', `of a d64 must be 35 or 40, got ${opts.tracks}`);
    }
    if (
      kind === 'dnp' &&
      (!Number.isInteger(opts.tracks) || opts.tracks! < 1 || opts.tracks! > 255)
    ) {
      throw new InvalidArgumentError('tracks', `of a dnp must be 1..255, got ${opts.tracks}`);
    }
    await this.json({
      method: 'PUT',
      path: `files/${this.filePath(path)}:create_${kind}`,
      query: { tracks: opts.tracks, diskname: opts.diskname },
      signal: opts.signal,
    });
  }

  // ---- transport ---------------------------------------------------------

  private async machine(command: string, opts: CallOptions): Promise<void> {
    await this.json({ method: 'PUT', path: `machine:${command}`, signal: opts.signal });
  }

  private async drive(drive: string, command: string, query: Query, opts: CallOptions) {
    await this.json({
      method: 'PUT',
      path: `drives/${segment(drive)}:${command}`,
      query,
      signal: opts.signal,
    });
  }

  private filePath(path: string): string {
    const parts = path.split('/').filter((p) => p.length > 0);
    if (!parts.length) throw new InvalidArgumentError('path', 'is empty');
    return parts.map(segment).join('/');
  }

  private url(path: string, query?: Query): string {
    let url = `${this.address.baseUrl}/v1/${path}`;
    const args = Object.entries(query ?? {}).filter(([, v]) => v !== undefined);
    if (args.length) {
      url += `?${args.map(([k, v]) => `${segment(k)}=${segment(String(v))}`).join('&')}`;
    }
    return url;
  }

  private async json(spec: CallSpec): Promise<Record<string, unknown>> {
    return (await this.send({ ...spec, reply: 'json' })) as Record<string, unknown>;
  }

  private async binary(spec: CallSpec): Promise<Uint8Array> {
    return (await this.send({ ...spec, reply: 'binary' })) as Uint8Array;
  }

  private async send(spec: CallSpec): Promise<Record<string, unknown> | Uint8Array> {
    const attempts = spec.method === 'GET' ? this.retries + 1 : 1;
    let delay = this.retryDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec, attempt);
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error;
        try {
          await sleep(delay, undefined, { signal: spec.signal });
        } catch (cause) {
          throw new OperationAbortedError(`${spec.method} /v1/${spec.path}`, { cause });
        }
        delay *= 2;
      }
    }
  }

  private async attempt(
    spec: CallSpec,
    attempt: number,
  ): Promise<Record<string, unknown> | Uint8Array> {
    const url = this.url(spec.path, spec.query);
    const route = `${spec.method} /v1/${spec.path}`;
    const timeoutMs = spec.timeoutMs ?? this.timeoutMs;
    if (spec.signal?.aborted) throw new OperationAbortedError(route, { cause: spec.signal.reason });
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const headers: Record<string, string> = {};
    if (this.password) headers['x-password'] = this.password;
    if (spec.contentType) headers['content-type'] = spec.contentType;
    const started = performance.now();
    let status: number | undefined;
    const log = (error?: unknown) =>
      this.onRequest?.({
        method: spec.method,
        url,
        ...(status !== undefined ? { status } : {}),
        durationMs: performance.now() - started,
        attempt,
        ...(error ? { error: (error as Error).message } : {}),
      });
    try {
      const response = await request(url, {
        method: spec.method,
        headers,
        body: spec.body ?? (spec.method === 'GET' ? undefined : ''),
        signal,
      });
      status = response.statusCode;
      const type = String(response.headers['content-type'] ?? '');
      const bytes = new Uint8Array(await response.body.arrayBuffer());
      const result = this.interpret(route, status, type, bytes, spec.reply ?? 'json');
      log();
      return result;
    } catch (error) {
      const mapped = this.mapError(error, route, timeoutMs, spec.signal, timeout);
      log(mapped);
      throw mapped;
    }
  }

  private interpret(
    route: string,
    status: number,
    type: string,
    bytes: Uint8Array,
    reply: 'json' | 'binary',
  ): Record<string, unknown> | Uint8Array {
    if (status === 403) throw new AuthenticationError(route);
    const isJson = type.includes('json') || (bytes.length > 0 && bytes[0] === 0x7b);
    if (reply === 'binary' && status === 200 && !isJson && !type.includes('html')) return bytes;
    let body: Record<string, unknown> | undefined;
    if (isJson) {
      try {
        const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          body = parsed as Record<string, unknown>;
        }
      } catch {
        body = undefined;
      }
    }
    const errors = Array.isArray(body?.errors) ? (body.errors as unknown[]).map(String) : [];
    if (errors.length || status >= 400) throw new DeviceError(route, status, errors);
    if (!body) {
      const what = type.includes('html') ? 'an HTML page' : `"${type || 'no content type'}"`;
      throw new UnexpectedResponseError(route, `the reply is ${what}, not JSON`);
    }
    if (!Array.isArray(body.errors)) {
      throw new UnexpectedResponseError(route, 'the JSON reply has no "errors" array');
    }
    if (reply === 'binary') {
      throw new UnexpectedResponseError(route, 'expected binary data, got JSON');
    }
    return body;
  }

  private mapError(
    error: unknown,
    route: string,
    timeoutMs: number,
    user: AbortSignal | undefined,
    timeout: AbortSignal,
  ): unknown {
    if (
      error instanceof DeviceError ||
      error instanceof AuthenticationError ||
      error instanceof UnexpectedResponseError
    ) {
      return error;
    }
    if (user?.aborted) return new OperationAbortedError(route, { cause: error });
    if (timeout.aborted) return new DeviceTimeoutError(route, timeoutMs, { cause: error });
    const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
    const reason = err.cause?.code ?? err.code ?? err.message;
    return new DeviceUnreachableError(route, String(reason), { cause: error });
  }
}

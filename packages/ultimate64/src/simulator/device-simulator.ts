import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DriveInfo } from '../client/rest-types.js';
import {
  AUDIO_FRAMES_PER_PACKET,
  AUDIO_PACKET_BYTES,
  audioRateFor,
} from '../protocol/audio-stream-format.js';
import { DEFAULT_STREAM_PORTS } from '../protocol/stream-ports.js';
import {
  NTSC_VIDEO,
  PAL_VIDEO,
  VIDEO_HEADER_BYTES,
  VIDEO_LINES_PER_PACKET,
  VIDEO_PACKET_BYTES,
  VIDEO_WIDTH,
  writeVideoHeader,
} from '../protocol/video-stream-format.js';
import {
  coerceConfigValue,
  defaultDeviceConfigs,
  itemDetails,
  type SimulatedConfigItem,
} from './device-configs.js';
import type { StreamFaults } from './fault-injector.js';
import { readBody, sendBinary, sendJson } from './http-helpers.js';
import { MachineAudio } from './machine-audio.js';
import { parseMultipart } from './multipart.js';
import { type SenderStats, UdpStreamSender } from './udp-stream-sender.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions extends StreamFaults {
  /** Where the HTTP API listens. Default 127.0.0.1 on a free port. */
  http?: { host?: string; port?: number };
  /** Network password: every request then needs `X-Password`. */
  password?: string;
  /** Stream speed factor: 1 = real time (250 audio packets/s PAL); > 1 sends faster, for tests. */
  speed?: number;
  /** Machine standard, sets the audio rate and frame size. Default PAL. */
  video?: 'PAL' | 'NTSC';
  /** Render only this many seconds of a played tune and repeat them (cheap long streams). */
  loopSeconds?: number;
  /** Local address the streams send multicast from (e.g. `127.0.0.1` to keep tests on loopback). */
  multicastInterface?: string;
  /** Files on the simulated device's storage, by absolute path (e.g. `/USB0/tune.sid`). */
  files?: Record<string, Uint8Array>;
}

/** A running simulated Ultimate 64. */
export interface Ultimate64Simulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`, for a client's `host`. */
  readonly host: string;
  /** The machine's 64 KiB of memory (readmem/writemem act on it). */
  readonly memory: Uint8Array;
  /** Audio stream rate in Hz. */
  readonly audioRate: number;
  /** Counters of the current or last audio stream. */
  readonly audioStats: SenderStats | null;
  /** Counters of the current or last video stream. */
  readonly videoStats: SenderStats | null;
  /** Streams currently sending (debug is accepted but sends nothing). */
  readonly activeStreams: string[];
  /** REST requests handled. */
  readonly requestCount: number;
  /** Stops the streams and the HTTP server. */
  close(): Promise<void>;
}

type Handler = (
  method: string,
  path: string[],
  command: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<void> | void;

const DISK_SIZES: Record<string, (tracks: number) => number> = {
  d64: (tracks) => (tracks === 40 ? 196_608 : 174_848),
  d71: () => 349_696,
  d81: () => 819_200,
  dnp: (tracks) => tracks * 256 * 256,
};

class SimulatedDevice implements Ultimate64Simulator {
  url = '';
  host = '';
  readonly memory = new Uint8Array(0x10000);
  readonly audioRate: number;
  audioStats: SenderStats | null = null;
  videoStats: SenderStats | null = null;
  requestCount = 0;
  private readonly server: Server;
  private readonly audio: MachineAudio;
  private readonly speed: number;
  private readonly faults: StreamFaults;
  private readonly definitions = defaultDeviceConfigs();
  private current = new Map<string, string | number>();
  private flash = new Map<string, string | number>();
  private readonly drives = new Map<string, DriveInfo>();
  private readonly files = new Map<string, Uint8Array>();
  private audioSender: UdpStreamSender | null = null;
  private videoSender: UdpStreamSender | null = null;
  private debugStreaming = false;
  private debugRegister = 0;
  private frameCounter = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0 && Number.isFinite(this.speed))) {
      throw new RangeError(`speed must be a positive number, got ${options.speed}`);
    }
    this.faults = options;
    this.audioRate = audioRateFor(options.video ?? 'PAL');
    this.audio = new MachineAudio(this.audioRate, options.loopSeconds);
    this.resetConfigs();
    this.flash = new Map(this.current);
    this.drives.set('a', {
      enabled: true,
      bus_id: 8,
      type: '1541',
      rom: '1541.rom',
      image_file: '',
      image_path: '',
    });
    this.drives.set('b', {
      enabled: false,
      bus_id: 9,
      type: '1541',
      rom: '1541.rom',
      image_file: '',
      image_path: '',
    });
    for (const [path, data] of Object.entries(options.files ?? {})) this.files.set(path, data);
    this.powerOnMemory();
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((error: Error) => {
        if (!res.headersSent) sendJson(res, 500, {}, [`Internal error: ${error.message}`]);
      });
    });
  }

  get activeStreams(): string[] {
    const list: string[] = [];
    if (this.videoSender) list.push('video');
    if (this.audioSender) list.push('audio');
    if (this.debugStreaming) list.push('debug');
    return list;
  }

  async listen(): Promise<void> {
    this.server.listen(this.options.http?.port ?? 0, this.options.http?.host ?? '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.host = `${shown}:${address.port}`;
    this.url = `http://${this.host}`;
  }

  async close(): Promise<void> {
    this.stopStream('audio');
    this.stopStream('video');
    this.audio.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- state ---------------------------------------------------------------

  private powerOnMemory(): void {
    this.memory.fill(0);
    this.memory[0xd020] = 0x0e; // light blue border
    this.memory[0xd021] = 0x06; // blue background
  }

  private resetConfigs(): void {
    this.current = new Map();
    for (const [category, items] of Object.entries(this.definitions)) {
      for (const [item, def] of Object.entries(items))
        this.current.set(`${category}\u0000${item}`, def.default);
    }
  }

  private matching(pattern: string, names: string[]): string[] {
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    return names.filter((n) => regex.test(n));
  }

  private loadIntoMemory(data: Uint8Array, offset: number, fallbackAddress?: number): void {
    const address =
      fallbackAddress ?? (data.length >= offset + 2 ? data[offset] | (data[offset + 1] << 8) : 0);
    const start = fallbackAddress === undefined ? offset + 2 : offset;
    const bytes = data.subarray(start, start + Math.max(0, 0x10000 - address));
    this.memory.set(bytes, address);
  }

  // ---- HTTP ----------------------------------------------------------------

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requestCount++;
    if (this.options.password && req.headers['x-password'] !== this.options.password) {
      req.resume();
      sendJson(res, 403, {}, ['Forbidden: wrong or missing network password (X-Password)']);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://device');
    if (!url.pathname.startsWith('/v1/')) {
      req.resume();
      sendJson(res, 404, {}, [`Unknown path ${url.pathname}; the API lives under /v1/`]);
      return;
    }
    const rest = url.pathname.slice(4);
    const colon = rest.lastIndexOf(':');
    const hasCommand = colon > rest.lastIndexOf('/');
    const command = hasCommand ? rest.slice(colon + 1) : '';
    let segments: string[];
    try {
      segments = (hasCommand ? rest.slice(0, colon) : rest)
        .split('/')
        .filter((s) => s.length > 0)
        .map((s) => decodeURIComponent(s));
    } catch {
      req.resume();
      sendJson(res, 400, {}, ['Malformed percent-encoding in the path']);
      return;
    }
    const [route = '', ...path] = segments;
    const handlers: Record<string, Handler> = {
      version: (m, _p, _c, _q, _r, s) => this.version(m, s),
      info: (m, _p, _c, _q, _r, s) => this.info(m, s),
      runners: (...a) => this.runners(...a),
      configs: (...a) => this.configs(...a),
      machine: (...a) => this.machine(...a),
      drives: (...a) => this.drivesRoute(...a),
      streams: (...a) => this.streams(...a),
      files: (...a) => this.filesRoute(...a),
    };
    const handler = handlers[route];
    if (!handler) {
      req.resume();
      sendJson(res, 404, {}, [`Unknown route '${route}'`]);
      return;
    }
    await handler(req.method ?? 'GET', path, command, url.searchParams, req, res);
  }

  private wrongMethod(res: ServerResponse, method: string, what: string): void {
    sendJson(res, 405, {}, [`Method ${method} not allowed for ${what}`]);
  }

  private version(method: string, res: ServerResponse) {
    if (method !== 'GET') return this.wrongMethod(res, method, 'version');
    sendJson(res, 200, { version: '0.1' });
  }

  private info(method: string, res: ServerResponse) {
    if (method !== 'GET') return this.wrongMethod(res, method, 'info');
    sendJson(res, 200, {
      product: 'Ultimate 64',
      firmware_version: '3.12',
      fpga_version: '11F',
      core_version: '1.43',
      hostname: 'sidflow-simulator',
      unique_id: '5F10F10A',
    });
  }

  private async runners(
    method: string,
    _path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const known = ['sidplay', 'modplay', 'load_prg', 'run_prg', 'run_crt'];
    if (!known.includes(command)) {
      req.resume();
      return sendJson(res, 404, {}, [`Unknown runner '${command}'`]);
    }
    let data: Uint8Array;
    if (method === 'PUT') {
      req.resume();
      const file = query.get('file');
      const stored = file ? this.files.get(file) : undefined;
      if (!file || !stored) {
        return sendJson(res, 404, {}, [
          file ? `File not found: ${file}` : "Missing 'file' argument",
        ]);
      }
      data = stored;
    } else if (method === 'POST') {
      const body = await readBody(req);
      if (!body) return sendJson(res, 413, {}, ['Attachment too large']);
      const parts = parseMultipart(body, String(req.headers['content-type'] ?? ''));
      const first = parts ? parts[0]?.data : new Uint8Array(body);
      if (!first || first.length === 0) return sendJson(res, 400, {}, ['No file attached']);
      data = first;
    } else {
      req.resume();
      return this.wrongMethod(res, method, `runners:${command}`);
    }
    if (command === 'sidplay') {
      const songText = query.get('songnr');
      const song = songText === null ? undefined : Number(songText);
      if (song !== undefined && !(Number.isInteger(song) && song >= 0)) {
        return sendJson(res, 400, {}, [`Bad songnr '${songText}'`]);
      }
      try {
        this.audio.play(data, song);
      } catch (error) {
        return sendJson(res, 200, {}, [`Cannot play this file: ${(error as Error).message}`]);
      }
      if (data.length > 0x7c && data[6] !== undefined) {
        const dataOffset = (data[6] << 8) | data[7];
        const load = (data[8] << 8) | data[9];
        if (dataOffset < data.length) this.loadIntoMemory(data, dataOffset, load || undefined);
      }
    } else if (command === 'load_prg' || command === 'run_prg') {
      if (data.length < 3) return sendJson(res, 200, {}, ['File too short to be a PRG']);
      this.audio.stop();
      this.loadIntoMemory(data, 0);
    } else {
      this.audio.stop();
    }
    sendJson(res, 200);
  }

  private async configs(
    method: string,
    path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const categories = Object.keys(this.definitions);
    if (command) {
      req.resume();
      if (method !== 'PUT') return this.wrongMethod(res, method, `configs:${command}`);
      if (command === 'save_to_flash') this.flash = new Map(this.current);
      else if (command === 'load_from_flash') this.current = new Map(this.flash);
      else if (command === 'reset_to_default') this.resetConfigs();
      else return sendJson(res, 404, {}, [`Unknown command '${command}'`]);
      return sendJson(res, 200);
    }
    if (method === 'POST' && path.length === 0) {
      const body = await readBody(req);
      let batch: unknown;
      try {
        batch = JSON.parse(body?.toString('utf8') ?? '');
      } catch {
        return sendJson(res, 400, {}, ['Body is not JSON']);
      }
      const errors: string[] = [];
      for (const [category, items] of Object.entries((batch ?? {}) as Record<string, unknown>)) {
        for (const [item, value] of Object.entries((items ?? {}) as Record<string, unknown>)) {
          const error = this.setItem(category, item, String(value));
          if (error) errors.push(error);
        }
      }
      return sendJson(res, 200, {}, errors);
    }
    req.resume();
    if (path.length === 0) {
      if (method !== 'GET') return this.wrongMethod(res, method, 'configs');
      return sendJson(res, 200, { categories });
    }
    const cats = this.matching(path[0], categories);
    if (!cats.length) return sendJson(res, 404, {}, [`No category matches '${path[0]}'`]);
    if (path.length === 1) {
      if (method !== 'GET') return this.wrongMethod(res, method, 'a config category');
      const out: Record<string, Record<string, string | number>> = {};
      for (const c of cats) {
        out[c] = {};
        for (const item of Object.keys(this.definitions[c])) out[c][item] = this.value(c, item);
      }
      return sendJson(res, 200, out);
    }
    if (method === 'GET') {
      const out: Record<string, Record<string, unknown>> = {};
      for (const c of cats) {
        for (const item of this.matching(path[1], Object.keys(this.definitions[c]))) {
          out[c] ??= {};
          out[c][item] = itemDetails(this.definitions[c][item], this.value(c, item));
        }
      }
      if (!Object.keys(out).length) return sendJson(res, 404, {}, [`No item matches '${path[1]}'`]);
      return sendJson(res, 200, out);
    }
    if (method === 'PUT') {
      const value = query.get('value');
      if (value === null) return sendJson(res, 400, {}, ["Missing 'value' argument"]);
      const errors: string[] = [];
      for (const c of cats) {
        const items = this.matching(path[1], Object.keys(this.definitions[c]));
        if (!items.length) errors.push(`No item matches '${path[1]}' in ${c}`);
        for (const item of items) {
          const error = this.setItem(c, item, value);
          if (error) errors.push(error);
        }
      }
      return sendJson(res, 200, {}, errors);
    }
    return this.wrongMethod(res, method, 'a config item');
  }

  private value(category: string, item: string): string | number {
    return this.current.get(`${category}\u0000${item}`) ?? '';
  }

  private setItem(category: string, item: string, value: string): string | null {
    const cat = this.matching(category, Object.keys(this.definitions))[0];
    const def: SimulatedConfigItem | undefined = cat ? this.definitions[cat][item] : undefined;
    if (!cat || !def) return `Unknown item '${item}' in '${category}'`;
    const coerced = coerceConfigValue(def, value);
    if ('error' in coerced) return `${item}: ${coerced.error}`;
    this.current.set(`${cat}\u0000${item}`, coerced.value);
    return null;
  }

  private async machine(
    method: string,
    _path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (command === 'writemem' && method === 'POST') {
      const address = Number.parseInt(query.get('address') ?? '', 16);
      const body = await readBody(req);
      if (!Number.isFinite(address) || address < 0 || address > 0xffff) {
        return sendJson(res, 400, {}, ['Bad or missing address']);
      }
      if (!body || body.length === 0) return sendJson(res, 400, {}, ['No data attached']);
      if (address + body.length > 0x10000) {
        return sendJson(res, 400, {}, ['Data would wrap past $FFFF']);
      }
      this.memory.set(body, address);
      return sendJson(res, 200);
    }
    req.resume();
    if (command === 'readmem') {
      if (method !== 'GET') return this.wrongMethod(res, method, 'readmem');
      const address = Number.parseInt(query.get('address') ?? '', 16);
      const length = Number(query.get('length') ?? 256);
      if (!Number.isFinite(address) || address < 0 || address > 0xffff) {
        return sendJson(res, 400, {}, ['Bad or missing address']);
      }
      if (!Number.isInteger(length) || length < 1 || address + length > 0x10000) {
        return sendJson(res, 400, {}, ['Bad length']);
      }
      return sendBinary(res, this.memory.slice(address, address + length));
    }
    if (command === 'debugreg') {
      if (method === 'PUT') {
        const value = Number.parseInt(query.get('value') ?? '', 16);
        if (!(value >= 0 && value <= 0xff)) return sendJson(res, 400, {}, ['Bad value']);
        this.debugRegister = value;
      } else if (method !== 'GET') {
        return this.wrongMethod(res, method, 'debugreg');
      }
      return sendJson(res, 200, {
        value: this.debugRegister.toString(16).toUpperCase().padStart(2, '0'),
      });
    }
    if (method !== 'PUT') return this.wrongMethod(res, method, `machine:${command}`);
    switch (command) {
      case 'writemem': {
        const address = Number.parseInt(query.get('address') ?? '', 16);
        const data = query.get('data') ?? '';
        if (!Number.isFinite(address) || address < 0 || address > 0xffff) {
          return sendJson(res, 400, {}, ['Bad or missing address']);
        }
        if (!/^([0-9a-f]{2})+$/i.test(data) || data.length > 256) {
          return sendJson(res, 400, {}, ['data must be 1..128 bytes of hex']);
        }
        const bytes = Buffer.from(data, 'hex');
        if (address + bytes.length > 0x10000)
          return sendJson(res, 400, {}, ['Data would wrap past $FFFF']);
        this.memory.set(bytes, address);
        break;
      }
      case 'reset':
        this.audio.stop();
        break;
      case 'reboot':
        this.audio.stop();
        this.powerOnMemory();
        break;
      case 'pause':
        this.audio.setPaused(true);
        break;
      case 'resume':
        this.audio.setPaused(false);
        break;
      case 'poweroff':
        this.audio.stop();
        break;
      case 'menu_button':
        break;
      default:
        return sendJson(res, 404, {}, [`Unknown command '${command}'`]);
    }
    sendJson(res, 200);
  }

  private async drivesRoute(
    method: string,
    path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (path.length === 0) {
      req.resume();
      if (method !== 'GET' || command) return this.wrongMethod(res, method, 'drives');
      return sendJson(res, 200, {
        drives: [...this.drives].map(([name, info]) => ({ [name]: info })),
      });
    }
    const drive = this.drives.get(path[0].toLowerCase());
    if (!drive) {
      req.resume();
      return sendJson(res, 404, {}, [`No drive '${path[0]}'`]);
    }
    if (command === 'mount' || command === 'load_rom') {
      let name: string;
      let size: number;
      if (method === 'POST') {
        const body = await readBody(req);
        if (!body?.length) return sendJson(res, 400, {}, ['No image attached']);
        name = command === 'mount' ? `upload.${query.get('type') ?? 'd64'}` : 'upload.rom';
        size = body.length;
      } else if (method === 'PUT') {
        req.resume();
        const file = query.get(command === 'mount' ? 'image' : 'file');
        const stored = file ? this.files.get(file) : undefined;
        if (!file || !stored)
          return sendJson(res, 404, {}, [`File not found: ${file ?? '(none)'}`]);
        name = file;
        size = stored.length;
      } else {
        req.resume();
        return this.wrongMethod(res, method, `drives:${command}`);
      }
      if (command === 'load_rom') {
        drive.rom = name.split('/').pop();
        return sendJson(res, 200);
      }
      const mode = query.get('mode');
      if (mode && !['readwrite', 'readonly', 'unlinked'].includes(mode)) {
        return sendJson(res, 400, {}, [`Bad mode '${mode}'`]);
      }
      if (size < 1024) return sendJson(res, 200, {}, ['Image file too small']);
      const slash = name.lastIndexOf('/');
      drive.image_file = name.slice(slash + 1);
      drive.image_path = slash > 0 ? name.slice(0, slash) : '/';
      return sendJson(res, 200);
    }
    req.resume();
    if (method !== 'PUT') return this.wrongMethod(res, method, `drives:${command}`);
    switch (command) {
      case 'reset':
        break;
      case 'remove':
        drive.image_file = '';
        drive.image_path = '';
        break;
      case 'on':
        drive.enabled = true;
        break;
      case 'off':
        drive.enabled = false;
        break;
      case 'set_mode': {
        const mode = query.get('mode') ?? '';
        if (!['1541', '1571', '1581'].includes(mode))
          return sendJson(res, 400, {}, [`Bad mode '${mode}'`]);
        drive.type = mode;
        break;
      }
      default:
        return sendJson(res, 404, {}, [`Unknown command '${command}'`]);
    }
    sendJson(res, 200);
  }

  private streams(
    method: string,
    path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    req.resume();
    const stream = path[0] as 'video' | 'audio' | 'debug';
    if (!['video', 'audio', 'debug'].includes(stream)) {
      return sendJson(res, 404, {}, [`Unknown stream '${path[0] ?? ''}'`]);
    }
    if (method !== 'PUT') return this.wrongMethod(res, method, `streams:${command}`);
    if (command === 'stop') {
      this.stopStream(stream);
      return sendJson(res, 200);
    }
    if (command !== 'start') return sendJson(res, 404, {}, [`Unknown command '${command}'`]);
    const ip = query.get('ip') ?? '';
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(ip);
    if (!match) return sendJson(res, 400, {}, [`Bad ip '${ip}'; give HOST or HOST:PORT`]);
    const host = match[1].replace(/^\[|\]$/g, '');
    const port = match[2] ? Number(match[2]) : DEFAULT_STREAM_PORTS[stream];
    if (!(port > 0 && port < 65536)) return sendJson(res, 400, {}, [`Bad port in '${ip}'`]);
    this.startStream(stream, host, port);
    sendJson(res, 200);
  }

  private startStream(stream: 'video' | 'audio' | 'debug', host: string, port: number): void {
    this.stopStream(stream);
    if (stream === 'debug') {
      this.debugStreaming = true;
      return;
    }
    if (stream === 'audio') {
      const interval = (1000 * AUDIO_FRAMES_PER_PACKET) / this.audioRate / this.speed;
      const sender = new UdpStreamSender(
        host,
        port,
        interval,
        this.faults,
        (n) => this.audioPacket(n),
        this.options.multicastInterface,
      );
      this.audioSender = sender;
      this.audioStats = sender.stats;
      return;
    }
    this.stopStream('debug'); // as the device: video and debug share the bandwidth
    const geometry = this.options.video === 'NTSC' ? NTSC_VIDEO : PAL_VIDEO;
    const perFrame = geometry.height / VIDEO_LINES_PER_PACKET;
    const interval = 1000 / (geometry.frameRate * perFrame) / this.speed;
    const sender = new UdpStreamSender(
      host,
      port,
      interval,
      this.faults,
      (n) => this.videoPacket(n, perFrame),
      this.options.multicastInterface,
    );
    this.videoSender = sender;
    this.videoStats = sender.stats;
  }

  private stopStream(stream: 'video' | 'audio' | 'debug'): void {
    if (stream === 'audio') {
      this.audioSender?.close();
      this.audioSender = null;
    } else if (stream === 'video') {
      this.videoSender?.close();
      this.videoSender = null;
    } else {
      this.debugStreaming = false;
    }
  }

  private audioPacket(n: number): Buffer {
    const packet = Buffer.allocUnsafe(AUDIO_PACKET_BYTES);
    packet.writeUInt16LE(n & 0xffff, 0);
    // Buffers from the pool start on 8-byte boundaries, so offset 2 suits an Int16Array.
    const frames = new Int16Array(
      packet.buffer,
      packet.byteOffset + 2,
      AUDIO_FRAMES_PER_PACKET * 2,
    );
    this.audio.fill(frames);
    if (BIG_ENDIAN) packet.swap16();
    if (BIG_ENDIAN) packet.writeUInt16LE(n & 0xffff, 0);
    return packet;
  }

  private videoPacket(n: number, perFrame: number): Buffer {
    const packet = Buffer.alloc(VIDEO_PACKET_BYTES);
    const index = n % perFrame;
    if (index === 0 && n > 0) this.frameCounter++;
    writeVideoHeader(packet, {
      sequence: n,
      frame: this.frameCounter,
      line: index * VIDEO_LINES_PER_PACKET,
      last: index === perFrame - 1,
      pixelsPerLine: VIDEO_WIDTH,
      linesPerPacket: VIDEO_LINES_PER_PACKET,
      bitsPerPixel: 4,
      encoding: 0,
    });
    // A plain frame: the border colour ($D020) around a 320×200 screen in the background colour ($D021).
    const height = perFrame * VIDEO_LINES_PER_PACKET;
    const top = (height - 200) >> 1;
    const border = this.memory[0xd020] & 15;
    const background = this.memory[0xd021] & 15;
    for (let l = 0; l < VIDEO_LINES_PER_PACKET; l++) {
      const y = index * VIDEO_LINES_PER_PACKET + l;
      const inScreenRow = y >= top && y < top + 200;
      for (let x = 0; x < VIDEO_WIDTH; x += 2) {
        const colour = inScreenRow && x >= 32 && x < 352 ? background : border;
        packet[VIDEO_HEADER_BYTES + (l * VIDEO_WIDTH + x) / 2] = colour | (colour << 4);
      }
    }
    return packet;
  }

  private async filesRoute(
    method: string,
    path: string[],
    command: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    req.resume();
    const full = `/${path.join('/')}`;
    if (path.length === 0) return sendJson(res, 400, {}, ['Missing path']);
    if (command === 'info') {
      if (method !== 'GET') return this.wrongMethod(res, method, 'files:info');
      const data = this.files.get(full);
      if (!data) return sendJson(res, 404, {}, [`File not found: ${full}`]);
      const filename = path[path.length - 1];
      const dot = filename.lastIndexOf('.');
      return sendJson(res, 200, {
        files: {
          path: full,
          filename,
          size: data.length,
          extension: dot >= 0 ? filename.slice(dot + 1).toUpperCase() : '',
        },
      });
    }
    const kind = /^create_(d64|d71|d81|dnp)$/.exec(command)?.[1];
    if (!kind) return sendJson(res, 404, {}, [`Unknown command '${command}'`]);
    if (method !== 'PUT') return this.wrongMethod(res, method, `files:${command}`);
    const tracks = Number(query.get('tracks') ?? (kind === 'd64' ? 35 : 0));
    if (kind === 'd64' && tracks !== 35 && tracks !== 40) {
      return sendJson(res, 400, {}, ['tracks must be 35 or 40']);
    }
    if (kind === 'dnp' && !(Number.isInteger(tracks) && tracks >= 1 && tracks <= 255)) {
      return sendJson(res, 400, {}, ['tracks must be 1..255']);
    }
    this.files.set(full, new Uint8Array(DISK_SIZES[kind](tracks)));
    sendJson(res, 200);
  }
}

const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * Starts a simulated Ultimate 64: the REST API over real HTTP on a loopback
 * port and the UDP audio/video streams, with optional fault injection
 * (`loss`, `burstLoss`, `reorder`, `duplicate` as rates 0..1, `jitterMs`).
 * Played tunes are rendered by `@sidflow/engine`.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Ultimate64Simulator> {
  const device = new SimulatedDevice(options);
  await device.listen();
  return device;
}

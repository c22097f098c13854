import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../../node-tools/find-executable.js';
import { stopChild } from '../../node-tools/stop-child.js';
import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError } from '../../playback-error.js';
import type { AdapterAvailability } from '../../types.js';
import { probeSidplayfp, type SidplayfpInfo } from './sidplayfp-probe.js';

/** Options of {@link createSidplayfpAdapter}. */
export interface SidplayfpAdapterOptions {
  /** The binary: a name looked up on PATH or a path. Default `sidplayfp`. */
  binary?: string;
  /** SID model: `auto` (default, the tune's), or forced `6581` / `8580`. */
  chip?: 'auto' | '6581' | '8580';
  /** Video standard: `auto` (default, the tune's), or forced `PAL` / `NTSC`. */
  clock?: 'auto' | 'PAL' | 'NTSC';
  /** Output sample rate in Hz. Default 44,100. */
  sampleRate?: number;
  /**
   * Where sidplayfp plays: the system audio device (default), or a WAV file it
   * renders as fast as it can (`{ wav, seconds }`; pause and seek then do nothing useful).
   */
  output?:
    | 'device'
    | {
        /** WAV file to write. */
        wav: string;
        /** Seconds to render. */
        seconds: number;
      };
  /** Environment of the child (e.g. an ALSA configuration). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds `play` waits for sidplayfp to start before failing. Default 5,000. */
  startTimeoutMs?: number;
}

/** The sidplayfp adapter (see {@link createSidplayfpAdapter}). */
export interface SidplayfpAdapter extends PlaybackAdapter {
  /** The binary and its version once `availability` found them, else null. */
  readonly info: SidplayfpInfo | null;
  /** Process id of the running sidplayfp, or null when none runs. */
  readonly pid: number | null;
}

/**
 * Creates the adapter that plays through the native `sidplayfp` (libsidplayfp
 * with reSIDfp), which sends audio to the system device itself.
 *
 * How each control maps onto the CLI, since sidplayfp has no control channel:
 * song, chip (`-mof`/`-mnf`), clock (`-vpf`/`-vnf`), rate (`-f`) and muted
 * voices (`-u`) are arguments; pause and resume stop and continue the process
 * (SIGSTOP/SIGCONT); seek restarts it with `-b` at the whole second (so seeks
 * land on whole seconds); a mute change while playing restarts it at the
 * current second; stop ends the process and waits for it to exit. Volume is
 * left to the system mixer. The position is the wall clock since sidplayfp
 * printed "Playing".
 *
 * @example
 * ```ts
 * import { createSidplayfpAdapter } from '@sidflow/playback/sidplayfp';
 * const sidplayfp = createSidplayfpAdapter({ chip: '8580' });
 * console.log(await sidplayfp.availability()); // { available: true, reason: 'sidplayfp 2.4.0 ...' }
 * ```
 */
export function createSidplayfpAdapter(options: SidplayfpAdapterOptions = {}): SidplayfpAdapter {
  return new CliAdapter(options);
}

class CliAdapter implements SidplayfpAdapter {
  readonly id = 'sidplayfp';
  readonly kind = 'software' as const;
  private found: SidplayfpInfo | null = null;
  private probing: Promise<SidplayfpInfo | null> | null = null;
  private dir: string | null = null;
  private tunePath: string | null = null;
  private song = 1;
  private sink: AdapterEventSink | null = null;
  private child: ChildProcess | null = null;
  private paused = false;
  private base = 0;
  private wallStart = 0;
  private heldAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly muted = [false, false, false];
  private disposed = false;

  constructor(private readonly options: SidplayfpAdapterOptions) {}

  get info(): SidplayfpInfo | null {
    return this.found;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get renderPath(): string {
    return typeof this.options.output === 'object' ? 'wav' : 'device';
  }

  private detect(): Promise<SidplayfpInfo | null> {
    this.probing ??= (async () => {
      const path = await findExecutable(this.options.binary ?? 'sidplayfp');
      this.found = path ? await probeSidplayfp(path) : null;
      return this.found;
    })();
    return this.probing;
  }

  async availability(): Promise<AdapterAvailability> {
    if (this.disposed) return { available: false, reason: 'the adapter was disposed' };
    const info = await this.detect();
    if (!info) {
      return {
        available: false,
        reason: `${this.options.binary ?? 'sidplayfp'} not found on PATH (Debian/Ubuntu: apt install sidplayfp)`,
      };
    }
    return {
      available: true,
      reason: `sidplayfp ${info.version ?? '(version unknown)'}${info.library ? ` with libsidplayfp ${info.library}` : ''} at ${info.path}`,
    };
  }

  async load(request: AdapterLoadRequest): Promise<void> {
    if (this.disposed)
      throw new PlaybackError('PLAYBACK_DISPOSED', 'the sidplayfp adapter was disposed');
    await this.unload();
    const info = await this.detect();
    if (!info)
      throw new PlaybackError('PLAYBACK_ADAPTER_FAILED', 'sidplayfp is not installed', {
        adapter: this.id,
      });
    this.dir = await mkdtemp(join(tmpdir(), 'sidflow-sidplayfp-'));
    this.tunePath = join(this.dir, 'tune.sid');
    await writeFile(this.tunePath, request.tune.bytes);
    this.song = request.song;
    this.base = 0;
    this.sink = request.events;
  }

  private args(start: number): string[] {
    const o = this.options;
    const args = [`-os`, `-o${this.song}`, `-f${o.sampleRate ?? 44_100}`];
    if (o.chip === '6581') args.push('-mof');
    if (o.chip === '8580') args.push('-mnf');
    if (o.clock === 'PAL') args.push('-vpf');
    if (o.clock === 'NTSC') args.push('-vnf');
    this.muted.forEach((m, v) => {
      if (m) args.push(`-u${v + 1}`);
    });
    if (typeof o.output === 'object') {
      args.push(`-t${Math.max(1, Math.ceil(o.output.seconds))}`, `-w${o.output.wav}`);
    } else {
      args.push('-t0');
    }
    if (start > 0)
      args.push(`-b${Math.floor(start / 60)}:${String(Math.floor(start % 60)).padStart(2, '0')}`);
    args.push(this.tunePath!);
    return args;
  }

  /** Spawns sidplayfp at `start` seconds and resolves once it plays (or rejects when it fails). */
  private async spawnAt(start: number): Promise<void> {
    const info = this.found!;
    const started = performance.now();
    const child = spawn(info.path, this.args(start), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.options.env,
    });
    this.child = child;
    this.paused = false;
    this.base = Math.floor(start);
    let output = '';
    const collect = (d: Buffer) => {
      output = (output + d.toString('latin1')).slice(-4000);
    };
    child.stderr!.on('data', collect);
    child.stdout!.on('data', collect);
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        reject(
          new PlaybackError('PLAYBACK_ADAPTER_FAILED', `sidplayfp could not play: ${why}`, {
            adapter: this.id,
          }),
        );
      };
      const timeout = setTimeout(() => {
        fail(`no sound within ${this.options.startTimeoutMs ?? 5000} ms`);
        void stopChild(child);
      }, this.options.startTimeoutMs ?? 5000);
      // sidplayfp prints its banner and "Playing" to stderr (unbuffered); stdout is quiet.
      child.stderr!.on('data', () => {
        if (!settled && /Playing|Creating audio file/.test(output)) {
          settled = true;
          clearTimeout(timeout);
          this.wallStart = performance.now();
          this.sink?.started(this.wallStart - started);
          resolve();
        }
      });
      child.on('error', (e) => {
        clearTimeout(timeout);
        fail(e.message);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timeout);
        const last = lastLine(output);
        if (!settled) {
          fail(last || `exit code ${code ?? signal}`);
          return;
        }
        if (this.child !== child) return;
        this.child = null;
        this.stopClock();
        if (code === 0) this.sink?.ended();
        else if (signal !== 'SIGTERM' && signal !== 'SIGKILL') {
          this.sink?.error(
            new PlaybackError(
              'PLAYBACK_ADAPTER_FAILED',
              `sidplayfp stopped: ${last || `exit code ${code ?? signal}`}`,
              {
                adapter: this.id,
              },
            ),
          );
        }
      });
    });
    this.startClock();
  }

  private position(): number {
    if (!this.child) return this.base;
    if (this.paused) return this.heldAt;
    return this.base + (performance.now() - this.wallStart) / 1000;
  }

  private startClock(): void {
    this.stopClock();
    this.timer = setInterval(() => this.sink?.position(this.position()), 100);
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async end(): Promise<void> {
    this.stopClock();
    const child = this.child;
    this.child = null;
    if (child) await stopChild(child);
  }

  async play(): Promise<void> {
    if (!this.tunePath) throw new PlaybackError('PLAYBACK_BAD_STATE', 'no tune is loaded');
    if (this.child && this.paused) return this.resume();
    await this.end();
    await this.spawnAt(this.base);
  }

  async pause(): Promise<void> {
    if (!this.child || this.paused) return;
    this.heldAt = this.position();
    this.child.kill('SIGSTOP');
    this.paused = true;
    this.sink?.position(this.heldAt);
  }

  async resume(): Promise<void> {
    if (!this.child) return this.play();
    if (!this.paused) return;
    this.child.kill('SIGCONT');
    this.paused = false;
    this.base = this.heldAt;
    this.wallStart = performance.now();
  }

  async stop(): Promise<void> {
    await this.end();
    this.base = 0;
    this.paused = false;
  }

  async seek(seconds: number): Promise<void> {
    const running = this.child !== null;
    const wasPaused = this.paused;
    await this.end();
    this.base = Math.floor(seconds);
    this.heldAt = this.base;
    if (running) {
      await this.spawnAt(this.base);
      if (wasPaused) await this.pause();
    }
  }

  setVolume(): void {
    // sidplayfp has no volume control; the system mixer owns it.
  }

  mute(voice: 0 | 1 | 2, muted: boolean): void {
    if (this.muted[voice] === muted) return;
    this.muted[voice] = muted;
    if (this.child && !this.paused)
      void this.seek(this.position()).catch((e) => this.sink?.error(e));
  }

  async unload(): Promise<void> {
    this.sink = null;
    await this.end();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.tunePath = null;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.unload();
    this.disposed = true;
  }
}

function lastLine(text: string): string {
  const lines = text
    .split(/[\r\n]+/)
    .map((l) => l.replace(/^[|\s+-]+/, '').trim())
    .filter((l) => l && !/^Playing|^\+-|^[|]/.test(l) && !/^ALSA lib/.test(l));
  return lines.pop() ?? '';
}

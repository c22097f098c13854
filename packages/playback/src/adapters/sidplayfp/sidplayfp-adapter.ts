import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../../node-tools/find-executable.js';
import { GainRamp } from '../../node-tools/gain-ramp.js';
import { stopChild } from '../../node-tools/stop-child.js';
import type {
  AdapterEventSink,
  AdapterLoadRequest,
  PlaybackAdapter,
} from '../../playback-adapter.js';
import { PlaybackError, toSidflowError } from '../../playback-error.js';
import type { AdapterAvailability } from '../../types.js';
import { type PcmOutput, playerOutput, wavOutput } from '../node/pcm-output.js';
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
   * Power-on delay in CPU cycles (sidplayfp's `--delay`). By default sidplayfp picks a random
   * one per run, so two runs differ slightly; a fixed value (e.g. 0) makes runs repeatable.
   */
  powerOnDelay?: number;
  /**
   * Where sidplayfp plays:
   * - `device` (default): sidplayfp opens the system audio device itself, so
   *   the volume is the system mixer's and `setVolume` changes nothing;
   * - `pipe`: sidplayfp writes its audio to our pipe (`-w-`), the adapter
   *   scales it by the volume (with a click-free ramp) and passes it on to
   *   {@link SidplayfpAdapterOptions.pipeTo};
   * - `{ wav, seconds }`: a WAV file sidplayfp renders as fast as it can
   *   (pause and seek then do nothing useful).
   */
  output?:
    | 'device'
    | 'pipe'
    | {
        /** WAV file to write. */
        wav: string;
        /** Seconds to render. */
        seconds: number;
      };
  /**
   * Output `pipe`: where the scaled PCM goes. `player` (default) pipes it
   * into the first of {@link SidplayfpAdapterOptions.players} on PATH, whose
   * stdin paces sidplayfp to real time; `{ wav }` writes a WAV file as fast
   * as sidplayfp renders (give the load a length, or it never ends).
   */
  pipeTo?: 'player' | { wav: string };
  /** Output `pipe` to a player: players to look for, in order. Default `['aplay', 'pw-play', 'ffplay']`. */
  players?: string[];
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
 * current second; stop ends the process and waits for it to exit. Volume:
 * with the default output `device` sidplayfp owns the sound card and has no
 * volume option, so volume is the system mixer's; with output `pipe` its
 * audio flows through the adapter, which scales it with a click-free ramp.
 * The position is the wall clock since sidplayfp started playing.
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
  private seconds: number | undefined;
  private volume = 1;
  private gain: GainRamp | null = null;
  private pcm: PcmOutput | null = null;
  private flowing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: SidplayfpAdapterOptions) {}

  get info(): SidplayfpInfo | null {
    return this.found;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get renderPath(): string {
    return typeof this.options.output === 'object' ? 'wav' : (this.options.output ?? 'device');
  }

  private get piped(): boolean {
    return this.options.output === 'pipe';
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
    this.seconds = request.seconds;
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
    if (o.powerOnDelay !== undefined)
      args.push(`--delay=${Math.max(0, Math.floor(o.powerOnDelay))}`);
    this.muted.forEach((m, v) => {
      if (m) args.push(`-u${v + 1}`);
    });
    if (typeof o.output === 'object') {
      args.push(`-t${Math.max(1, Math.ceil(o.output.seconds))}`, `-w${o.output.wav}`);
    } else if (this.piped) {
      // A mono WAV stream on stdout; the length (whole seconds) ends it, else it runs on.
      const left = this.seconds === undefined ? 0 : Math.max(1, Math.ceil(this.seconds - start));
      args.push('-m', `-t${left}`, '-w-');
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
    const pcm = this.piped ? await this.openPcm() : null;
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
    if (pcm) this.forward(child, pcm);
    else child.stdout!.on('data', collect);
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
        if (code === 0) {
          // Piped: the end is heard only once the last samples reached the output.
          const sink = this.sink;
          void this.flowing.then(() => this.closePcm()).then(() => sink?.ended());
        } else if (signal !== 'SIGTERM' && signal !== 'SIGKILL') {
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

  private async openPcm(): Promise<PcmOutput> {
    if (this.pcm) return this.pcm;
    const rate = this.options.sampleRate ?? 44_100;
    const to = this.options.pipeTo ?? 'player';
    if (to !== 'player') {
      this.pcm = await wavOutput(to.wav, rate, 1);
      return this.pcm;
    }
    const players = this.options.players ?? ['aplay', 'pw-play', 'ffplay'];
    for (const name of players) {
      const path = await findExecutable(name);
      if (!path) continue;
      this.pcm = playerOutput(path, rate, 1, this.options.env, (e) => {
        this.pcm = null;
        this.sink?.error(e);
      });
      return this.pcm;
    }
    throw new PlaybackError(
      'PLAYBACK_ADAPTER_FAILED',
      `output "pipe" needs an audio player on PATH (looked for ${players.join(', ')})`,
      { adapter: this.id },
    );
  }

  private async closePcm(): Promise<void> {
    const pcm = this.pcm;
    this.pcm = null;
    await this.flowing;
    await pcm?.close();
  }

  /**
   * Carries sidplayfp's WAV stream (mono s16le after a 44-byte header: `-m`
   * downmixes multi-SID tunes) to the
   * output, scaled by the volume. Reading pauses while the output is busy, so
   * a player's stdin paces sidplayfp to real time.
   */
  private forward(child: ChildProcess, pcm: PcmOutput): void {
    const gain = (this.gain ??= new GainRamp(this.options.sampleRate ?? 44_100));
    gain.set(this.volume, true);
    const stdout = child.stdout!;
    let header = 44;
    let carry: Buffer | null = null;
    stdout.on('data', (data: Buffer) => {
      let chunk = data;
      if (header > 0) {
        const skip = Math.min(header, chunk.length);
        header -= skip;
        chunk = chunk.subarray(skip);
      }
      if (carry) {
        chunk = Buffer.concat([carry, chunk]);
        carry = null;
      }
      if (chunk.length % 2 === 1) {
        carry = Buffer.from(chunk.subarray(chunk.length - 1));
        chunk = chunk.subarray(0, chunk.length - 1);
      }
      if (chunk.length === 0) return;
      // A fresh, aligned copy: the gain scales it in place and the output keeps it.
      const samples = new Int16Array(chunk.length / 2);
      Buffer.from(samples.buffer).set(chunk);
      gain.apply(samples, samples.length, 1);
      stdout.pause();
      this.flowing = this.flowing
        .then(() => pcm.write(samples))
        .catch((error: unknown) => this.sink?.error(toSidflowError(error, this.id)))
        .finally(() => stdout.resume());
    });
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
    await this.closePcm();
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

  setVolume(volume: number): void {
    // Output `device`: sidplayfp has no volume option and owns the sound card, so the
    // system mixer rules. Output `pipe`: scaled here, ramped while audio flows.
    this.volume = volume;
    this.gain?.set(volume, this.child === null || this.paused);
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
    await this.closePcm();
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

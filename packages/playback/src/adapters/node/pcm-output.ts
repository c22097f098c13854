import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { stopChild } from '../../node-tools/stop-child.js';
import { WavStream } from '../../node-tools/wav-stream.js';
import { PlaybackError } from '../../playback-error.js';

/** Where the Node engine adapter sends PCM. */
export interface PcmOutput {
  /** Human-readable target, e.g. `ffplay (/usr/bin/ffplay)`. */
  readonly label: string;
  /** Writes interleaved s16 samples (copied); resolves when the target accepts more. */
  write(samples: Int16Array): Promise<void>;
  /** Finishes: ends the player process, completes the WAV file. */
  close(): Promise<void>;
}

/** Arguments of each supported system player for raw s16le input on stdin. */
export function playerArguments(name: string, sampleRate: number, channels: number): string[] {
  const rate = String(sampleRate);
  const ch = String(channels);
  switch (name.split('/').pop()) {
    case 'aplay':
      return ['-q', '-t', 'raw', '-f', 'S16_LE', '-r', rate, '-c', ch, '-'];
    case 'pw-play':
      return ['--rate', rate, '--channels', ch, '--format', 's16', '-'];
    case 'ffplay':
      return [
        '-nodisp',
        '-autoexit',
        '-loglevel',
        'error',
        '-f',
        's16le',
        '-ar',
        rate,
        '-ac',
        ch,
        '-i',
        '-',
      ];
    default:
      throw new PlaybackError('PLAYBACK_BAD_ARGUMENT', `unknown audio player "${name}"`);
  }
}

/** Pipes PCM into a system player; `onExit` hears about an exit we did not ask for. */
export function playerOutput(
  path: string,
  sampleRate: number,
  channels: number,
  env: NodeJS.ProcessEnv | undefined,
  onExit: (error: PlaybackError) => void,
): PcmOutput {
  const child: ChildProcess = spawn(path, playerArguments(path, sampleRate, channels), {
    stdio: ['pipe', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  let closing = false;
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  child.stdin!.on('error', () => undefined);
  const failure = (detail: string) =>
    new PlaybackError(
      'PLAYBACK_ADAPTER_FAILED',
      `${path} stopped playing (${detail}). ${stderr.trim().split('\n').pop() ?? ''}`.trim(),
      { adapter: 'node' },
    );
  child.on('error', (e) => {
    if (!closing) onExit(failure(e.message));
  });
  child.on('exit', (code, signal) => {
    if (!closing) onExit(failure(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  return {
    label: `${path.split('/').pop()} (${path})`,
    write(samples) {
      const stdin = child.stdin!;
      if (stdin.destroyed || !stdin.writable) return Promise.resolve();
      const chunk = Buffer.from(
        samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength),
      );
      return stdin.write(chunk)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            stdin.once('drain', resolve);
            child.once('exit', () => resolve());
          });
    },
    async close() {
      closing = true;
      child.stdin!.destroy();
      await stopChild(child);
    },
  };
}

/** Writes PCM to a WAV file. */
export async function wavOutput(
  path: string,
  sampleRate: number,
  channels: number,
): Promise<PcmOutput> {
  const wav = await WavStream.create(path, sampleRate, channels);
  let chain = Promise.resolve();
  return {
    label: `WAV file ${path}`,
    write(samples) {
      const copy = samples.slice();
      chain = chain.then(() => wav.write(copy));
      return chain;
    },
    async close() {
      await chain;
      await wav.close();
    },
  };
}

/** Writes raw s16le PCM to a stream (stdout by default). */
export function streamOutput(stream: Writable, label: string): PcmOutput {
  return {
    label,
    write(samples) {
      const chunk = Buffer.from(
        samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength),
      );
      return stream.write(chunk) ? Promise.resolve() : new Promise((r) => stream.once('drain', r));
    },
    async close() {},
  };
}

import { spawn } from 'node:child_process';
import { unlink, writeFile } from 'node:fs/promises';
import { RenderError } from '../errors/render-error.js';
import { readWavFile } from '../wav/read-wav.js';
import type { EngineJob, EngineOutput } from './engine-job.js';
import { writeMeasuredWav } from './pcm-sink.js';

/** Options of {@link createSidplayfpEngine}. */
export interface SidplayfpEngineOptions {
  /** Executable name or path. Default `sidplayfp`. */
  readonly sidplayfpPath?: string;
}

function run(path: string, args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new RenderError(
          missing ? 'RENDER_TOOL_MISSING' : 'RENDER_ENGINE_FAILED',
          missing
            ? `sidplayfp not found (${path}): install it (e.g. \`apt install sidplayfp\`) or render with --engine engine`
            : `cannot run ${path}: ${error.message}`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted)
        reject(new RenderError('RENDER_ABORTED', 'sidplayfp render: aborted by the caller'));
      else if (code === 0) resolve();
      else {
        const why =
          stderr.match(/sidplayfp: .*$/m)?.[0] ??
          (stderr.trim().split('\n').at(-1) || 'no message');
        reject(
          new RenderError(
            'RENDER_ENGINE_FAILED',
            `sidplayfp failed (${sig ?? `exit ${code}`}): ${why}`,
          ),
        );
      }
    });
  });
}

/**
 * An engine running the native `sidplayfp` player (`-w`, as fast as it
 * can). sidplayfp only takes whole seconds and writes whole blocks, so it
 * renders a little longer and the WAV is cut to the exact length while its
 * loudness is measured.
 */
export function createSidplayfpEngine(options: SidplayfpEngineOptions = {}) {
  const exe = options.sidplayfpPath ?? 'sidplayfp';
  return async (job: EngineJob): Promise<EngineOutput> => {
    if (job.stemPaths) {
      throw new RenderError(
        'RENDER_UNSUPPORTED',
        'stems need the SIDFlow engine (--engine engine), not sidplayfp',
      );
    }
    const raw = `${job.wavPath}.sidplayfp.wav`;
    const tunePath = job.path ?? `${job.wavPath}.sid`;
    try {
      if (job.path === null) await writeFile(tunePath, job.bytes);
      const args = [
        '-q',
        `-f${job.sampleRate}`,
        `-o${job.song}`,
        `-t${Math.ceil(job.seconds)}`,
        job.chip === '6581' ? '-mof' : '-mnf',
        `-w${raw}`,
        tunePath,
      ];
      await run(exe, args, job.signal);
      const wav = await readWavFile(raw);
      const channels: 1 | 2 = wav.channels === 1 ? 1 : 2;
      if (wav.channels > 2)
        throw new RenderError('RENDER_ENGINE_FAILED', `sidplayfp wrote ${wav.channels} channels`);
      const frames = Math.min(
        Math.round(job.seconds * job.sampleRate),
        wav.samples.length / channels,
      );
      const sink = await writeMeasuredWav(
        job.wavPath,
        wav.samples.subarray(0, frames * channels),
        job.sampleRate,
        channels,
      );
      job.onProgress?.(frames / job.sampleRate);
      return {
        channels,
        sampleRate: job.sampleRate,
        frames,
        loudness: sink.meter.result(),
        stems: [],
      };
    } finally {
      await unlink(raw).catch(() => {});
      if (job.path === null) await unlink(tunePath).catch(() => {});
    }
  };
}

import { SidflowError } from '@sidflow/core';
import { RenderError } from '../errors/render-error.js';
import { probeDevice } from './device-probe.js';
import type { EngineJob, EngineOutput } from './engine-job.js';
import { writeMeasuredWav } from './pcm-sink.js';

/**
 * The capture function of `@sidflow/ultimate64` (see the cross-package
 * contract): plays a tune on the device and records its UDP audio stream.
 */
export type CaptureSidOnDevice = (options: {
  host: string;
  password?: string;
  sid: Uint8Array;
  song?: number;
  seconds: number;
  listen?: { host?: string; port?: number };
  maxLoss?: number;
  sampleRate?: number;
  signal?: AbortSignal;
  onProgress?: (p: { seconds: number; total: number }) => void;
}) => Promise<{ pcm: Int16Array; sampleRate: number; channels: 2 }>;

/** How to reach the device. */
export interface Ultimate64EngineOptions {
  /** `HOST[:PORT]` or `http://HOST:PORT` of the device's REST API. */
  readonly host: string;
  /** Network password, if set on the device. */
  readonly password?: string;
  /** Where the device should send its audio stream. Default: chosen by the capture. */
  readonly listen?: { host?: string; port?: number };
  /** Capture implementation; default `captureSidOnDevice` from `@sidflow/ultimate64`, loaded on first use. */
  readonly capture?: CaptureSidOnDevice;
  /** Connection check timeout in ms. Default 3000. */
  readonly probeTimeoutMs?: number;
}

async function defaultCapture(): Promise<CaptureSidOnDevice> {
  const mod = (await import('@sidflow/ultimate64')) as unknown as {
    captureSidOnDevice?: CaptureSidOnDevice;
  };
  if (typeof mod.captureSidOnDevice !== 'function') {
    throw new RenderError(
      'RENDER_TOOL_MISSING',
      'this @sidflow/ultimate64 has no captureSidOnDevice: update it to capture from an Ultimate 64',
    );
  }
  return mod.captureSidOnDevice;
}

/**
 * An engine capturing the real hardware: checks the device answers, plays
 * the tune on it and records its audio stream (always stereo; the chip is
 * whatever the device has fitted, so the requested chip only names the file).
 */
export function createUltimate64Engine(options: Ultimate64EngineOptions) {
  return async (job: EngineJob): Promise<EngineOutput> => {
    if (job.stemPaths) {
      throw new RenderError(
        'RENDER_UNSUPPORTED',
        'stems need the SIDFlow engine (--engine engine), not Ultimate 64 capture',
      );
    }
    await probeDevice(options.host, options.probeTimeoutMs, job.signal);
    const capture = options.capture ?? (await defaultCapture());
    let result: Awaited<ReturnType<CaptureSidOnDevice>>;
    try {
      result = await capture({
        host: options.host,
        password: options.password,
        sid: job.bytes,
        song: job.song,
        seconds: job.seconds,
        listen: options.listen,
        sampleRate: job.sampleRate,
        signal: job.signal,
        onProgress: (p) => job.onProgress?.(p.seconds),
      });
    } catch (error) {
      if (error instanceof SidflowError) throw error;
      throw new RenderError(
        'RENDER_ENGINE_FAILED',
        `Ultimate 64 capture failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const frames = result.pcm.length / 2;
    const sink = await writeMeasuredWav(job.wavPath, result.pcm, result.sampleRate, 2);
    return {
      channels: 2,
      sampleRate: result.sampleRate,
      frames,
      loudness: sink.meter.result(),
      stems: [],
    };
  };
}

import type { RequestLog } from '../client/rest-types.js';
import { Ultimate64Client } from '../client/ultimate64-client.js';
import { audioRateFor } from '../protocol/audio-stream-format.js';
import { isMulticast } from '../protocol/multicast.js';
import type { ListenAddress } from './audio-stream-receiver.js';
import { type CaptureResult, captureAudio } from './capture-audio.js';
import { localAddressToward } from './local-address.js';

/** Options of {@link captureSidOnDevice}. */
export interface CaptureSidOptions {
  /** The device: `HOST[:PORT]` or `http://HOST:PORT`. */
  host: string;
  /** Network password. */
  password?: string;
  /** The .sid file's bytes. */
  sid: Uint8Array;
  /** 1-based song; default the tune's start song. */
  song?: number;
  /** Seconds to capture. */
  seconds: number;
  /** Where to receive the stream. Default 0.0.0.0:11001 (the device is told our address toward it). */
  listen?: ListenAddress;
  /** Stop with `CaptureLossError` once the loss rate passes this (0..1). Default 1 (never). */
  maxLoss?: number;
  /** Output rate. Default 44,100. */
  sampleRate?: number;
  /** The device's machine standard; sets the stream rate. Default PAL (47,983 Hz). */
  video?: 'PAL' | 'NTSC';
  /** Also write a 16-bit stereo WAV here while capturing. */
  wavPath?: string;
  /** Receives the output as it is made (the view is reused: copy it). */
  onPcm?: (pcm: Int16Array) => void;
  /** Jitter window in packets. Default 32. */
  window?: number;
  /** Give up after this long without packets. Default 3,000 ms. */
  idleTimeoutMs?: number;
  /** Per-request REST timeout. */
  timeoutMs?: number;
  /** Logs REST requests. */
  onRequest?: (log: RequestLog) => void;
  /** Malformed datagrams, foreign senders. */
  onWarning?: (message: string) => void;
  /** Cancels. */
  signal?: AbortSignal;
  /** Progress in captured seconds. */
  onProgress?: (p: { seconds: number; total: number }) => void;
}

/**
 * Plays a tune on an Ultimate 64 and records what it sounds like: binds the
 * UDP port, uploads and starts the tune (`runners:sidplay`), starts the audio
 * stream to us, captures `seconds` (see {@link captureAudio}) and stops the
 * stream again, also when the capture fails.
 */
export async function captureSidOnDevice(options: CaptureSidOptions): Promise<CaptureResult> {
  const client = new Ultimate64Client({
    host: options.host,
    password: options.password,
    timeoutMs: options.timeoutMs,
    onRequest: options.onRequest,
  });
  const deviceHost = client.address.hostname;
  let streaming = false;
  try {
    return await captureAudio({
      seconds: options.seconds,
      listen: options.listen,
      // A multicast stream may leave the device by another route than its REST answers,
      // so only unicast is filtered by sender address (the receiver still locks onto one sender).
      source: isMulticast(options.listen?.host ?? '') ? undefined : await resolveSource(deviceHost),
      streamRate: audioRateFor(options.video ?? 'PAL'),
      sampleRate: options.sampleRate,
      maxLoss: options.maxLoss,
      window: options.window,
      idleTimeoutMs: options.idleTimeoutMs,
      firstSequence: 0,
      wavPath: options.wavPath,
      onPcm: options.onPcm,
      onProgress: options.onProgress,
      onWarning: options.onWarning,
      signal: options.signal,
      onListening: async ({ address, port }) => {
        const listenHost = options.listen?.host;
        let ip = address;
        if (listenHost && isMulticast(listenHost)) ip = listenHost;
        else if (address === '0.0.0.0' || address === '::')
          ip = await localAddressToward(deviceHost, client.address.port);
        // A stream left running by someone else would restart its numbering mid-capture.
        await client.stopStream('audio', { signal: options.signal });
        await client.sidplay(options.sid, {
          ...(options.song ? { songnr: options.song } : {}),
          signal: options.signal,
        });
        streaming = true;
        await client.startStream('audio', `${ip.includes(':') ? `[${ip}]` : ip}:${port}`, {
          signal: options.signal,
        });
      },
    });
  } finally {
    if (streaming) await client.stopStream('audio').catch(() => {});
  }
}

async function resolveSource(host: string): Promise<string | undefined> {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return host;
  try {
    const { lookup } = await import('node:dns/promises');
    return (await lookup(host)).address;
  } catch {
    return undefined;
  }
}

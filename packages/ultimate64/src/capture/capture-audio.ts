import { StereoResampler } from '../audio/stereo-resampler.js';
import { WavStreamWriter } from '../audio/wav-stream-writer.js';
import {
  CaptureLossError,
  CaptureStalledError,
  InvalidArgumentError,
  OperationAbortedError,
} from '../errors.js';
import { AUDIO_FRAMES_PER_PACKET, PAL_AUDIO_RATE } from '../protocol/audio-stream-format.js';
import { AudioStreamReceiver, type ListenAddress } from './audio-stream-receiver.js';
import type { CaptureStats } from './capture-stats.js';

/** Options of {@link captureAudio}. */
export interface CaptureAudioOptions {
  /** Seconds of audio to capture (the output has exactly round(seconds × sampleRate) frames). */
  seconds: number;
  /** Where to listen. Default 0.0.0.0:11001. */
  listen?: ListenAddress;
  /** Accept packets only from this address. */
  source?: string;
  /** Stream rate: 47,983 (PAL, default) or 47,940 (NTSC). */
  streamRate?: number;
  /** Output rate. Default 44,100. */
  sampleRate?: number;
  /** Stop with {@link CaptureLossError} once the loss rate passes this (0..1), checked from the first second on. Default 1 (never). */
  maxLoss?: number;
  /** Jitter window in packets. Default 32. */
  window?: number;
  /** Absolute index of the first packet; 0 right after `streams:start`. Default: the first to arrive. */
  firstSequence?: number;
  /** Give up after this long without packets. Default 3,000 ms. */
  idleTimeoutMs?: number;
  /** Also write a WAV here (temp name, renamed at the end; never left truncated). */
  wavPath?: string;
  /** Receives the output as it is made (interleaved stereo; the view is reused: copy it). */
  onPcm?: (pcm: Int16Array) => void;
  /** Progress in output seconds, about four times a second of audio. */
  onProgress?: (p: { seconds: number; total: number }) => void;
  /** Malformed datagrams, foreign senders. */
  onWarning?: (message: string) => void;
  /** Cancels the capture (the WAV is not written). */
  signal?: AbortSignal;
  /** Called once the socket is bound, with its address: start the stream here. */
  onListening?: (address: { address: string; port: number }) => void | Promise<void>;
}

/** What {@link captureAudio} returns. */
export interface CaptureResult {
  /** Interleaved stereo s16 at `sampleRate`. */
  pcm: Int16Array;
  /** Output rate. */
  sampleRate: number;
  /** Always 2. */
  channels: 2;
  /** What was measured. */
  stats: CaptureStats;
}

/**
 * Receives the Ultimate's UDP audio stream and turns it into exactly
 * `seconds` of stereo PCM at `sampleRate`: packets are put in order, gaps
 * filled, the 47,983 Hz stream resampled band-limited; the WAV (optional) is
 * written by a queue that never holds up the receive loop.
 *
 * @throws CaptureLossError when the loss rate passes `maxLoss`
 * @throws CaptureStalledError when no packet arrives for `idleTimeoutMs`
 * @throws OperationAbortedError when `signal` aborts
 */
export async function captureAudio(options: CaptureAudioOptions): Promise<CaptureResult> {
  const streamRate = options.streamRate ?? PAL_AUDIO_RATE;
  const sampleRate = options.sampleRate ?? 44_100;
  const { seconds } = options;
  if (!(seconds > 0 && Number.isFinite(seconds))) {
    throw new InvalidArgumentError('seconds', `must be a positive number, got ${seconds}`);
  }
  const maxLoss = options.maxLoss ?? 1;
  if (!(maxLoss >= 0 && maxLoss <= 1)) {
    throw new InvalidArgumentError('maxLoss', `must be a rate in 0..1, got ${maxLoss}`);
  }
  const resampler = new StereoResampler({ inputRate: streamRate, outputRate: sampleRate });
  const totalFrames = Math.round(seconds * sampleRate);
  // Input frames the last output needs (the look-ahead past them comes from finish()).
  const inputFrames = Math.floor(((totalFrames - 1) * streamRate) / sampleRate) + 1;
  const needed = Math.ceil(inputFrames / AUDIO_FRAMES_PER_PACKET);
  const pcm = new Int16Array(totalFrames * 2);
  const progressEvery = Math.max(1, Math.round(streamRate / AUDIO_FRAMES_PER_PACKET / 4));
  const checkFrom = Math.min(needed, Math.round(streamRate / AUDIO_FRAMES_PER_PACKET));
  const wav = options.wavPath ? await WavStreamWriter.open(options.wavPath, sampleRate, 2) : null;
  const started = performance.now();
  let written = 0;
  let inRange = 0;
  let lostInRange = 0;
  let settled = false;
  let finishCapture: (error?: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finishCapture = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
  });
  // Settled early (e.g. cancelled while the stream is being set up) is handled where it is awaited.
  finished.catch(() => {});

  const emit = (from: number, count: number) => {
    if (count === 0) return;
    wav?.write(pcm, from * 2, count * 2);
    options.onPcm?.(pcm.subarray(from * 2, (from + count) * 2));
  };

  let receiver: AudioStreamReceiver | null = null;
  const stats = (): CaptureStats => {
    const c = receiver?.counters;
    return {
      expected: inRange,
      received: inRange - lostInRange,
      lost: lostInRange,
      lossRate: inRange ? lostInRange / inRange : 0,
      reordered: c?.reordered ?? 0,
      duplicated: c?.duplicated ?? 0,
      late: c?.late ?? 0,
      resyncs: c?.resyncs ?? 0,
      malformed: c?.malformed ?? 0,
      foreign: c?.foreign ?? 0,
      streamRate,
      sampleRate,
      seconds: written / sampleRate,
      wallMs: performance.now() - started,
    };
  };

  const onPacket = (index: number, frames: Int16Array, filled: boolean) => {
    if (settled || index < (options.firstSequence ?? 0) || inRange >= needed) return;
    inRange++;
    if (filled) lostInRange++;
    const before = written;
    written += resampler.process(
      frames,
      0,
      AUDIO_FRAMES_PER_PACKET,
      pcm,
      written,
      totalFrames - written,
    );
    if (inRange === needed) written += resampler.finish(pcm, written, totalFrames - written);
    emit(before, written - before);
    if (inRange >= checkFrom && lostInRange / inRange > maxLoss) {
      finishCapture(new CaptureLossError(stats(), maxLoss));
      return;
    }
    if (inRange % progressEvery === 0 || inRange === needed) {
      options.onProgress?.({ seconds: written / sampleRate, total: seconds });
    }
    if (inRange === needed) finishCapture();
  };

  const idleTimeoutMs = options.idleTimeoutMs ?? 3000;
  let idleTimer: NodeJS.Timeout | null = null;
  const onAbort = () =>
    finishCapture(new OperationAbortedError('audio capture', { cause: options.signal?.reason }));
  try {
    if (options.signal?.aborted) throw new OperationAbortedError('audio capture');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    receiver = await AudioStreamReceiver.open({
      listen: options.listen,
      source: options.source,
      window: options.window,
      firstSequence: options.firstSequence,
      onWarning: options.onWarning,
      onPacket,
    });
    // The idle clock starts once the stream has been asked for.
    await options.onListening?.(receiver.address);
    const rx = receiver;
    const askedAt = performance.now();
    idleTimer = setInterval(
      () => {
        const last = Math.max(askedAt, rx.lastPacketAt);
        if (performance.now() - last < idleTimeoutMs) return;
        if (rx.counters.received === 0) {
          finishCapture(new CaptureStalledError('audio', idleTimeoutMs, 0));
          return;
        }
        // The stream stopped early: the rest of the span is missing.
        const base = rx.nextIndex;
        rx.flush(base + (needed - inRange) - 1);
        finishCapture(new CaptureStalledError('audio', idleTimeoutMs, rx.counters.received));
      },
      Math.min(250, idleTimeoutMs),
    );
    await finished;
    receiver.close();
    if (wav) await wav.finish();
    return { pcm, sampleRate, channels: 2, stats: stats() };
  } catch (error) {
    settled = true;
    receiver?.close();
    await wav?.abort();
    throw error;
  } finally {
    if (idleTimer) clearInterval(idleTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

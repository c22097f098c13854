import { createSocket } from 'node:dgram';
import type { ListenAddress } from '../capture/audio-stream-receiver.js';
import { CaptureStalledError, OperationAbortedError, SocketError } from '../errors.js';
import { DEFAULT_STREAM_PORTS } from '../protocol/stream-ports.js';
import { type VideoFrame, VideoFrameAssembler } from './video-frame-assembler.js';

/** Options of {@link captureVideoFrame}. */
export interface CaptureVideoFrameOptions {
  /** Where to listen. Default 0.0.0.0:11000. */
  listen?: ListenAddress;
  /** Called once bound: start the video stream to this address here. */
  onListening?: (address: { address: string; port: number }) => void | Promise<void>;
  /** Give up after this long. Default 3,000 ms. */
  timeoutMs?: number;
  /** Cancels. */
  signal?: AbortSignal;
}

/**
 * Receives the video stream until one whole frame has arrived (the first,
 * possibly partial, frame is skipped) and returns it.
 */
export async function captureVideoFrame(
  options: CaptureVideoFrameOptions = {},
): Promise<VideoFrame> {
  const host = options.listen?.host ?? '0.0.0.0';
  const port = options.listen?.port ?? DEFAULT_STREAM_PORTS.video;
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => resolve());
    });
  } catch (error) {
    socket.close();
    throw new SocketError(`bind UDP ${host}:${port}`, (error as Error).message, { cause: error });
  }
  const timeoutMs = options.timeoutMs ?? 3000;
  let frames = 0;
  let timer: NodeJS.Timeout | null = null;
  let onAbort: (() => void) | null = null;
  try {
    const result = new Promise<VideoFrame>((resolve, reject) => {
      const assembler = new VideoFrameAssembler((frame) => {
        if (++frames >= 2) resolve(frame);
      });
      socket.on('message', (message) => assembler.push(message));
      timer = setTimeout(
        () => reject(new CaptureStalledError('video', timeoutMs, frames)),
        timeoutMs,
      );
      onAbort = () => reject(new OperationAbortedError('video capture'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    await options.onListening?.({ address: socket.address().address, port: socket.address().port });
    return await result;
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    socket.close();
  }
}

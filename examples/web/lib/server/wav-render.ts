import { createPlayer } from '@sidflow/engine';

/** Length of a canonical PCM WAV header. */
export const WAV_HEADER_BYTES = 44;

/** A WAV file being rendered by the engine, readable while it grows. */
export interface WavRender {
  /** The whole file: header plus PCM, allocated up front (its length is final). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** How many leading bytes of {@link WavRender.bytes} are final. */
  readonly ready: () => number;
  /** Resolves once at least `end` bytes are ready (or the render failed). */
  readonly waitFor: (end: number) => Promise<void>;
  /** Resolves when the file is complete; rejects if rendering failed. */
  readonly done: Promise<void>;
}

/** What {@link renderWav} renders. */
export interface WavRenderOptions {
  /** Song, 1-based. */
  readonly song: number;
  /** Seconds of audio. */
  readonly seconds: number;
  /** Sample rate in Hz. Default 44,100. */
  readonly sampleRate?: number;
}

function writeHeader(view: DataView, sampleRate: number, dataBytes: number): void {
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
}

/**
 * Renders a tune to a mono 16-bit WAV with the SIDFlow engine, one second at
 * a time, yielding to the event loop between seconds so the server keeps
 * answering other requests. Readers can stream the file while it grows.
 *
 * @throws whatever `createPlayer` throws for a tune it cannot play (synchronously)
 */
export function renderWav(tune: Uint8Array, options: WavRenderOptions): WavRender {
  const sampleRate = options.sampleRate ?? 44_100;
  const frames = Math.round(options.seconds * sampleRate);
  const player = createPlayer(tune, { song: options.song, sampleRate, channels: 1 });
  const bytes = new Uint8Array(WAV_HEADER_BYTES + frames * 2);
  writeHeader(new DataView(bytes.buffer), sampleRate, frames * 2);
  const pcm = new Int16Array(bytes.buffer, WAV_HEADER_BYTES, frames);
  let ready = WAV_HEADER_BYTES;
  let failure: unknown = null;
  const waiters: { end: number; resolve: () => void }[] = [];
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (failure !== null || waiters[i].end <= ready) waiters.splice(i, 1)[0].resolve();
    }
  };
  const done = (async () => {
    try {
      for (let at = 0; at < frames; at += sampleRate) {
        const n = Math.min(sampleRate, frames - at);
        player.render(pcm.subarray(at, at + n), n);
        ready = WAV_HEADER_BYTES + (at + n) * 2;
        wake();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure = error;
      wake();
      throw error;
    } finally {
      player.dispose();
    }
  })();
  // A failure is reported to readers through `done`; never leave it unhandled.
  done.catch(() => undefined);
  return {
    bytes,
    ready: () => ready,
    waitFor: (end) =>
      end <= ready || failure !== null
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ end, resolve })),
    done,
  };
}

import { readFile, writeFile } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { RenderError } from '../errors/render-error.js';
import { ioError } from '../wav/wav-writer.js';
import { startModuleWorker } from '../workers/start-module-worker.js';
import type { AudioEncoder, EncodeOutput, EncodeSettings } from './encode-request.js';
import { ffmpegOutputArguments } from './ffmpeg-arguments.js';
import type { WasmEncodeJob, WasmEncodeReply } from './wasm-encoder-protocol.js';

/**
 * An encoder running ffmpeg.wasm (`@ffmpeg/core`, single-threaded) in one
 * worker thread, because its `exec` blocks. The 32 MB wasm module is
 * compiled once, on the first encode, and kept for the encoder's life;
 * encodes queue on that worker. Aborting an encode terminates the worker
 * (a blocked `exec` cannot be interrupted otherwise); the next encode
 * starts a fresh one.
 */
export function createWasmEncoder(): AudioEncoder {
  let worker: Worker | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<
    number,
    { resolve: (r: WasmEncodeReply) => void; reject: (e: Error) => void }
  >();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = startModuleWorker('encode/wasm-encoder-worker', 'wasm-encoder-worker');
    w.on('message', (reply: WasmEncodeReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      p?.resolve(reply);
    });
    w.on('error', (error) => {
      failAll(
        new RenderError('RENDER_ENCODER_FAILED', `ffmpeg.wasm worker failed: ${error.message}`, {
          cause: error,
        }),
      );
      if (worker === w) worker = undefined;
    });
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      failAll(new RenderError('RENDER_ENCODER_FAILED', 'ffmpeg.wasm worker exited'));
    });
    w.unref();
    worker = w;
    return w;
  };

  const encodeNow = async (
    input: string,
    outputs: readonly EncodeOutput[],
    settings: EncodeSettings = {},
  ) => {
    const { signal } = settings;
    if (signal?.aborted)
      throw new RenderError('RENDER_ABORTED', `encoding ${input}: aborted by the caller`);
    const args = ffmpegOutputArguments(
      outputs.map((o, i) => ({ format: o.format, path: `out${i}` })),
      settings,
    );
    const bytes = await readFile(input).catch((error: unknown) => {
      throw ioError(input, error);
    });
    const w = ensureWorker();
    w.ref();
    const id = nextId++;
    const job: WasmEncodeJob = {
      id,
      input: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      args,
      outputs: outputs.length,
    };
    const onAbort = () => {
      void w.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reply = await new Promise<WasmEncodeReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage(job, [job.input.buffer as ArrayBuffer]);
      });
      if (!reply.ok) {
        throw new RenderError(
          'RENDER_ENCODER_FAILED',
          `ffmpeg.wasm failed encoding ${input}: ${reply.message}`,
        );
      }
      await Promise.all(
        outputs.map((o, i) =>
          writeFile(o.path, reply.outputs[i]).catch((error: unknown) => {
            throw ioError(o.path, error);
          }),
        ),
      );
    } catch (error) {
      if (signal?.aborted)
        throw new RenderError('RENDER_ABORTED', `encoding ${input}: aborted by the caller`);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (pending.size === 0) w.unref();
    }
  };

  return {
    kind: 'wasm',
    encode(input, outputs, settings) {
      const run = queue.then(() => encodeNow(input, outputs, settings));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

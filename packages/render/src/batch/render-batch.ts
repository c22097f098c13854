import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { RenderError } from '../errors/render-error.js';
import { startModuleWorker } from '../workers/start-module-worker.js';
import type {
  BatchProgress,
  BatchRenderSettings,
  BatchSongOutcome,
  BatchSongs,
  BatchSummary,
  BatchTask,
  BatchTaskReply,
} from './batch-types.js';
import { findTunes } from './find-tunes.js';
import { removeStaleTemps } from './remove-stale-temps.js';

/** How long an aborted worker may take to stop its render before it is terminated. */
const ABORT_GRACE_MS = 5000;

/** Options of {@link renderBatch}. */
export interface BatchOptions extends BatchRenderSettings {
  /** A SID file or a folder (e.g. an HVSC subtree), searched recursively. */
  readonly input: string;
  /** Output root; the input's folder structure is mirrored below it. */
  readonly outDir: string;
  /** Worker threads. Default: every core (`os.availableParallelism()`). */
  readonly jobs?: number;
  /** Songs per tune: the start song (default), all songs, or one song number. */
  readonly songs?: BatchSongs;
  /** Stops the batch: running renders are cut off and their temporary files removed. */
  readonly signal?: AbortSignal;
  /** Called after each tune. */
  readonly onProgress?: (progress: BatchProgress) => void;
  /** Called with each song's outcome. */
  readonly onOutcome?: (outcome: BatchSongOutcome) => void;
}

/**
 * Renders every tune under a folder with a pool of worker threads (one per
 * core by default), each keeping one encoder (and, for ffmpeg.wasm, one
 * compiled module) for its life. Resumable: songs whose manifest lists an
 * identical, intact render are skipped unless `force` is set; outputs are
 * written under temporary names and renamed when complete, and temporary
 * files left by killed runs are removed at the start. A tune that cannot be
 * rendered is reported in the summary and the batch goes on.
 *
 * @param options - see {@link BatchOptions}
 * @returns counts, failures with reasons, and where the time went
 */
export async function renderBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const tunes = await findTunes(options.input);
  const staleTempsRemoved = await removeStaleTemps(options.outDir);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), tunes.length || 1));
  if (!Number.isInteger(jobs))
    throw new RenderError('RENDER_BAD_OPTION', `jobs ${options.jobs}: expected a whole number`);
  const {
    input: _input,
    outDir: _out,
    jobs: _jobs,
    songs = 'start',
    signal,
    onProgress,
    onOutcome,
    ...settings
  } = options;
  const tasks: BatchTask[] = tunes.map((t, id) => ({
    id,
    file: t.file,
    outDir: join(options.outDir, t.relativeDir),
    songs,
  }));

  let next = 0;
  let done = 0;
  let rendered = 0;
  let upToDate = 0;
  let cacheFull = 0;
  let emulationMs = 0;
  let encodingMs = 0;
  let audioSeconds = 0;
  const failed: BatchSongOutcome[] = [];
  const workers = new Set<Worker>();

  const record = (reply: BatchTaskReply) => {
    for (const o of reply.outcomes) {
      if (o.status === 'rendered') rendered++;
      else if (o.status === 'up-to-date') upToDate++;
      else if (o.status === 'cache-full') cacheFull++;
      else failed.push(o);
      emulationMs += o.emulationMs;
      encodingMs += o.encodingMs;
      audioSeconds += o.seconds;
      onOutcome?.(o);
    }
    done++;
    const elapsedMs = performance.now() - started;
    onProgress?.({
      done,
      total: tasks.length,
      rendered,
      upToDate,
      failed: failed.length,
      elapsedMs,
      etaMs: (elapsedMs / done) * (tasks.length - done) || 0,
      last: tasks[reply.id].file,
    });
  };

  // Each lane runs one worker through the queue; a worker that dies fails its tune and is replaced.
  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    try {
      while (next < tasks.length && !signal?.aborted) {
        const task = tasks[next++];
        worker ??= startModuleWorker('batch/batch-worker', 'batch-worker', { settings });
        workers.add(worker);
        const w: Worker = worker;
        const reply = await new Promise<BatchTaskReply>((resolve) => {
          const onMessage = (r: BatchTaskReply) => finish(r);
          const onError = (error: Error) => {
            worker = null;
            finish({ id: task.id, outcomes: [crash(task.file, error.message)] });
          };
          const onExit = (code: number) => {
            worker = null;
            finish({
              id: task.id,
              outcomes: [
                crash(task.file, signal?.aborted ? 'aborted' : `worker exited with code ${code}`),
              ],
            });
          };
          const finish = (r: BatchTaskReply) => {
            w.off('message', onMessage);
            w.off('error', onError);
            w.off('exit', onExit);
            resolve(r);
          };
          w.on('message', onMessage);
          w.on('error', onError);
          w.on('exit', onExit);
          w.postMessage(task);
        });
        if (!worker) workers.delete(w);
        if (signal?.aborted) break;
        record(reply);
      }
    } finally {
      if (worker) {
        const w: Worker = worker;
        workers.delete(w);
        w.postMessage('close');
        await new Promise((resolve) => {
          w.once('exit', resolve);
          setTimeout(() => void w.terminate(), 5000).unref();
        });
      }
    }
  };

  // A worker aborts its render itself (stopping its encoder and removing its temporary files) and
  // replies; one that does not within the grace period is terminated.
  const onAbort = () => {
    for (const w of workers) {
      w.postMessage('abort');
      setTimeout(() => void w.terminate(), ABORT_GRACE_MS).unref();
    }
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) await removeStaleTempsOfWorkers(options.outDir);
  return {
    tunes: tasks.length,
    rendered,
    upToDate,
    cacheFull,
    failed,
    aborted: signal?.aborted ?? false,
    elapsedMs: performance.now() - started,
    emulationMs,
    encodingMs,
    audioSeconds,
    staleTempsRemoved,
  };
}

function crash(file: string, message: string): BatchSongOutcome {
  return {
    file,
    song: 0,
    status: 'failed',
    code: 'RENDER_WORKER_CRASHED',
    message,
    emulationMs: 0,
    encodingMs: 0,
    seconds: 0,
  };
}

/** Workers share this process id, so their temporary files look alive; after an abort they are not. */
async function removeStaleTempsOfWorkers(dir: string): Promise<void> {
  const { readdir, unlink } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const mine = new RegExp(`^\\..+\\.${process.pid}-[0-9a-f]+\\.partial`);
  for (const e of entries) {
    if (!e.isFile() || !mine.test(e.name)) continue;
    const parent =
      (e as unknown as { parentPath?: string; path?: string }).parentPath ??
      (e as unknown as { path: string }).path;
    await unlink(join(parent, e.name)).catch(() => {});
  }
}

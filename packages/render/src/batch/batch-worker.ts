// A batch pool worker: renders the tunes it is sent, one at a time, with one encoder for its whole life.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSonglengths, parseSidFile, type SonglengthsDatabase } from '@sidflow/core';
import type { AudioEncoder } from '../encode/encode-request.js';
import { selectEncoder } from '../encode/select-encoder.js';
import { render } from '../orchestrator/render-tune.js';
import type {
  BatchRenderSettings,
  BatchSongOutcome,
  BatchTask,
  BatchTaskReply,
} from './batch-types.js';

const settings = (workerData as { settings: BatchRenderSettings }).settings;
let encoder: AudioEncoder | null = null;
let songlengths: Promise<SonglengthsDatabase | undefined> | null = null;
// Aborted by the pool's 'abort' message: the render then stops its encoder and removes its own
// temporary files (terminating the thread would leave an encoder process writing one).
const cancel = new AbortController();

function failure(file: string, song: number, error: unknown): BatchSongOutcome {
  const e = error as { code?: unknown; message?: unknown };
  return {
    file,
    song,
    status: 'failed',
    code: typeof e?.code === 'string' ? e.code : 'INTERNAL',
    message: typeof e?.message === 'string' ? e.message : String(error),
    emulationMs: 0,
    encodingMs: 0,
    seconds: 0,
  };
}

async function songsOf(task: BatchTask): Promise<number[]> {
  if (typeof task.songs === 'number') return [task.songs];
  if (task.songs === 'start') return [0];
  const sid = parseSidFile(new Uint8Array(await readFile(task.file)));
  return Array.from({ length: sid.songs }, (_, i) => i + 1);
}

async function runTask(task: BatchTask): Promise<BatchTaskReply> {
  const outcomes: BatchSongOutcome[] = [];
  let songs: number[];
  try {
    encoder ??= selectEncoder(settings.encoder ?? 'auto', settings.ffmpegPath);
    songlengths ??= settings.songlengthsPath
      ? loadSonglengths(settings.songlengthsPath)
      : Promise.resolve(undefined);
    songs = await songsOf(task);
  } catch (error) {
    return { id: task.id, outcomes: [failure(task.file, 0, error)] };
  }
  for (const song of songs) {
    try {
      const r = await render(task.file, song, {
        ...settings,
        outDir: task.outDir,
        encoder,
        songlengths: await songlengths,
        signal: cancel.signal,
      });
      outcomes.push({
        file: task.file,
        song: r.render?.song ?? song,
        status: r.status,
        engine: r.engine,
        emulationMs: r.timings.emulationMs,
        encodingMs: r.timings.encodingMs,
        seconds: r.status === 'rendered' ? (r.render?.seconds ?? 0) : 0,
      });
    } catch (error) {
      outcomes.push(failure(task.file, song, error));
    }
  }
  return { id: task.id, outcomes };
}

parentPort?.on('message', async (message: BatchTask | 'close' | 'abort') => {
  if (message === 'abort') {
    cancel.abort();
    return;
  }
  if (message === 'close') {
    await encoder?.close();
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(await runTask(message));
});

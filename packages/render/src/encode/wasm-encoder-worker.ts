// Worker thread owning one ffmpeg.wasm instance: exec() blocks, so it must not run on the caller's thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { WasmEncodeJob, WasmEncodeReply } from './wasm-encoder-protocol.js';

interface FfmpegCore {
  FS: {
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
    unlink(path: string): void;
  };
  exec(...args: string[]): number;
  reset(): void;
}

let stderr = '';
let core: Promise<FfmpegCore> | undefined;
let loadMs = 0;

async function loadCore(): Promise<FfmpegCore> {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  // The Emscripten glue expects a browser worker's `self`; Node only needs its location.
  const g = globalThis as { self?: unknown };
  g.self ??= { location: { href: import.meta.url } };
  const wasmBinary = readFileSync(require.resolve('@ffmpeg/core/wasm'));
  const mod = (await import(pathToFileURL(require.resolve('@ffmpeg/core')).href)) as {
    default: (options: object) => Promise<FfmpegCore>;
  };
  const instance = await mod.default({
    wasmBinary,
    print: () => {},
    printErr: (line: string) => {
      if (stderr.length < 4000) stderr += `${line}\n`;
    },
  });
  loadMs = performance.now() - started;
  return instance;
}

function run(ff: FfmpegCore, job: WasmEncodeJob): WasmEncodeReply {
  stderr = '';
  ff.FS.writeFile('in.wav', job.input);
  const names = Array.from({ length: job.outputs }, (_, i) => `out${i}`);
  try {
    const code = ff.exec(
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      'in.wav',
      ...job.args,
    );
    if (code !== 0)
      return { id: job.id, ok: false, message: `exit ${code}: ${stderr.trim() || 'no message'}` };
    const outputs = names.map((name) => ff.FS.readFile(name));
    return { id: job.id, ok: true, outputs, loadMs };
  } finally {
    ff.reset();
    for (const name of ['in.wav', ...names]) {
      try {
        ff.FS.unlink(name);
      } catch {
        // An output ffmpeg never created has nothing to free.
      }
    }
  }
}

parentPort?.on('message', async (job: WasmEncodeJob) => {
  let reply: WasmEncodeReply;
  try {
    core ??= loadCore();
    reply = run(await core, job);
  } catch (error) {
    reply = { id: job.id, ok: false, message: (error as Error).message ?? String(error) };
  }
  const transfer = reply.ok ? reply.outputs.map((o) => o.buffer as ArrayBuffer) : [];
  parentPort?.postMessage(reply, transfer);
});

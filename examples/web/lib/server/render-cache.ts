import { basename, join } from 'node:path';
import { hvscMd5, parseSidFile, type SidFile, sanitizeRenderName } from '@sidflow/core';
import type {
  AudioEncoder,
  AvailabilityManifest,
  ManifestFile,
  ManifestRender,
} from '@sidflow/render';
import { renderPackage } from './render-package';
import { renderSettings } from './render-settings';
import { StreamError } from './stream-error';
import { readTune } from './tune-library';
import { TuneLibraryError } from './tune-library-error';

/** Formats a song can be streamed in: files `render()` writes, and HLS segmented from the M4A. */
export type StreamFormat = 'wav' | 'm4a' | 'hls';

/** What `/api/playback/<id>/manifest` returns: the tune's availability manifest plus what can be rendered on request. */
export interface PlaybackManifest extends AvailabilityManifest {
  /** Songs without a render yet are rendered on their first request, in these formats, this long. */
  readonly onDemand: {
    /** Formats the server can make for any song of the tune. */
    readonly formats: readonly StreamFormat[];
    /** Seconds each render lasts. */
    readonly seconds: number;
  };
}

/** One song rendered into the cache. */
export interface CachedRender {
  /** The tune's folder in the cache (the render's files and its manifest are there). */
  readonly dir: string;
  /** The render as the manifest records it. */
  readonly render: ManifestRender;
  /** `rendered` when this request made it, `cached` when it was already there. */
  readonly origin: 'rendered' | 'cached';
}

interface PlayableTune {
  readonly bytes: Uint8Array;
  readonly sid: SidFile;
  readonly name: string;
  readonly dir: string;
}

/** Running renders by tune folder and song: concurrent requests for one render share it. */
const jobs = new Map<string, Promise<CachedRender>>();
/** The last job queued per tune folder: renders of one tune run one after another (they share a manifest). */
const queues = new Map<string, Promise<unknown>>();

async function playableTune(id: string): Promise<PlayableTune> {
  const { bytes, fileName } = await readTune(id);
  let sid: SidFile;
  try {
    sid = parseSidFile(bytes);
  } catch (error) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `${id} is not a playable SID file: ${(error as Error).message}`,
    );
  }
  // The id passed readTune's path checks, so its segments are safe folder names.
  const dir = join(/*turbopackIgnore: true*/ (await renderSettings()).cacheDir, ...id.split('/'));
  return { bytes, sid, name: basename(fileName, '.sid'), dir };
}

function songOf(tune: PlayableTune, id: string, song: number | null): number {
  const chosen = song ?? tune.sid.startSong;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > tune.sid.songs) {
    throw new TuneLibraryError(
      'TUNE_BAD_ID',
      `song must be 1..${tune.sid.songs} for ${id}, got ${song}`,
    );
  }
  return chosen;
}

/** Stands in for an encoder when only WAV is rendered, which `render()` writes itself. */
const NO_ENCODER: AudioEncoder = {
  kind: 'native',
  encode: async () => {
    throw new StreamError(
      'STREAM_FORMAT_UNAVAILABLE',
      'no encoder: install ffmpeg (apt-get install ffmpeg) or @ffmpeg/core for M4A',
    );
  },
  close: async () => undefined,
};

/** Formats `render()` writes for the stream: WAV always, M4A when an encoder exists. */
async function fileFormats(): Promise<('wav' | 'm4a')[]> {
  return (await renderSettings()).m4aEncoder ? ['wav', 'm4a'] : ['wav'];
}

/**
 * The tune's availability manifest as `@sidflow/render` wrote it in the
 * cache (or an empty one naming the tune when nothing is rendered yet), plus
 * the formats any song can be rendered in on request. Renders nothing.
 *
 * @throws {@link TuneLibraryError} for an unknown or unplayable tune
 */
export async function playbackManifest(id: string): Promise<PlaybackManifest> {
  const tune = await playableTune(id);
  const settings = await renderSettings();
  const { manifestFileName, readAvailabilityManifest } = await renderPackage();
  const md5 = hvscMd5(tune.bytes);
  const onDisk = await readAvailabilityManifest(
    join(tune.dir, manifestFileName(sanitizeRenderName(tune.name))),
  );
  const manifest: AvailabilityManifest =
    onDisk && onDisk.tune.md5 === md5
      ? onDisk
      : {
          version: 1,
          tune: {
            name: sanitizeRenderName(tune.name),
            md5,
            songs: tune.sid.songs,
            startSong: tune.sid.startSong,
          },
          renders: [],
        };
  const formats: StreamFormat[] = [...(await fileFormats())];
  if (settings.m4aEncoder && settings.hls) formats.push('hls');
  return { ...manifest, onDemand: { formats, seconds: settings.seconds } };
}

/**
 * One song of a library tune in the render cache, rendered by the SIDFlow
 * engine with `render()` on first request (WAV, and M4A through native ffmpeg
 * or ffmpeg.wasm). `render()` itself answers `up-to-date` when the manifest
 * already lists an identical render whose files are intact, so later requests
 * do no work; concurrent requests share one job.
 *
 * @param song - 1-based, or null for the start song
 * @throws {@link TuneLibraryError} for a bad id or song; `RenderError` when rendering fails
 */
export async function cachedRender(id: string, song: number | null): Promise<CachedRender> {
  const tune = await playableTune(id);
  const chosen = songOf(tune, id, song);
  const key = `${tune.dir}#${chosen}`;
  const running = jobs.get(key);
  if (running) return running;
  const previous = queues.get(tune.dir) ?? Promise.resolve();
  const job = previous
    .catch(() => undefined)
    .then(async (): Promise<CachedRender> => {
      const settings = await renderSettings();
      const { render, RenderError } = await renderPackage();
      const result = await render({ bytes: tune.bytes, name: tune.name, path: id }, chosen, {
        outDir: tune.dir,
        formats: await fileFormats(),
        seconds: settings.seconds,
        engine: 'engine',
        encoder: settings.m4aEncoder ?? NO_ENCODER,
        ffmpegPath: settings.ffmpegPath,
      });
      if (!result.render) {
        throw new RenderError(
          'RENDER_DISK_LIMIT',
          `the render cache in ${settings.cacheDir} is too full to render ${id}`,
        );
      }
      return {
        dir: tune.dir,
        render: result.render,
        origin: result.status === 'rendered' ? 'rendered' : 'cached',
      };
    });
  jobs.set(key, job);
  queues.set(tune.dir, job);
  const forget = () => {
    jobs.delete(key);
    if (queues.get(tune.dir) === job) queues.delete(tune.dir);
  };
  job.then(forget, forget);
  // A caller that goes away does not cancel the job: the next request will want the render.
  return job;
}

/** The file of one format of a cached render. */
export function renderFile(
  cached: CachedRender,
  format: 'wav' | 'm4a',
): ManifestFile & { path: string } {
  const file = cached.render.files.find((f) => f.format === format);
  if (!file) {
    throw new StreamError(
      'STREAM_FORMAT_UNAVAILABLE',
      `no ${format} render: this server has no M4A encoder (install ffmpeg, or @ffmpeg/core for ffmpeg.wasm)`,
    );
  }
  return { ...file, path: join(cached.dir, file.file) };
}

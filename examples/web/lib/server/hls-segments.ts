import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CachedRender } from './render-cache';
import { renderSettings } from './render-settings';
import { StreamError } from './stream-error';

/** Target length of one HLS segment in seconds. */
export const HLS_SEGMENT_SECONDS = 6;
/** The playlist's file name. */
export const HLS_PLAYLIST = 'index.m3u8';
const SEGMENT_NAME = /^segment-\d{3,5}\.ts$/;

/** Segmenting jobs by folder: concurrent requests share one ffmpeg run. */
const jobs = new Map<string, Promise<string>>();

function runFfmpeg(ffmpegPath: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * The HLS rendition of a cached render's M4A: a VOD playlist and MPEG-TS
 * segments of about {@link HLS_SEGMENT_SECONDS} s holding the render's AAC
 * as it is (copied, not re-encoded), made with native ffmpeg on first
 * request and kept next to the render. The folder is named after the M4A's
 * hash, so a new render gets new segments; older folders of the song go.
 *
 * @returns the folder holding {@link HLS_PLAYLIST} and the segments
 * @throws {@link StreamError} `STREAM_FORMAT_UNAVAILABLE` without native ffmpeg or an M4A
 */
export async function hlsFolder(cached: CachedRender): Promise<string> {
  const settings = await renderSettings();
  if (!settings.hls) {
    throw new StreamError(
      'STREAM_FORMAT_UNAVAILABLE',
      'HLS needs the native ffmpeg on the server (apt-get install ffmpeg); play the M4A or WAV instead',
    );
  }
  const m4a = cached.render.files.find((f) => f.format === 'm4a');
  if (!m4a) {
    throw new StreamError(
      'STREAM_FORMAT_UNAVAILABLE',
      'HLS is cut from the M4A render, and this render has none',
    );
  }
  const prefix = `.hls-${cached.render.song}-`;
  const name = `${prefix}${m4a.sha256.slice(0, 16)}`;
  const folder = join(/*turbopackIgnore: true*/ cached.dir, name);
  if (await stat(join(folder, HLS_PLAYLIST)).catch(() => null)) return folder;
  let job = jobs.get(folder);
  if (!job) {
    job = (async () => {
      const temp = `${folder}.${process.pid}-${Date.now()}.partial`;
      await mkdir(temp, { recursive: true });
      try {
        await runFfmpeg(settings.ffmpegPath, [
          '-hide_banner',
          '-nostdin',
          '-loglevel',
          'error',
          '-i',
          join(cached.dir, m4a.file),
          '-map',
          '0:a',
          '-c:a',
          'copy',
          '-f',
          'hls',
          '-hls_time',
          String(HLS_SEGMENT_SECONDS),
          '-hls_playlist_type',
          'vod',
          '-hls_segment_filename',
          join(temp, 'segment-%03d.ts'),
          join(temp, HLS_PLAYLIST),
        ]);
        await rename(temp, folder);
      } catch (error) {
        await rm(temp, { recursive: true, force: true });
        throw new StreamError(
          'STREAM_FORMAT_UNAVAILABLE',
          `could not cut HLS segments from ${m4a.file}: ${(error as Error).message}`,
        );
      }
      for (const entry of await readdir(cached.dir)) {
        if (entry.startsWith(prefix) && entry !== name && !entry.endsWith('.partial')) {
          await rm(join(cached.dir, entry), { recursive: true, force: true });
        }
      }
      return folder;
    })();
    jobs.set(folder, job);
    const forget = () => jobs.delete(folder);
    job.then(forget, forget);
  }
  return job;
}

/**
 * The playlist with `?song=N` added to every segment URI, so the segment
 * requests (relative to the playlist's URL) name the song too.
 */
export function playlistForSong(playlist: string, song: number): string {
  return playlist
    .split('\n')
    .map((line) => (SEGMENT_NAME.test(line.trim()) ? `${line.trim()}?song=${song}` : line))
    .join('\n');
}

/** Whether `name` is a segment file name this server writes (anything else is refused). */
export function isSegmentName(name: string): boolean {
  return SEGMENT_NAME.test(name);
}

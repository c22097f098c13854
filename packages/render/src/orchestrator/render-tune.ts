import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  formatRenderFileName,
  hvscMd5,
  parseSidFile,
  type RenderChipTag,
  type RenderEncoding,
  type RenderTechnology,
  resolveChipModel,
  type SidFile,
  SidflowError,
  sanitizeRenderName,
  stringifyCanonical,
  validateRenderMode,
} from '@sidflow/core';
import {
  assertWithinDiskMaximum,
  DEFAULT_DISK_LIMITS,
  estimateRenderBytes,
  planCachedFormats,
} from '../cache/cache-policy.js';
import { measureDiskUse } from '../cache/disk-usage.js';
import type { AudioEncoder, EncodeOutput } from '../encode/encode-request.js';
import { selectEncoder } from '../encode/select-encoder.js';
import type {
  EngineJob,
  EngineOutput,
  EngineRunner,
  RenderEngineName,
} from '../engines/engine-job.js';
import { renderWithSidflowEngine } from '../engines/sidflow-engine.js';
import { createSidplayfpEngine } from '../engines/sidplayfp-engine.js';
import { createUltimate64Engine } from '../engines/ultimate64-engine.js';
import { throwIfAborted } from '../errors/abort.js';
import { RenderError } from '../errors/render-error.js';
import type {
  AvailabilityManifest,
  ManifestFile,
  ManifestRender,
  ManifestStem,
} from '../manifest/availability-manifest.js';
import {
  type InvalidationReason,
  manifestFileName,
  readAvailabilityManifest,
  renderFileNames,
  writeAvailabilityManifest,
} from '../manifest/manifest-file.js';
import { ioError } from '../wav/wav-writer.js';
import type { RenderOptions } from './render-options.js';
import type { RenderResult } from './render-result.js';

/** A tune to render: a file path, or bytes with an optional name and path. */
export type TuneInput =
  | string
  | { readonly bytes: Uint8Array; readonly name?: string; readonly path?: string };

/** Default length of songs Songlengths does not know, in seconds. */
export const DEFAULT_SONG_SECONDS = 180;

const PLATFORM: Record<RenderEngineName, string> = {
  engine: 'sidflow',
  sidplayfp: 'sidplayfp',
  ultimate64: 'c64u',
};
const TRUE_PEAK_CEILING_DBTP = -1;

async function loadTune(
  tune: TuneInput,
): Promise<{ bytes: Uint8Array; name: string; path: string | null }> {
  if (typeof tune === 'string') {
    const bytes = await readFile(tune).catch((error: unknown) => {
      throw new RenderError(
        'RENDER_BAD_TUNE',
        `${tune}: cannot read the tune (${(error as NodeJS.ErrnoException).code ?? error})`,
        {
          cause: error,
        },
      );
    });
    return { bytes: new Uint8Array(bytes), name: basename(tune, extname(tune)), path: tune };
  }
  const name = tune.name ?? (tune.path ? basename(tune.path, extname(tune.path)) : '');
  return { bytes: tune.bytes, name, path: tune.path ?? null };
}

function parseTune(bytes: Uint8Array, label: string): SidFile {
  try {
    return parseSidFile(bytes);
  } catch (error) {
    if (!(error instanceof SidflowError)) throw error;
    throw new RenderError(
      'RENDER_BAD_TUNE',
      `${label}: not a playable SID tune: ${error.message} [${error.code}]`,
      {
        cause: error,
      },
    );
  }
}

function resolveChip(choice: RenderOptions['chip'], sid: SidFile): '6581' | '8580' {
  if (choice === '6581') return '6581';
  if (choice === '8580' || choice === '8580r5') return '8580';
  return resolveChipModel(
    choice === undefined || choice === 'auto' ? 'song-else-6581' : choice,
    sid.sidModel,
  );
}

function engineCandidates(options: RenderOptions): RenderEngineName[] {
  const choice = options.engine ?? 'auto';
  if (choice !== 'auto') return [choice];
  const software = [...(options.softwareEngines ?? ['engine', 'sidplayfp'])];
  if (options.rendering === 'hardware-only') {
    if (!options.ultimate64?.host) {
      throw new RenderError(
        'RENDER_DEVICE_NOT_CONFIGURED',
        'the rendering preference is "hardware only" but no Ultimate 64 is configured: set ultimate64.host, or allow software rendering',
      );
    }
    return ['ultimate64'];
  }
  return options.ultimate64?.host ? ['ultimate64', ...software] : software;
}

function runnerFor(engine: RenderEngineName, options: RenderOptions): EngineRunner {
  if (engine === 'engine') return renderWithSidflowEngine;
  if (engine === 'sidplayfp')
    return createSidplayfpEngine({ sidplayfpPath: options.sidplayfpPath });
  if (!options.ultimate64?.host) {
    throw new RenderError(
      'RENDER_DEVICE_NOT_CONFIGURED',
      'no Ultimate 64 is configured: pass ultimate64.host (e.g. 192.168.1.64)',
    );
  }
  return createUltimate64Engine(options.ultimate64);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function round(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

async function intact(dir: string, files: readonly ManifestFile[]): Promise<boolean> {
  for (const f of files) {
    const s = await stat(join(dir, f.file)).catch(() => null);
    if (!s || s.size !== f.bytes) return false;
  }
  return true;
}

/**
 * Renders one song of a tune to files and records it in the tune's
 * availability manifest.
 *
 * The request is checked against the render matrix (server-side file
 * rendering); engines are tried in preference order (`auto`: the Ultimate 64
 * when one is configured and answers, then the software engines); the chip
 * follows the chip preference; the length comes from Songlengths when known.
 * Audio goes to a temporary WAV (loudness, true peak and DC offset measured
 * on the way), is encoded to every format in one encoder run, hashed, and
 * only then renamed to its final name, so no partial file ever carries a
 * finished name. An identical earlier render whose files are intact is not
 * redone unless `force` is set.
 *
 * @param tune - path or bytes of a PSID/RSID file
 * @param song - 1-based song; `0`/`undefined` = the tune's start song
 * @param options - see {@link RenderOptions}
 * @throws {@link RenderError} with a code naming the failure (bad tune, tool missing, device unreachable, disk limit, …)
 */
export async function render(
  tune: TuneInput,
  song: number | undefined,
  options: RenderOptions,
): Promise<RenderResult> {
  const started = performance.now();
  const { bytes, name: givenName, path } = await loadTune(tune);
  const label = path ?? (givenName || 'tune');
  const sid = parseTune(bytes, label);
  const songNumber = song === undefined || song === 0 ? sid.startSong : song;
  if (!Number.isInteger(songNumber) || songNumber < 1 || songNumber > sid.songs) {
    throw new RenderError(
      'RENDER_BAD_TUNE',
      `${label}: song ${song} does not exist; it has songs 1–${sid.songs}`,
    );
  }
  const tuneName = sanitizeRenderName(givenName || sid.name || 'untitled');
  const md5 = hvscMd5(bytes);
  const chip = resolveChip(options.chip, sid);
  const chipTag: RenderChipTag = chip === '6581' ? '6581' : '8580r5';
  const sampleRate = options.sampleRate ?? 44_100;
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192_000) {
    throw new RenderError(
      'RENDER_BAD_OPTION',
      `sample rate ${sampleRate}: expected 8000–192000 Hz`,
    );
  }
  const known = options.songlengths?.byMd5(md5)?.lengthsMs[songNumber - 1];
  const seconds =
    options.seconds ??
    (known !== undefined && known > 0
      ? known / 1000
      : (options.defaultSeconds ?? DEFAULT_SONG_SECONDS));
  if (!(seconds > 0) || seconds > 3 * 3600) {
    throw new RenderError(
      'RENDER_BAD_OPTION',
      `length ${seconds} s: expected more than 0 and at most 3 hours`,
    );
  }
  const requested = [...new Set(options.formats ?? (['flac', 'm4a'] as RenderEncoding[]))];
  for (const f of requested) {
    if (f !== 'wav' && f !== 'flac' && f !== 'm4a') {
      throw new RenderError(
        'RENDER_BAD_OPTION',
        `format ${JSON.stringify(f)}: expected wav, flac or m4a`,
      );
    }
  }
  if (requested.length === 0)
    throw new RenderError('RENDER_BAD_OPTION', 'no format requested: pass wav, flac and/or m4a');
  const candidates = engineCandidates(options);
  const time = options.time ?? 'prepared';
  for (const technology of candidates) {
    const mode = validateRenderMode({
      location: 'server',
      time,
      technology: technology as RenderTechnology,
    });
    if (mode.targets.kind !== 'files') {
      throw new RenderError('RENDER_UNSUPPORTED', `${mode.label} produces no files`);
    }
  }
  if (options.stems && !candidates.includes('engine')) {
    throw new RenderError(
      'RENDER_UNSUPPORTED',
      `stems need the SIDFlow engine; ${candidates.join(', ')} cannot mute single voices`,
    );
  }
  const stemCandidates = options.stems ? candidates.filter((c) => c === 'engine') : candidates;

  const outDir = options.outDir;
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw ioError(outDir, error);
  });
  const manifestPath = join(outDir, manifestFileName(tuneName));
  const limits = options.diskLimits ?? DEFAULT_DISK_LIMITS;
  const usage = await measureDiskUse(outDir, options.statfs);
  const plan = planCachedFormats(requested, usage, limits, options.cacheMode ?? 'explicit');
  const flacLevel = options.flacLevel ?? 5;
  const m4aBitrate = options.m4aBitrate ?? 256;
  const key = createHash('sha256')
    .update(
      stringifyCanonical({
        chip: chipTag,
        engines: stemCandidates,
        flacLevel,
        m4aBitrate,
        md5,
        normalizeLufs: options.normalizeLufs ?? null,
        sampleRate,
        seconds,
        song: songNumber,
        stems: options.stems ?? false,
      }),
    )
    .digest('hex')
    .slice(0, 32);

  const previous = await readAvailabilityManifest(manifestPath);
  const old = previous?.renders.find((r) => r.song === songNumber) ?? null;
  let reason: InvalidationReason | null = null;
  if (old) {
    const covers = plan.formats.every((f) => old.files.some((file) => file.format === f));
    const filesOk =
      (await intact(outDir, old.files)) &&
      (await Promise.all(old.stems.map((s) => intact(outDir, s.files)))).every(Boolean);
    if (previous?.tune.md5 !== md5) reason = 'tune-changed';
    else if (old.key !== key || !covers) reason = 'settings-changed';
    else if (!filesOk) reason = 'files-missing';
    else if (options.force) reason = 'forced';
    else {
      return {
        status: 'up-to-date',
        manifestPath,
        render: old,
        engine: old.engine,
        skippedFormats: plan.skipped,
        fallbacks: [],
        timings: { emulationMs: 0, encodingMs: 0, totalMs: performance.now() - started },
      };
    }
  }
  if (plan.formats.length === 0) {
    return {
      status: 'cache-full',
      manifestPath,
      render: null,
      engine: null,
      skippedFormats: plan.skipped,
      fallbacks: [],
      timings: { emulationMs: 0, encodingMs: 0, totalMs: performance.now() - started },
    };
  }
  const channelsGuess = sid.secondSidAddress === null ? 1 : 2;
  assertWithinDiskMaximum(
    outDir,
    usage,
    estimateRenderBytes({
      formats: plan.formats,
      seconds,
      sampleRate,
      channels: candidates.includes('ultimate64') ? 2 : channelsGuess,
      m4aBitrate,
      copies: options.stems ? 1 + 3 * (sid.thirdSidAddress !== null ? 3 : channelsGuess) : 1,
    }),
    limits,
  );

  const temps: string[] = [];
  const tempFor = (finalName: string) => {
    const t = join(
      outDir,
      `.${finalName}.${process.pid}-${randomBytes(4).toString('hex')}.partial`,
    );
    temps.push(t);
    return t;
  };
  const ownEncoder = typeof options.encoder !== 'object';
  let encoder: AudioEncoder | null = null;
  try {
    // Render, trying engines in order.
    const fallbacks: { engine: RenderEngineName; error: string }[] = [];
    let produced: { engine: RenderEngineName; out: EngineOutput; wavTemp: string } | null = null;
    const emulationStarted = performance.now();
    for (const engine of stemCandidates) {
      throwIfAborted(options.signal, label);
      const platform = PLATFORM[engine];
      const nameOf = (name: string, encoding: RenderEncoding) =>
        formatRenderFileName({
          name,
          trackIndex: songNumber,
          trackCount: sid.songs,
          platform,
          chip: chipTag,
          encoding,
        });
      const wavTemp = tempFor(nameOf(tuneName, 'wav'));
      const job: EngineJob = {
        bytes,
        path,
        song: songNumber,
        seconds,
        sampleRate,
        chip,
        wavPath: wavTemp,
        stemPaths: options.stems
          ? (s, v) => tempFor(nameOf(stemName(tuneName, s, v, sid), 'wav'))
          : null,
        signal: options.signal,
        onProgress: (done) =>
          options.onProgress?.({ phase: 'emulating', seconds: done, total: seconds, engine }),
      };
      try {
        produced = { engine, out: await runnerFor(engine, options)(job), wavTemp };
        break;
      } catch (error) {
        const code = (error as SidflowError).code;
        const fatal =
          code === 'RENDER_ABORTED' || code === 'RENDER_DISK_LIMIT' || code === 'RENDER_IO';
        const hardwareOnly = engine === 'ultimate64' && options.rendering === 'hardware-only';
        if (fatal || hardwareOnly || engine === stemCandidates.at(-1)) {
          if (fallbacks.length === 0 || fatal) throw error;
          const tried = fallbacks.map((f) => `${f.engine}: ${f.error}`).join('; ');
          throw new RenderError(
            'RENDER_ENGINE_FAILED',
            `${label}: every engine failed (${tried}; ${engine}: ${(error as Error).message})`,
            {
              cause: error,
            },
          );
        }
        fallbacks.push({ engine, error: (error as Error).message });
      }
    }
    if (!produced)
      throw new RenderError('RENDER_ENGINE_FAILED', `${label}: no engine could render it`);
    const emulationMs = performance.now() - emulationStarted;

    // Encode every format (and every stem) from the temporary WAVs.
    const { engine, out, wavTemp } = produced;
    const platform = PLATFORM[engine];
    const loud = out.loudness;
    let gainDb: number | null = null;
    if (options.normalizeLufs != null && loud.integratedLufs !== null) {
      gainDb = options.normalizeLufs - loud.integratedLufs;
      if (loud.truePeakDbtp !== null)
        gainDb = Math.min(gainDb, TRUE_PEAK_CEILING_DBTP - loud.truePeakDbtp);
      gainDb = Number(gainDb.toFixed(2));
    }
    encoder =
      typeof options.encoder === 'object'
        ? options.encoder
        : selectEncoder(options.encoder, options.ffmpegPath);
    const encodingStarted = performance.now();
    options.onProgress?.({ phase: 'encoding', seconds, total: seconds, engine });
    const finalize: { temp: string; final: string }[] = [];
    const encodeSet = async (
      name: string,
      wav: string,
      channels: number,
    ): Promise<ManifestFile[]> => {
      const outputs: EncodeOutput[] = [];
      const files: { format: RenderEncoding; temp: string; final: string }[] = [];
      for (const format of plan.formats) {
        const final = formatRenderFileName({
          name,
          trackIndex: songNumber,
          trackCount: sid.songs,
          platform,
          chip: chipTag,
          encoding: format,
        });
        if (format === 'wav' && !gainDb) {
          files.push({ format, temp: wav, final });
        } else {
          const temp = tempFor(final);
          outputs.push({ format, path: temp });
          files.push({ format, temp, final });
        }
      }
      if (outputs.length > 0) {
        await encoder!.encode(wav, outputs, {
          flacLevel,
          m4aBitrate,
          gainDb: gainDb ?? 0,
          signal: options.signal,
        });
      }
      const result: ManifestFile[] = [];
      for (const f of files) {
        const s = await stat(f.temp).catch((error: unknown) => {
          throw ioError(f.temp, error);
        });
        result.push({
          format: f.format,
          file: f.final,
          bytes: s.size,
          sha256: await sha256File(f.temp),
          channels: f.format === 'm4a' ? 2 : channels,
        });
        finalize.push({ temp: f.temp, final: join(outDir, f.final) });
      }
      return result;
    };
    const files = await encodeSet(tuneName, wavTemp, out.channels);
    const stems: ManifestStem[] = [];
    for (const stem of out.stems) {
      throwIfAborted(options.signal, label);
      stems.push({
        sid: stem.sid,
        voice: stem.voice,
        files: await encodeSet(
          stemName(tuneName, stem.sid, stem.voice, sid),
          stem.wavPath,
          out.channels,
        ),
      });
    }
    const encodingMs = performance.now() - encodingStarted;
    options.onProgress?.({ phase: 'finishing', seconds, total: seconds, engine });
    throwIfAborted(options.signal, label);

    // Only now do files get their final names; the manifest follows.
    for (const f of finalize) {
      await rename(f.temp, f.final).catch((error: unknown) => {
        throw ioError(f.final, error);
      });
    }
    const entry: ManifestRender = {
      song: songNumber,
      engine,
      platform,
      chip: chipTag,
      seconds: Number((out.frames / out.sampleRate).toFixed(6)),
      sampleRate: out.sampleRate,
      channels: out.channels,
      key,
      renderedAt: new Date().toISOString(),
      loudness: {
        integratedLufs: round(loud.integratedLufs, 2),
        truePeakDbtp: round(loud.truePeakDbtp, 2),
        samplePeakDbfs: round(loud.samplePeakDbfs, 2),
        dcOffset: loud.dcOffset.map((d) => Number(d.toFixed(6))),
      },
      gainDb,
      files,
      stems,
    };
    // The tune may have changed: a manifest for other bytes is started afresh.
    const base: AvailabilityManifest =
      previous && previous.tune.md5 === md5
        ? previous
        : {
            version: 1,
            tune: { name: tuneName, md5, songs: sid.songs, startSong: sid.startSong },
            renders: [],
          };
    const staleEntries = previous
      ? previous.renders.filter((r) => previous.tune.md5 !== md5 || r.song === songNumber)
      : [];
    const keep = new Set(renderFileNames(entry));
    for (const stale of staleEntries) {
      const removed = renderFileNames(stale).filter((f) => !keep.has(f));
      await Promise.all(removed.map((f) => unlink(join(outDir, f)).catch(() => {})));
      options.onInvalidate?.({
        manifestPath,
        song: stale.song,
        reason: previous?.tune.md5 !== md5 ? 'tune-changed' : (reason ?? 'settings-changed'),
        removed,
      });
    }
    await writeAvailabilityManifest(manifestPath, {
      version: 1,
      tune: { name: tuneName, md5, songs: sid.songs, startSong: sid.startSong },
      renders: [...base.renders.filter((r) => r.song !== songNumber), entry],
    });
    return {
      status: 'rendered',
      manifestPath,
      render: entry,
      engine,
      skippedFormats: plan.skipped,
      fallbacks,
      timings: { emulationMs, encodingMs, totalMs: performance.now() - started },
    };
  } finally {
    await Promise.all(temps.map((t) => unlink(t).catch(() => {})));
    if (ownEncoder && encoder) await encoder.close();
  }
}

/** The tune name of a stem's files: `<name>_voice<N>` (N 1–3), `_sid<S>` added for the extra chips of multi-SID tunes. */
function stemName(tuneName: string, sidIndex: number, voice: number, sid: SidFile): string {
  const chips = sid.thirdSidAddress !== null ? 3 : sid.secondSidAddress !== null ? 2 : 1;
  return chips === 1
    ? `${tuneName}_voice${voice + 1}`
    : `${tuneName}_sid${sidIndex + 1}_voice${voice + 1}`;
}

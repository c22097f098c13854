import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sanitizeRenderName, writeCanonicalJsonFile } from '@sidflow/core';
import { RenderError } from '../errors/render-error.js';
import { ioError } from '../wav/wav-writer.js';
import {
  type AvailabilityManifest,
  ManifestFormatError,
  type ManifestRender,
  parseAvailabilityManifest,
} from './availability-manifest.js';

/**
 * The manifest's file name for a tune: `<sanitised name>.sidflow.json`, in
 * the same folder as the renders.
 *
 * @param tuneName - the tune name used in the rendered file names
 */
export function manifestFileName(tuneName: string): string {
  return `${sanitizeRenderName(tuneName)}.sidflow.json`;
}

/**
 * Reads and validates an availability manifest.
 *
 * @param path - the manifest file
 * @returns the manifest, or `null` when the file does not exist
 * @throws {@link RenderError} `RENDER_MANIFEST_INVALID` or `RENDER_IO`
 */
export async function readAvailabilityManifest(path: string): Promise<AvailabilityManifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(path, error);
  }
  try {
    return parseAvailabilityManifest(text);
  } catch (error) {
    if (error instanceof ManifestFormatError) {
      throw new RenderError(
        'RENDER_MANIFEST_INVALID',
        `${path}: ${error.message}; delete it to re-render`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * Writes a manifest canonically (stable key order and number format) and
 * atomically, renders sorted by song.
 *
 * @param path - the manifest file
 * @param manifest - its content
 */
export async function writeAvailabilityManifest(
  path: string,
  manifest: AvailabilityManifest,
): Promise<void> {
  const sorted = { ...manifest, renders: [...manifest.renders].sort((a, b) => a.song - b.song) };
  try {
    await writeCanonicalJsonFile(path, sorted);
  } catch (error) {
    throw ioError(path, error);
  }
}

/** Why a render was dropped from a manifest. */
export type InvalidationReason =
  | 'tune-changed'
  | 'settings-changed'
  | 'files-missing'
  | 'forced'
  | 'requested';

/** Reported to `onInvalidate` hooks whenever renders are dropped. */
export interface InvalidationEvent {
  /** The manifest file. */
  readonly manifestPath: string;
  /** The song whose render was dropped. */
  readonly song: number;
  /** Why. */
  readonly reason: InvalidationReason;
  /** Files deleted (names relative to the manifest's folder). */
  readonly removed: readonly string[];
}

/** Every file name a render entry owns, stems included. */
export function renderFileNames(render: ManifestRender): string[] {
  return [
    ...render.files.map((f) => f.file),
    ...render.stems.flatMap((s) => s.files.map((f) => f.file)),
  ];
}

/**
 * Drops renders from a tune's manifest and deletes their files: the
 * invalidation hook for admins ("re-render this tune") and for callers that
 * know a tune or a setting changed.
 *
 * @param manifestPath - the manifest file
 * @param filter - which renders to drop (default: all)
 * @param onInvalidate - told about each dropped render
 * @returns the dropped songs
 */
export async function invalidateRenders(
  manifestPath: string,
  filter: (render: ManifestRender) => boolean = () => true,
  onInvalidate?: (event: InvalidationEvent) => void,
): Promise<number[]> {
  const manifest = await readAvailabilityManifest(manifestPath);
  if (!manifest) return [];
  const dir = join(manifestPath, '..');
  const dropped = manifest.renders.filter(filter);
  for (const render of dropped) {
    const removed = renderFileNames(render);
    await Promise.all(removed.map((f) => unlink(join(dir, f)).catch(() => {})));
    onInvalidate?.({ manifestPath, song: render.song, reason: 'requested', removed });
  }
  await writeAvailabilityManifest(manifestPath, {
    ...manifest,
    renders: manifest.renders.filter((r) => !dropped.includes(r)),
  });
  return dropped.map((r) => r.song);
}

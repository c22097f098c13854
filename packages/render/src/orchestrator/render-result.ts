import type { SkippedFormat } from '../cache/cache-policy.js';
import type { RenderEngineName } from '../engines/engine-job.js';
import type { ManifestRender } from '../manifest/availability-manifest.js';

/** What {@link render} did. */
export interface RenderResult {
  /** `rendered`; `up-to-date` when the manifest already listed this exact render; `cache-full` when the cache rules left nothing to write. */
  readonly status: 'rendered' | 'up-to-date' | 'cache-full';
  /** The tune's manifest file. */
  readonly manifestPath: string;
  /** The render as recorded in the manifest (`null` for `cache-full`). */
  readonly render: ManifestRender | null;
  /** Engine that produced the audio (`null` for `cache-full`). */
  readonly engine: RenderEngineName | null;
  /** Formats the cache rules left out. */
  readonly skippedFormats: readonly SkippedFormat[];
  /** Engines tried before the one that worked, with why they failed. */
  readonly fallbacks: readonly { readonly engine: RenderEngineName; readonly error: string }[];
  /** Where the time went, in milliseconds (zeros when nothing was rendered). */
  readonly timings: {
    readonly emulationMs: number;
    readonly encodingMs: number;
    readonly totalMs: number;
  };
}

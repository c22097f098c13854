/**
 * The parts of a render availability manifest (`@sidflow/render`'s
 * `AvailabilityManifest`) the streaming adapter reads; any object of that
 * shape fits, so browser bundles need not import the render package.
 */
export interface StreamManifest {
  /** One entry per rendered song. */
  readonly renders: readonly {
    /** 1-based song. */
    readonly song: number;
    /** Seconds of audio. */
    readonly seconds?: number;
    /** The files, one per format (`wav`, `m4a`, `flac`). */
    readonly files: readonly {
      /** Encoding of the file. */
      readonly format: string;
    }[];
  }[];
}

/** Formats the streaming adapter plays: WAV or M4A by range requests, HLS through hls.js. */
export type StreamFormat = 'wav' | 'm4a' | 'hls';

/**
 * Formats of `song` the manifest offers, in `order`. HLS counts as offered
 * when the song has an M4A (AAC) render, which the server segments.
 */
export function formatsFor(
  manifest: StreamManifest,
  song: number,
  order: readonly StreamFormat[],
): StreamFormat[] {
  const render = manifest.renders.find((r) => r.song === song);
  if (!render) return [];
  const have = new Set(render.files.map((f) => f.format));
  return order.filter((f) => (f === 'hls' ? have.has('m4a') : have.has(f)));
}

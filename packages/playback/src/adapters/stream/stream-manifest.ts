/**
 * The parts of a render availability manifest (`@sidflow/render`'s
 * `AvailabilityManifest`) the streaming adapter reads; any object of that
 * shape fits, so browser bundles need not import the render package.
 */
export interface StreamManifest {
  /** The tune (render's manifests carry it): how many songs it has. */
  readonly tune?: {
    /** Number of songs. */
    readonly songs: number;
  };
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
  /**
   * What a server that renders on request can make of any song of the tune
   * (1 to `tune.songs`) that has no render yet, and which of these formats it
   * serves at all (a server without a segmenter leaves out `hls`). Absent for
   * a plain folder of renders.
   */
  readonly onDemand?: {
    /** Formats the server makes on request. */
    readonly formats: readonly string[];
  };
}

/** Formats the streaming adapter plays: WAV or M4A by range requests, HLS through hls.js. */
export type StreamFormat = 'wav' | 'm4a' | 'hls';

/**
 * Formats of `song` the manifest offers, in `order`. HLS counts as offered
 * when the song has an M4A (AAC) render, which the server segments (unless
 * the server's `onDemand` formats leave HLS out). A song without a render is
 * offered in the `onDemand` formats when the manifest has them.
 */
export function formatsFor(
  manifest: StreamManifest,
  song: number,
  order: readonly StreamFormat[],
): StreamFormat[] {
  const onDemand = manifest.onDemand ? new Set(manifest.onDemand.formats) : null;
  const render = manifest.renders.find((r) => r.song === song);
  if (!render) {
    const songs = manifest.tune?.songs ?? 0;
    if (!onDemand || !Number.isInteger(song) || song < 1 || song > songs) return [];
    return order.filter((f) => onDemand.has(f));
  }
  const have = new Set(render.files.map((f) => f.format));
  return order.filter((f) =>
    f === 'hls' ? have.has('m4a') && (onDemand === null || onDemand.has('hls')) : have.has(f),
  );
}

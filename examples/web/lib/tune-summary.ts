/** Where a tune in the list comes from. */
export type TuneSource = 'demo' | 'hvsc';

/** One playable tune as the page lists it; the header fields come from the PSID/RSID header. */
export interface TuneSummary {
  /** Stable id: `demo/<file>` or `hvsc/<path inside the HVSC folder>`; the bytes are at `/api/tunes/<id>`. */
  readonly id: string;
  /** Which collection it belongs to. */
  readonly source: TuneSource;
  /** File name. */
  readonly fileName: string;
  /** Title from the header (the file name when the header cannot be read). */
  readonly title: string;
  /** Composer from the header. */
  readonly author: string;
  /** Release year and publisher from the header. */
  readonly released: string;
  /** Number of subtunes. */
  readonly songs: number;
  /** Subtune played by default, 1-based. */
  readonly startSong: number;
  /** Set when the header could not be parsed; the tune is still listed so the player can report it. */
  readonly error?: string;
}

/** One folder of the configured HVSC collection. */
export interface HvscFolderListing {
  /** The folder, relative to the HVSC root, `/`-separated; `''` for the root. */
  readonly dir: string;
  /** Names of the subfolders, sorted. */
  readonly folders: readonly string[];
  /** The tunes directly in the folder, sorted by file name. */
  readonly tunes: readonly TuneSummary[];
}

/** What `/api/tunes` returns. */
export interface TuneCatalog {
  /** The project's demo tunes (`tunes/sid`). */
  readonly demo: readonly TuneSummary[];
  /** Whether an HVSC folder is configured and present; browse it with `/api/hvsc?dir=`. */
  readonly hvsc: { readonly available: boolean; readonly reason: string };
}

import type { SidflowError } from '@sidflow/core';

/** Where the facade is in a tune's life. */
export type PlaybackState = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'ended' | 'error';

/**
 * A tune to load: its bytes, a URL to fetch, or a library path (read through
 * `readPath`, see {@link PlaybackServiceOptions.readPath}). `id` names the tune
 * for adapters that play prepared renders (the streaming adapter's
 * `/api/playback/{id}/{format}`); it defaults to `name`, then to the URL or path.
 */
export type PlaybackSource =
  | {
      /** The file bytes. */
      bytes: Uint8Array;
      /** Display name. */
      name?: string;
      /** Identifier for prepared renders. */
      id?: string;
    }
  | {
      /** Where to fetch the file. */
      url: string;
      /** Display name. */
      name?: string;
      /** Identifier for prepared renders. */
      id?: string;
    }
  | {
      /** Library path, read with `readPath`. */
      path: string;
      /** Display name. */
      name?: string;
      /** Identifier for prepared renders. */
      id?: string;
    };

/** Options of {@link PlaybackService.load}. */
export interface LoadOptions {
  /** Song to play, 1-based. Default: the tune's start song. */
  song?: number;
  /** Adapter to try first (its `id`). Default: the order given by the preference. */
  adapter?: string;
  /**
   * Seconds after which the song ends (`trackend` event, state `ended`).
   * Default: none, the tune plays until stopped.
   */
  seconds?: number;
  /** Cancels the load. */
  signal?: AbortSignal;
}

/**
 * Which adapters may play, as product.md's rendering preference:
 * `hardware-if-available` (default) tries hardware adapters first and falls
 * back to software ones; `hardware-only` never plays on software; and
 * `software-only` never touches hardware.
 */
export type PlaybackPreference = 'hardware-if-available' | 'hardware-only' | 'software-only';

/** Whether an adapter drives a real C64/SID (`hardware`) or emulates or streams it (`software`). */
export type AdapterKind = 'software' | 'hardware';

/** Whether an adapter can play now, and why (always a sentence a person can act on). */
export interface AdapterAvailability {
  /** True when the adapter can play. */
  available: boolean;
  /** Why it can or cannot, e.g. "sidplayfp 2.4.0 at /usr/bin/sidplayfp" or "no sidplayfp on PATH". */
  reason: string;
}

/** An adapter's availability as the facade lists it. */
export interface AdapterStatus extends AdapterAvailability {
  /** The adapter's id. */
  id: string;
  /** Hardware or software. */
  kind: AdapterKind;
}

/** Header facts of the loaded tune. */
export interface TuneInfo {
  /** Title. */
  title: string;
  /** Composer. */
  author: string;
  /** Release year and publisher. */
  released: string;
  /** Number of songs (1–256). */
  songs: number;
  /** The header's start song, 1-based. */
  startSong: number;
  /** `PSID` or `RSID`. */
  format: 'PSID' | 'RSID';
  /** Video standard the header names. */
  clock: 'unknown' | 'PAL' | 'NTSC' | 'PAL+NTSC';
  /** SID model the header names for the first chip. */
  sidModel: 'unknown' | '6581' | '8580' | 'both';
}

/** A tune as the facade hands it to an adapter. */
export interface LoadedTune {
  /** File bytes; null when the source gave none (not used by the facade today). */
  bytes: Uint8Array;
  /** Display name: the source's name, else the header title. */
  name: string;
  /** Identifier for prepared renders (see {@link PlaybackSource}). */
  id: string;
  /** Parsed header facts. */
  info: TuneInfo;
}

/** The registers of one SID at one video frame (50 or 60 per second). */
export interface RegisterFrame {
  /** SID index (0 = $D400). */
  sid: number;
  /** Playback time in seconds the state belongs to. */
  time: number;
  /** $D400–$D418 as last written (25 bytes). */
  registers: Uint8Array;
}

/** A voice's gate opening (`on`) or closing. */
export interface NoteEvent {
  /** SID index. */
  sid: number;
  /** Voice 0–2. */
  voice: 0 | 1 | 2;
  /** True when the gate opened. */
  on: boolean;
  /** Oscillator frequency in Hz at that moment. */
  frequency: number;
  /** Playback time in seconds. */
  time: number;
}

/**
 * What adapters measure, delivered uniformly to the telemetry sink and the
 * `telemetry` event. Times in milliseconds.
 */
export type TelemetryEvent =
  | {
      /** A load finished. */
      type: 'load';
      /** Adapter id. */
      adapter: string;
      /** Milliseconds from `load` to ready. */
      ms: number;
    }
  | {
      /** Sound started. */
      type: 'start';
      /** Adapter id. */
      adapter: string;
      /** Milliseconds from `play`/`resume` to the first sound the adapter saw. */
      latencyMs: number;
    }
  | {
      /** Output ran dry. */
      type: 'underrun';
      /** Adapter id. */
      adapter: string;
      /** New underruns. */
      count: number;
      /** Underruns since load. */
      total: number;
    }
  | {
      /** A failure. */
      type: 'error';
      /** Adapter id, or null when none was active. */
      adapter: string | null;
      /** The error's code. */
      code: string;
      /** The error's message. */
      message: string;
    }
  | {
      /** An adapter was passed over. */
      type: 'fallback';
      /** The adapter tried first. */
      from: string;
      /** The adapter used, or null when none could play. */
      to: string | null;
      /** Why, per adapter passed over. */
      reason: string;
    };

/** Receives every telemetry event (send it to a log, a server, a test). */
export type TelemetrySink = (event: TelemetryEvent) => void;

/** Payloads of the facade's events, by event name. */
export interface PlaybackEvents {
  /** The state changed. */
  state: {
    /** The new state. */
    state: PlaybackState;
    /** The state before. */
    previous: PlaybackState;
  };
  /** Playback position in seconds, a few times a second while playing and after seeks. */
  position: {
    /** Seconds from the song's start. */
    seconds: number;
  };
  /** The song reached its length (see {@link LoadOptions.seconds}) or the source ended. */
  trackend: {
    /** The song that ended. */
    song: number;
  };
  /** Output ran dry `count` times since the last event; `total` since load. */
  underrun: {
    /** New underruns. */
    count: number;
    /** Underruns since load. */
    total: number;
  };
  /** The adapter tried first was not used (`to` null when none could play). */
  fallback: {
    /** The adapter tried first. */
    from: string;
    /** The adapter used, or null when none could play. */
    to: string | null;
    /** Why, per adapter passed over. */
    reason: string;
  };
  /** A failure; the state is `error` when it stopped playback. */
  error: {
    /** The failure. */
    error: SidflowError;
  };
  /** A telemetry event (also sent to the sink). */
  telemetry: TelemetryEvent;
  /** Per-frame SID register state (engine adapters). */
  registers: RegisterFrame;
  /** Note on/off per voice (engine adapters). */
  note: NoteEvent;
}

/** Name of a facade event. */
export type PlaybackEventName = keyof PlaybackEvents;

/** A listener of event `K`. */
export type PlaybackListener<K extends PlaybackEventName> = (payload: PlaybackEvents[K]) => void;

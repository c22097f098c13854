import type { NoteEvent, RegisterFrame } from '../../types.js';

/** Chip choice passed to the engine. */
export type EngineChip = 'auto' | '6581' | '8580';

/** Messages from the main thread to the worklet processor. */
export type ToWorklet =
  | { type: 'load-self'; bytes: Uint8Array; song: number; chip: EngineChip; id: number }
  | { type: 'attach-ring'; ctrl: SharedArrayBuffer; samples: SharedArrayBuffer; id: number }
  | { type: 'play'; id: number }
  | { type: 'pause'; id: number }
  | { type: 'seek'; seconds: number; id: number }
  | { type: 'mute'; voice: 0 | 1 | 2; muted: boolean; id: number }
  | { type: 'unload'; id: number };

/** Messages from the main thread to the render worker. */
export type ToWorker =
  | {
      type: 'init';
      ctrl: SharedArrayBuffer;
      samples: SharedArrayBuffer;
      sampleRate: number;
      id: number;
    }
  | { type: 'load'; bytes: Uint8Array; song: number; chip: EngineChip; id: number }
  | { type: 'seek'; seconds: number; id: number }
  | { type: 'mute'; voice: 0 | 1 | 2; muted: boolean; id: number }
  | { type: 'unload'; id: number };

/** Messages from the worklet or the worker to the main thread. */
export type FromEngine =
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; code: string; message: string }
  | {
      type: 'position';
      seconds: number;
      underruns: number;
      /** Shared-ring path: fewest frames buffered at any quantum since the tune was loaded. */
      lowestFill?: number;
    }
  | { type: 'started' }
  | { type: 'stats'; renderMs: number }
  | { type: 'events'; registers: RegisterFrame[]; notes: NoteEvent[] };

/** A minimal publish/subscribe channel for per-frame SID register bytes. */
export interface RegisterChannel {
  /** Calls `listener` with every published frame; returns an unsubscribe function. */
  subscribe(listener: (registers: Uint8Array) => void): () => void;
  /** Hands `registers` to every listener. */
  publish(registers: Uint8Array): void;
}

/**
 * Register frames arrive 50–60 times a second; passing them through React
 * state would re-render the page each time, so the piano roll reads them
 * from this channel instead.
 */
export function createRegisterChannel(): RegisterChannel {
  const listeners = new Set<(registers: Uint8Array) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(registers) {
      for (const listener of listeners) listener(registers);
    },
  };
}

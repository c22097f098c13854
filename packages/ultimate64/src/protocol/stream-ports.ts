/** Default UDP ports of the three streams (the device sends there when `ip` has no port). */
export const DEFAULT_STREAM_PORTS = { video: 11000, audio: 11001, debug: 11002 } as const;

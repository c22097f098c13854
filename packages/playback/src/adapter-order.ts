import type { PlaybackAdapter } from './playback-adapter.js';
import type { PlaybackPreference } from './types.js';

/**
 * The adapters to try, best first: the requested one (when the preference
 * allows it), then hardware before software for `hardware-if-available`,
 * hardware only for `hardware-only`, software only for `software-only`;
 * registration order otherwise.
 */
export function adapterOrder(
  adapters: readonly PlaybackAdapter[],
  preference: PlaybackPreference,
  requested?: string,
): PlaybackAdapter[] {
  const allowed = adapters.filter((a) =>
    preference === 'hardware-only'
      ? a.kind === 'hardware'
      : preference === 'software-only'
        ? a.kind === 'software'
        : true,
  );
  const ordered = [
    ...allowed.filter((a) => a.kind === 'hardware'),
    ...allowed.filter((a) => a.kind === 'software'),
  ];
  const first = ordered.find((a) => a.id === requested);
  return first ? [first, ...ordered.filter((a) => a !== first)] : ordered;
}

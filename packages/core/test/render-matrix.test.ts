import { describe, expect, it } from 'vitest';
import {
  type RenderMode,
  RenderModeError,
  supportedRenderModes,
  validateRenderMode,
} from '../src/render/index.js';

const key = (m: RenderMode) => `${m.location}/${m.time}/${m.technology}`;

function thrown(mode: unknown): RenderModeError {
  try {
    validateRenderMode(mode as RenderMode);
  } catch (error) {
    expect(error).toBeInstanceOf(RenderModeError);
    expect((error as RenderModeError).code).toBe('RENDER_MODE_UNSUPPORTED');
    return error as RenderModeError;
  }
  throw new Error('expected a RenderModeError');
}

describe('supportedRenderModes', () => {
  it('is exactly the product matrix', () => {
    const modes = supportedRenderModes();
    const targets = (m: (typeof modes)[number]) =>
      m.targets.kind === 'files' ? m.targets.encodings.join('+') : 'playback';
    expect(modes.map((m) => `${key(m)} → ${targets(m)} (${m.label})`)).toEqual([
      'server/prepared/sidplayfp → wav+m4a+flac (sidplayfp CLI)',
      'server/prepared/engine → wav+m4a+flac (engine in Node)',
      'server/prepared/ultimate64 → wav+m4a+flac (Ultimate 64 capture)',
      'server/real-time/ultimate64 → wav+m4a+flac (Ultimate 64 live capture)',
      'client/real-time/engine → playback (engine in browser)',
      'client/real-time/sidplayfp → playback (sidplayfp CLI via local bridge)',
      'client/real-time/ultimate64 → playback (Ultimate 64 direct play)',
    ]);
  });
});

describe('validateRenderMode', () => {
  it('accepts every supported mode and returns its targets', () => {
    for (const mode of supportedRenderModes()) {
      const { location, time, technology } = mode;
      expect(validateRenderMode({ location, time, technology })).toBe(mode);
    }
  });

  it('rejects every other combination, naming the closest alternatives', () => {
    const supported = new Set(supportedRenderModes().map(key));
    const rejected: string[] = [];
    for (const location of ['server', 'client'] as const) {
      for (const time of ['prepared', 'real-time'] as const) {
        for (const technology of ['sidplayfp', 'engine', 'ultimate64'] as const) {
          const mode = { location, time, technology };
          if (supported.has(key(mode))) continue;
          rejected.push(key(mode));
          const error = thrown(mode);
          expect(error.alternatives.length).toBeGreaterThan(0);
          for (const alternative of error.alternatives) {
            expect(error.message).toContain(key(alternative));
          }
        }
      }
    }
    expect(rejected).toEqual([
      'server/real-time/sidplayfp',
      'server/real-time/engine',
      'client/prepared/sidplayfp',
      'client/prepared/engine',
      'client/prepared/ultimate64',
    ]);
  });

  it('defines closest as most matching dimensions', () => {
    expect(
      thrown({ location: 'client', time: 'prepared', technology: 'engine' }).alternatives.map(key),
    ).toEqual(['server/prepared/engine', 'client/real-time/engine']);
    const realtimeEngine = thrown({ location: 'server', time: 'real-time', technology: 'engine' });
    expect(realtimeEngine.alternatives.map(key)).toEqual([
      'server/prepared/engine',
      'server/real-time/ultimate64',
      'client/real-time/engine',
    ]);
    expect(realtimeEngine.message).toBe(
      'render mode server/real-time/engine is not supported; closest supported: ' +
        'server/prepared/engine (engine in Node), server/real-time/ultimate64 (Ultimate 64 live capture), ' +
        'client/real-time/engine (engine in browser)',
    );
  });

  it('rejects unknown values and non-objects', () => {
    const error = thrown({ location: 'cloud', time: 'prepared', technology: 'engine' });
    expect(error.alternatives.map(key)).toEqual(['server/prepared/engine']);
    expect(error.mode).toEqual({ location: 'cloud', time: 'prepared', technology: 'engine' });
    expect(thrown(null).message).toContain('render mode undefined/undefined/undefined');
    expect(thrown({ location: 1, time: 'prepared', technology: 'engine' }).message).toContain(
      '1/prepared',
    );
  });
});

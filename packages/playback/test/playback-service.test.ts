import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ultimate64Client } from '@sidflow/ultimate64';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPlaybackService,
  PlaybackError,
  type PlaybackEvents,
  type TelemetryEvent,
} from '../src/index.js';
import { createNodeEngineAdapter, readTuneFile } from '../src/node.js';
import { createSidplayfpAdapter } from '../src/sidplayfp.js';
import { createUltimate64Adapter } from '../src/ultimate64.js';
import { demoTune, repoRoot } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sidflow-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A device address nothing listens on (port 9 is discard; refused on loopback). */
const unreachable = () =>
  createUltimate64Adapter({
    client: new Ultimate64Client({ host: '127.0.0.1:9', retries: 0 }),
    name: 'the test device',
  });
const node = (name = 'x.wav') =>
  createNodeEngineAdapter({ output: 'wav', wavPath: join(dir, name), realtime: false });

describe('PlaybackService: preference and fallback', () => {
  it('falls back from an unreachable device to software with a fallback event that says why', async () => {
    const telemetry: TelemetryEvent[] = [];
    const s = createPlaybackService({
      adapters: [node(), unreachable()],
      telemetry: (e) => telemetry.push(e),
    });
    const fallbacks: PlaybackEvents['fallback'][] = [];
    s.on('fallback', (e) => fallbacks.push(e));
    await s.load({ bytes: demoTune() });
    expect(s.activeAdapter).toBe('node');
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0].from).toBe('ultimate64');
    expect(fallbacks[0].to).toBe('node');
    expect(fallbacks[0].reason).toMatch(/the test device is unreachable/);
    expect(telemetry.map((t) => t.type)).toEqual(['fallback', 'load']);
    await s.dispose();
  });

  it('"hardware only" never falls back to software: error state naming the rule', async () => {
    const s = createPlaybackService({
      adapters: [node(), unreachable()],
      preference: 'hardware-only',
    });
    const fallbacks: PlaybackEvents['fallback'][] = [];
    s.on('fallback', (e) => fallbacks.push(e));
    const err = await s.load({ bytes: demoTune() }).catch((e: PlaybackError) => e);
    expect(err).toBeInstanceOf(PlaybackError);
    expect((err as PlaybackError).code).toBe('PLAYBACK_NO_ADAPTER');
    expect((err as PlaybackError).message).toMatch(/never falls back to software/);
    expect(s.state).toBe('error');
    expect(s.activeAdapter).toBeNull();
    expect(fallbacks).toEqual([
      { from: 'ultimate64', to: null, reason: expect.stringMatching(/unreachable/) },
    ]);
    await s.dispose();
  });

  it('a missing sidplayfp binary falls back to the next adapter', async () => {
    const s = createPlaybackService({
      adapters: [createSidplayfpAdapter({ binary: 'sidplayfp-not-installed' }), node()],
    });
    const fallbacks: PlaybackEvents['fallback'][] = [];
    s.on('fallback', (e) => fallbacks.push(e));
    await s.load({ bytes: demoTune() }, { adapter: 'sidplayfp' });
    expect(s.activeAdapter).toBe('node');
    expect(fallbacks[0].reason).toMatch(/sidplayfp-not-installed not found on PATH/);
    await s.dispose();
  });

  it('rejects an unknown adapter id and bad arguments with PLAYBACK_BAD_ARGUMENT', async () => {
    const s = createPlaybackService({ adapters: [node()] });
    await expect(s.load({ bytes: demoTune() }, { adapter: 'nope' })).rejects.toMatchObject({
      code: 'PLAYBACK_BAD_ARGUMENT',
    });
    await expect(s.load({ bytes: demoTune() }, { song: 9 })).rejects.toThrow(/song must be 1..2/);
    await s.load({ bytes: demoTune() });
    await expect(s.seek(-1)).rejects.toMatchObject({ code: 'PLAYBACK_BAD_ARGUMENT' });
    expect(() => s.setVolume(2)).toThrow(/volume must be 0..1/);
    await s.dispose();
  });

  it('refuses play before load with PLAYBACK_BAD_STATE', async () => {
    const s = createPlaybackService({ adapters: [node()] });
    await expect(s.play()).rejects.toMatchObject({ code: 'PLAYBACK_BAD_STATE' });
    expect(s.state).toBe('idle');
    await s.dispose();
  });

  it('reads { path } sources through readPath and reports a missing file clearly', async () => {
    const s = createPlaybackService({ adapters: [node()], readPath: readTuneFile });
    await s.load({ path: join(repoRoot, 'tunes', 'sid', 'korobeiniki.sid') });
    expect(s.tune?.title).toBe('Korobeiniki');
    await expect(s.load({ path: join(dir, 'missing.sid') })).rejects.toMatchObject({
      code: 'PLAYBACK_SOURCE_FAILED',
    });
    await s.dispose();
  });

  it('a newer load replaces one in flight', async () => {
    const s = createPlaybackService({ adapters: [node()] });
    const first = s.load({ bytes: demoTune('greensleeves.sid') });
    const second = s.load({ bytes: demoTune('minuet-in-g.sid') });
    await Promise.allSettled([first, second]);
    await second;
    expect(s.tune?.title).toBe('Minuet in G');
    expect(s.state).toBe('ready');
    await s.dispose();
  });

  it('publishes register frames and notes from the engine while playing', async () => {
    const s = createPlaybackService({
      adapters: [createNodeEngineAdapter({ output: 'wav', wavPath: join(dir, 'ev.wav') })],
    });
    let frames = 0;
    let notesOn = 0;
    s.on('registers', (f) => {
      expect(f.registers).toHaveLength(25);
      frames++;
    });
    s.on('note', (n) => {
      if (n.on) {
        expect(n.frequency).toBeGreaterThan(20);
        notesOn++;
      }
    });
    await s.load({ bytes: demoTune('korobeiniki.sid') }, { seconds: 2 });
    await s.play();
    await new Promise<void>((resolve) => s.on('trackend', () => resolve()));
    expect(frames).toBeGreaterThan(80); // 50 per second for 2 s, rendered at full speed
    expect(notesOn).toBeGreaterThan(3);
    await s.dispose();
  });
});

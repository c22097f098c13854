import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlaybackService } from '../src/index.js';
import { createSidplayfpAdapter } from '../src/sidplayfp.js';
import { demoTune } from './fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'sidflow-sidplayfp-'));
const raw = join(home, 'out.raw');
writeFileSync(
  join(home, '.asoundrc'),
  `pcm.!default { type file; slave.pcm "null"; file "${raw}"; format "raw" }\n`,
);
const noDevice = mkdtempSync(join(tmpdir(), 'sidflow-sidplayfp-nodev-'));
writeFileSync(join(noDevice, '.asoundrc'), 'pcm.!default { type hw; card 7 }\n');
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(noDevice, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('sidplayfp adapter', () => {
  it('finds the binary and its version', async () => {
    const adapter = createSidplayfpAdapter();
    const status = await adapter.availability();
    expect(status.available).toBe(true);
    expect(status.reason).toMatch(/^sidplayfp \d+\.\d+\.\d+ with libsidplayfp \d+\.\d+\.\d+ at \//);
    expect(adapter.info?.version).toMatch(/^\d+\.\d+/);
  });

  it('plays sound through the audio device and leaves no process after stop', async () => {
    const adapter = createSidplayfpAdapter({ env: { ...process.env, HOME: home } });
    const s = createPlaybackService({ adapters: [adapter] });
    await s.load({ bytes: demoTune('korobeiniki.sid') });
    await s.play();
    const pid = adapter.pid!;
    expect(alive(pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 800));
    await s.pause();
    await s.stop();
    expect(alive(pid)).toBe(false);
    const pcm = new Int16Array(new Uint8Array(readFileSync(raw)).buffer);
    let peak = 0;
    for (const v of pcm) peak = Math.max(peak, Math.abs(v));
    expect(pcm.length).toBeGreaterThan(10_000);
    expect(peak).toBeGreaterThan(1000);
    await s.dispose();
  });

  it('reports a failing audio device as a readable error', async () => {
    const s = createPlaybackService({
      adapters: [createSidplayfpAdapter({ env: { ...process.env, HOME: noDevice } })],
    });
    await s.load({ bytes: demoTune() });
    const err = await s.play().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^sidplayfp could not play: .*audio device/i);
    expect(s.state).toBe('error');
    await s.dispose();
  });
});

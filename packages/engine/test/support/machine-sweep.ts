import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readTuneSource } from '../../src/drivers/tune-info.js';
import { createPlayer, NeedsBasicRomError } from '../../src/index.js';
import { HVSC_SAMPLE } from './machine-tunes.js';

function allTunes(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allTunes(path));
    else if (entry.name.endsWith('.sid')) out.push(path);
  }
  return out.sort();
}

/**
 * Seconds rendered per tune: 5 by default (the sweep); set
 * `SIDFLOW_SWEEP_SECONDS` lower for a quick local run.
 */
export const SWEEP_SECONDS = Number(process.env.SIDFLOW_SWEEP_SECONDS ?? 5);

/** Number of sweep shards (one test file each, so the runner can spread them over cores). */
export const SWEEP_SHARDS = 4;

/**
 * Registers one test per tune of shard `shard`: {@link SWEEP_SECONDS} of the start song render
 * without throwing and give finite samples; BASIC tunes without a BASIC ROM
 * must be refused with NeedsBasicRomError instead.
 */
export function sweepShard(shard: number): void {
  const tunes = allTunes(HVSC_SAMPLE).filter((_, i) => i % SWEEP_SHARDS === shard);
  it('has its share of the 615 sample tunes', () => {
    expect(tunes.length).toBeGreaterThanOrEqual(Math.floor(615 / SWEEP_SHARDS));
  });
  const pcm = new Int16Array(Math.round(SWEEP_SECONDS * 44_100));
  for (const path of tunes) {
    it(path.slice(HVSC_SAMPLE.length), () => {
      const bytes = new Uint8Array(readFileSync(path));
      const tune = readTuneSource(bytes);
      if (tune.format === 'RSID' && tune.basic) {
        expect(() => createPlayer(bytes)).toThrow(NeedsBasicRomError);
        return;
      }
      const player = createPlayer(bytes);
      expect(player.render(pcm)).toBe(pcm.length);
      expect(player.position).toBeCloseTo(pcm.length / 44_100, 9);
      expect(pcm.every((v) => Number.isInteger(v))).toBe(true);
    });
  }
}

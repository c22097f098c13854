/**
 * The combined-waveform table entries are filled in when a voice first selects
 * a waveform that reads them (on the register write, not in the cycle loop),
 * and a chip that switches model fills in the new model's entries.
 */
import { describe, expect, it } from 'vitest';
import {
  computePulldownMaps,
  needsCombinedWaveforms,
  sharedWaveformTables,
} from '../src/sid/combined-waveforms.js';
import { newChip, render, sampleRegister } from './sid-test-support.js';

/** Voice 3 control register and OSC3. */
const V3_CONTROL = 14 + 4;
const OSC3 = 0x1b;

describe('combined-waveform tables filled on first use', () => {
  it('which waveforms need them: combined ones and noise with a pulled-down selector', () => {
    const needing = Array.from({ length: 16 }, (_, w) => w).filter(needsCombinedWaveforms);
    expect(needing).toEqual([3, 5, 6, 7, 11, 12, 13, 14, 15]);
  });

  it('plain waveforms leave them out; the first combined one fills them, exactly', () => {
    const tables = sharedWaveformTables('6581');
    const sid = newChip('6581');
    for (const control of [0x11, 0x21, 0x41, 0x81, 0x91, 0xa1]) {
      sid.write(V3_CONTROL, control);
      render(sid, 1000);
    }
    expect(tables.combinedReady).toBe(false);
    expect(tables.output[(6 << 12) | 0xfff]).toBe(0);

    sid.write(14 + 0, 0x00);
    sid.write(14 + 1, 0x10);
    sid.write(V3_CONTROL, 0x61);
    expect(tables.combinedReady).toBe(true);
    const maps = computePulldownMaps('6581');
    // Pulse+saw uses the third map (see combined-waveforms.ts), read at the saw value.
    for (let index = 0; index < 4096; index += 17) {
      expect(tables.output[(6 << 12) | index]).toBe(maps[2][index]);
      expect(tables.pulldown[(3 << 12) | index]).toBe(maps[0][index]);
    }
    // OSC3 follows the combined output's top 8 bits.
    const values = sampleRegister(sid, OSC3, 4000);
    expect(values.some((v) => v !== 0)).toBe(true);
  });

  it('a model switch fills in the new model for a combined waveform already selected', () => {
    const tables8580 = sharedWaveformTables('8580');
    expect(tables8580.combinedReady).toBe(false);
    const sid = newChip('6581');
    sid.write(V3_CONTROL, 0x31);
    expect(tables8580.combinedReady).toBe(false);
    sid.setModel('8580');
    expect(tables8580.combinedReady).toBe(true);
  });
});

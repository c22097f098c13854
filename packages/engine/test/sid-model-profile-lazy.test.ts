/**
 * A model profile's waveform DAC and plain waveform tables are filled in when a
 * voice first outputs something other than DAC input 0 (so a new player does not
 * wait for them), and then hold exactly the tables built all at once.
 */
import { describe, expect, it } from 'vitest';
import { buildCentredSidDac, centredSidDacEntry } from '../src/sid/sid-dac.js';
import { sidModelProfile } from '../src/sid/sid-model-profile.js';
import { newChip, render } from './sid-test-support.js';

/** Voice 1 control register. */
const V1_CONTROL = 4;

function bytesOf(table: Float32Array): Buffer {
  return Buffer.from(table.buffer, table.byteOffset, table.byteLength);
}

describe('centred DAC entries without the table', () => {
  for (const [model, zeroAt] of [
    ['6581', 0x380],
    ['8580', 0x800],
  ] as const) {
    it(`${model}: every entry equals the table's, bit for bit`, () => {
      const table = buildCentredSidDac(12, model, zeroAt, 2048);
      const entries = new Float32Array(4096);
      for (let input = 0; input < 4096; input++) {
        entries[input] = centredSidDacEntry(12, model, zeroAt, 2048, input);
      }
      expect(bytesOf(entries)).toEqual(bytesOf(table));
    });
  }
});

describe('profile tables filled on first use', () => {
  it('a silent chip leaves them unfilled; the first waveform fills them exactly', () => {
    const profile = sidModelProfile('6581');
    const full = buildCentredSidDac(12, '6581', 0x380, 2048);
    const sid = newChip('6581');
    sid.write(V1_CONTROL, 0x00);
    sid.write(0x18, 0x0f);
    render(sid, 2000);
    expect(profile.waveforms.plainReady).toBe(false);
    expect(profile.waveDac[0]).toBe(full[0]);
    expect(profile.waveDac[0xfff]).toBe(0);

    sid.write(V1_CONTROL, 0x21);
    expect(profile.waveforms.plainReady).toBe(true);
    expect(bytesOf(profile.waveDac)).toEqual(bytesOf(full));
    // Saw: the selector output is the accumulator's top 12 bits.
    for (let index = 0; index < 4096; index += 97) {
      expect(profile.waveforms.output[(2 << 12) | index]).toBe(index);
    }
    expect(profile.waveforms.combinedReady).toBe(false);
  });

  it('a model switch fills the new model for a voice holding a floating output', () => {
    const profile8580 = sidModelProfile('8580');
    const sid = newChip('6581');
    sid.write(0x00, 0x00);
    sid.write(0x01, 0x40);
    sid.write(V1_CONTROL, 0x21);
    render(sid, 3000);
    // Waveform 0: the DAC keeps the last saw value, which is not 0.
    sid.write(V1_CONTROL, 0x00);
    expect(profile8580.waveforms.plainReady).toBe(false);
    sid.setModel('8580');
    expect(profile8580.waveforms.plainReady).toBe(true);
    expect(bytesOf(profile8580.waveDac)).toEqual(
      bytesOf(buildCentredSidDac(12, '8580', 0x800, 2048)),
    );
  });
});

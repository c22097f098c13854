import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSidFile, type SidFile, songSpeed } from '../../packages/core/src/sid-file/index.js';
import { buildTune } from '../player/index.js';
import { ALL_SONGS } from '../songs/index.js';

const SID_DIRECTORY = join(import.meta.dirname, '..', 'sid');
const PAL_CLOCK_HZ = 985_248;
const TRIANGLE = 0x10;
const SAWTOOTH = 0x20;
const PULSE = 0x40;
const NOISE = 0x80;
const SYNC = 0x02;
const RING = 0x04;

/** One instrument as read back from the committed binary's instrument tables. */
interface InstrumentBytes {
  ad: number;
  sr: number;
  wave: number;
  attackWave: number;
  pwmSpeed: number;
  filtered: boolean;
  digi: number;
}

/** What one subtune of a committed tune actually plays, decoded from its memory image. */
interface SubtuneFacts {
  tune: string;
  sid: SidFile;
  subtune: number;
  /** Per voice: instruments that play at least one note on it. */
  voiceInstruments: InstrumentBytes[][];
  filterMode: number;
  resonance: number;
  cutMin: number;
  cutMax: number;
  cutSpeed: number;
  digi: boolean;
  /** The 4-bit samples this tune's image holds. */
  samples: number[][];
  /** The whole C64 image. */
  image: Uint8Array;
}

// Reads a committed .sid and walks its tracks through the player's tables; the symbol
// addresses come from a fresh build, which the build test proves byte-identical.
function decodeTune(fileName: string): SubtuneFacts[] {
  const song = ALL_SONGS.find((s) => s.fileName === fileName)!;
  const symbols = buildTune(song).program.symbols;
  const sid = parseSidFile(new Uint8Array(readFileSync(join(SID_DIRECTORY, `${fileName}.sid`))));
  const memory = new Uint8Array(0x10000);
  memory.set(sid.data, sid.loadAddress);
  const at = (label: string, index = 0): number => memory[symbols.get(label)! + index];
  const instrumentCount = symbols.get('instSR')! - symbols.get('instAD')!;
  const instruments = Array.from({ length: instrumentCount }, (_, i) => ({
    ad: at('instAD', i),
    sr: at('instSR', i),
    wave: at('instWave', i),
    attackWave: at('instAttackWave', i),
    pwmSpeed: at('instPwmSpeed', i),
    filtered: at('instFilter', i) !== 0,
    digi: at('instDigi', i),
  }));
  const sampleCount = symbols.get('sampleStartHi')! - symbols.get('sampleStartLo')!;
  const samples: number[][] = [];
  for (let i = 1; i < sampleCount; i++) {
    const start = at('sampleStartLo', i) | (at('sampleStartHi', i) << 8);
    const end = at('sampleEndLo', i) | (at('sampleEndHi', i) << 8);
    samples.push(Array.from(memory.subarray(start, end)));
  }
  return Array.from({ length: sid.songs }, (_, subtune) => {
    const voiceInstruments = [0, 1, 2].map((voice) => {
      let address =
        at('songTrackLo', subtune * 3 + voice) | (at('songTrackHi', subtune * 3 + voice) << 8);
      let current = -1;
      const used = new Set<number>();
      for (let byte = memory[address]; byte !== 0xff; byte = memory[address]) {
        if (byte >= 0x80) {
          current = byte - 0x80;
          address++;
        } else {
          if (byte < 0x60) used.add(current);
          address += 2;
        }
      }
      return [...used].map((index) => instruments[index]);
    });
    return {
      tune: fileName,
      sid,
      subtune,
      voiceInstruments,
      filterMode: at('songFilterMode', subtune),
      resonance: at('songResonance', subtune) >> 4,
      cutMin: at('songCutMin', subtune),
      cutMax: at('songCutMax', subtune),
      cutSpeed: at('songCutSpeed', subtune),
      digi: at('songDigi', subtune) !== 0,
      samples,
      image: sid.data,
    };
  });
}

/** Whether `bytes` contains `pattern` anywhere. */
function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  return Buffer.from(bytes).indexOf(Buffer.from(pattern)) >= 0;
}

describe('the demo tunes jointly exercise every SID feature', () => {
  let subtunes: SubtuneFacts[] = [];
  let used: InstrumentBytes[] = [];
  beforeAll(() => {
    subtunes = ALL_SONGS.flatMap((song) => decodeTune(song.fileName));
    used = subtunes.flatMap((s) => s.voiceInstruments.flat());
  });
  const waves = (it: InstrumentBytes): number => it.wave | it.attackWave;

  it('plays SID notes on all three voices in every subtune', () => {
    expect(subtunes.length).toBeGreaterThanOrEqual(4);
    for (const subtune of subtunes) {
      for (const voice of subtune.voiceInstruments) {
        expect(voice.some((it) => it.digi === 0 && (it.wave & 0xf0) !== 0)).toBe(true);
      }
    }
  });

  it('uses triangle, sawtooth, pulse and noise, and a combined waveform', () => {
    for (const wave of [TRIANGLE, SAWTOOTH, PULSE, NOISE]) {
      expect(used.some((it) => (waves(it) & wave) !== 0)).toBe(true);
    }
    const combined = used.filter(
      (it) => [TRIANGLE, SAWTOOTH, PULSE, NOISE].filter((w) => it.wave & w).length >= 2,
    );
    expect(combined.length).toBeGreaterThanOrEqual(2);
  });

  it('sweeps a pulse width (PWM)', () => {
    expect(used.some((it) => (it.wave & PULSE) !== 0 && it.pwmSpeed > 0)).toBe(true);
  });

  it('sweeps the filter cutoff in low-, band- and high-pass modes with resonance', () => {
    const sweeping = subtunes.filter(
      (s) => s.cutSpeed > 0 && s.cutMax > s.cutMin && s.resonance > 0,
    );
    const modes = new Set(sweeping.map((s) => s.filterMode));
    expect(modes).toEqual(new Set([0x10, 0x20, 0x40]));
    for (const subtune of sweeping) {
      expect(subtune.voiceInstruments.flat().some((it) => it.filtered)).toBe(true);
    }
  });

  it('hard-syncs voice 1 to a sounding voice 3', () => {
    const synced = subtunes.filter((s) => s.voiceInstruments[0].some((it) => it.wave & SYNC));
    expect(synced.length).toBeGreaterThan(0);
    for (const subtune of synced) expect(subtune.voiceInstruments[2].length).toBeGreaterThan(0);
  });

  it('ring-modulates a triangle', () => {
    expect(used.some((it) => (it.wave & RING) !== 0 && (it.wave & TRIANGLE) !== 0)).toBe(true);
  });

  it('has plucked, pad and percussive noise-drum envelopes', () => {
    const attack = (it: InstrumentBytes) => it.ad >> 4;
    const decay = (it: InstrumentBytes) => it.ad & 15;
    const sustain = (it: InstrumentBytes) => it.sr >> 4;
    const plucked = used.filter(
      (it) => attack(it) === 0 && decay(it) >= 6 && sustain(it) <= 4 && !(waves(it) & NOISE),
    );
    const pads = used.filter((it) => attack(it) >= 8 && sustain(it) >= 8);
    const drums = used.filter((it) => waves(it) & NOISE && attack(it) === 0 && sustain(it) === 0);
    expect(plucked.length).toBeGreaterThan(0);
    expect(pads.length).toBeGreaterThan(0);
    expect(drums.length).toBeGreaterThanOrEqual(2);
  });

  it('plays 4-bit samples through $D418 from a CIA-timed play routine at several kHz', () => {
    const digi = subtunes.filter((s) => s.digi);
    expect(digi.length).toBeGreaterThan(0);
    for (const subtune of digi) {
      expect(songSpeed(subtune.sid, subtune.subtune + 1)).toBe('cia');
      expect(subtune.voiceInstruments.flat().some((it) => it.digi > 0)).toBe(true);
      expect(subtune.samples.length).toBeGreaterThanOrEqual(2);
      for (const sample of subtune.samples) {
        expect(sample.length).toBeGreaterThan(200);
        expect(Math.max(...sample)).toBeLessThanOrEqual(15);
        expect(new Set(sample).size).toBeGreaterThanOrEqual(8);
      }
      const image = subtune.image;
      expect(contains(image, [0x8d, 0x18, 0xd4])).toBe(true); // STA $D418
      // LDA #lo / STA $DC04 / LDA #hi / STA $DC05: the CIA1 timer A latch init writes.
      const offset = Buffer.from(image).indexOf(Buffer.from([0x8d, 0x04, 0xdc]));
      expect(offset).toBeGreaterThan(1);
      expect(image[offset - 2]).toBe(0xa9);
      expect(Array.from(image.subarray(offset + 3, offset + 5))).toEqual([0xa9, image[offset + 4]]);
      expect(Array.from(image.subarray(offset + 5, offset + 8))).toEqual([0x8d, 0x05, 0xdc]);
      const latch = image[offset - 1] | (image[offset + 4] << 8);
      const rate = PAL_CLOCK_HZ / latch;
      expect(rate).toBeGreaterThan(2_000);
      expect(rate).toBeLessThan(8_000);
    }
  });
});

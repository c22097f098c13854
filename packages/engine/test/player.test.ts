import { describe, expect, it } from 'vitest';
import { createPlayer, InvalidOptionError, InvalidTuneError } from '../src/index.js';
import { buildTestTune, countingTune, toneTune } from './support/machine-tunes.js';

describe('createPlayer / SidPlayer', () => {
  it('renders Int16 and Float32 audio that is not silent', () => {
    const player = createPlayer(toneTune());
    const pcm = new Int16Array(22_050);
    expect(player.render(pcm)).toBe(22_050);
    expect(pcm.some((v) => Math.abs(v) > 1000)).toBe(true);
    const f = new Float32Array(4410);
    expect(player.render(f)).toBe(4410);
    expect(f.some((v) => Math.abs(v) > 0.03)).toBe(true);
    expect(player.position).toBeCloseTo(26_460 / 44_100, 9);
  });

  it('is deterministic and independent of how render calls are split', () => {
    const whole = new Int16Array(30_000);
    createPlayer(toneTune()).render(whole);
    const again = new Int16Array(30_000);
    createPlayer(toneTune()).render(again);
    expect(again).toEqual(whole);
    const split = new Int16Array(30_000);
    const p = createPlayer(toneTune());
    let at = 0;
    for (const n of [1, 7, 333, 4096, 10_000, 15_563]) {
      p.render(split.subarray(at, at + n));
      at += n;
    }
    expect(split).toEqual(whole);
  });

  it('interleaves stereo frames and honours the frames argument', () => {
    const player = createPlayer(toneTune(), { channels: 2, sampleRate: 48_000 });
    const pcm = new Int16Array(2000);
    expect(player.render(pcm, 600)).toBe(600);
    for (let i = 0; i < 1200; i += 2) expect(pcm[i]).toBe(pcm[i + 1]);
    expect(pcm.subarray(1200).every((v) => v === 0)).toBe(true);
  });

  it('places two SIDs hard left and right', () => {
    const code = [
      0xa9, 0x0f, 0x8d, 0x38, 0xd4, 0xa9, 0x00, 0x8d, 0x25, 0xd4, 0xa9, 0xf0, 0x8d, 0x26, 0xd4,
      0xa9, 0x21, 0x8d, 0x24, 0xd4, 0xa9, 0x30, 0x8d, 0x21, 0xd4, 0x60, 0x60,
    ];
    const bytes = buildTestTune({
      version: 3,
      loadAddress: 0x1000,
      initAddress: 0x1000,
      playAddress: 0x101a,
      secondSid: 0x42,
      code,
    });
    const player = createPlayer(bytes, { channels: 2 });
    expect(player.sidCount).toBe(2);
    const pcm = new Int16Array(20_000);
    player.render(pcm);
    let left = 0;
    let right = 0;
    // Sample-to-sample change: the tone, not the slow DC settling of the board's 1.6 Hz high-pass.
    for (let i = 10_000; i < 20_000; i += 2) {
      left += Math.abs(pcm[i] - pcm[i - 2]);
      right += Math.abs(pcm[i + 1] - pcm[i - 1]);
    }
    expect(right).toBeGreaterThan(left * 4);
  });

  it('reports the last written registers and observes writes with cycles', () => {
    const player = createPlayer(countingTune());
    const cycles: number[] = [];
    const stop = player.onWrite((cycle, sid, register) => {
      if (register === 2 && sid === 0) cycles.push(cycle);
    });
    player.render(new Int16Array(44_100));
    stop();
    player.render(new Int16Array(4410));
    expect(cycles.length).toBeGreaterThanOrEqual(49);
    expect(cycles.length).toBeLessThanOrEqual(51);
    // VBI: one play call per PAL frame of 63 × 312 cycles.
    expect(cycles[2] - cycles[1]).toBe(19_656);
    const regs = player.registers(0);
    expect(regs.length).toBe(25);
    expect(regs[0x18]).toBe(0x0f);
    expect(regs[0x02]).toBeGreaterThan(cycles.length - 2);
  });

  it('mutes voices', () => {
    const loud = new Int16Array(10_000);
    createPlayer(toneTune()).render(loud);
    const player = createPlayer(toneTune());
    player.mute(0, true);
    const quiet = new Int16Array(10_000);
    player.render(quiet);
    // Sample-to-sample change: the tone, not the slow DC settling of the board's 1.6 Hz high-pass.
    const energy = (a: Int16Array) => {
      let sum = 0;
      for (let i = 5001; i < a.length; i++) sum += Math.abs(a[i] - a[i - 1]);
      return sum;
    };
    expect(energy(quiet)).toBeLessThan(energy(loud) / 4);
  });

  it('validates options with typed errors', () => {
    expect(() => createPlayer(toneTune(), { sampleRate: 1000 })).toThrow(InvalidOptionError);
    expect(() => createPlayer(toneTune(), { song: 2 })).toThrow(InvalidOptionError);
    expect(() => createPlayer(toneTune(), { channels: 3 as 2 })).toThrow(InvalidOptionError);
    expect(() => createPlayer(toneTune(), { roms: { kernal: new Uint8Array(10) } })).toThrow(
      InvalidOptionError,
    );
    expect(() => createPlayer(new Uint8Array(200))).toThrow(InvalidTuneError);
    const player = createPlayer(toneTune());
    expect(() => player.registers(1)).toThrow(InvalidOptionError);
    expect(() => player.seek(-1)).toThrow(InvalidOptionError);
  });

  it('hands supplied ROMs to the caller validator', () => {
    const seen: string[] = [];
    const kernal = new Uint8Array(0x2000);
    createPlayer(toneTune(), {
      roms: { kernal },
      romValidator: (kind, bytes) => seen.push(`${kind}:${bytes.length}`),
    });
    expect(seen).toEqual(['kernal:8192']);
    expect(() =>
      createPlayer(toneTune(), {
        roms: { kernal },
        romValidator: () => {
          throw new Error('unknown ROM');
        },
      }),
    ).toThrow('unknown ROM');
  });

  it('chooses models and clock from the header unless forced', () => {
    const tune = countingTune(); // flags $14: PAL, 6581
    expect(createPlayer(tune).sidModels).toEqual(['6581']);
    expect(createPlayer(tune, { chip: '8580' }).chipModel).toBe('8580');
    expect(createPlayer(tune).video).toBe('PAL');
    expect(createPlayer(tune, { clock: 'NTSC' }).video).toBe('NTSC');
  });

  it('renders nothing after dispose and never throws from render', () => {
    const player = createPlayer(toneTune());
    expect(player.render(new Int16Array(10), -5)).toBe(0);
    player.dispose();
    expect(player.render(new Int16Array(100))).toBe(0);
  });

  it('keeps running a jammed CPU and records the jam', () => {
    const bytes = buildTestTune({
      loadAddress: 0x1000,
      initAddress: 0x1000,
      playAddress: 0x1000,
      code: [0xa9, 0x0f, 0x8d, 0x18, 0xd4, 0x02],
    });
    const player = createPlayer(bytes);
    expect(player.render(new Int16Array(44_100))).toBe(44_100);
    expect(player.problems.map((p) => p.code)).toContain('ENGINE_CPU_JAMMED');
  });

  it('bounds an init that never returns and records the timeout', () => {
    const bytes = buildTestTune({
      loadAddress: 0x1000,
      initAddress: 0x1000,
      playAddress: 0x1000,
      code: [0x4c, 0x00, 0x10],
    });
    const player = createPlayer(bytes);
    for (let i = 0; i < 3; i++) player.render(new Int16Array(44_100));
    expect(player.initDone).toBe(false);
    expect(player.problems.map((p) => p.code)).toContain('ENGINE_INIT_TIMEOUT');
  });
});

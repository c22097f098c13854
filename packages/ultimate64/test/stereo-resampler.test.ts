import { describe, expect, it } from 'vitest';
import { StereoResampler } from '../src/index.js';

function tone(rate: number, hz: number, frames: number, amp = 20000, phase = 0): Int16Array {
  const out = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    out[2 * i] = Math.round(amp * Math.sin((2 * Math.PI * hz * i) / rate + phase));
    out[2 * i + 1] = Math.round(amp * Math.cos((2 * Math.PI * hz * i) / rate + phase));
  }
  return out;
}

function run(r: StereoResampler, input: Int16Array, chunk: number): Int16Array {
  const frames = input.length / 2;
  const out = new Int16Array(r.maxOutput(frames) * 2 + 16);
  let written = 0;
  for (let at = 0; at < frames; at += chunk) {
    written += r.process(input, at, Math.min(chunk, frames - at), out, written);
  }
  written += r.finish(out, written);
  return out.subarray(0, written * 2);
}

function rms(x: Int16Array, from: number, to: number, channel: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[2 * i + channel] ** 2;
  return Math.sqrt(s / (to - from));
}

describe('StereoResampler', () => {
  it('turns a 1 kHz tone at 47,983 Hz into the same tone at 44,100 Hz, time-aligned', () => {
    const input = tone(47_983, 1000, 47_983);
    const out = run(new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }), input, 192);
    expect(out.length / 2).toBe(Math.floor((47_982 * 44_100) / 47_983) + 1);
    const expected = tone(44_100, 1000, out.length / 2);
    let err = 0;
    let ref = 0;
    for (let i = 2000; i < out.length - 2000; i++) {
      err += (out[i] - expected[i]) ** 2;
      ref += expected[i] ** 2;
    }
    expect(10 * Math.log10(err / ref)).toBeLessThan(-60);
  });

  it('interpolates coefficients for a small table, close to the fine table', () => {
    const input = tone(47_983, 5000, 20_000);
    const fine = run(new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }), input, 192);
    const small = run(
      new StereoResampler({ inputRate: 47_983, outputRate: 44_100, phases: 256 }),
      input,
      192,
    );
    let worst = 0;
    for (let i = 0; i < fine.length; i++) worst = Math.max(worst, Math.abs(fine[i] - small[i]));
    expect(worst).toBeLessThanOrEqual(8);
  });

  it('gives the same samples however the input is split', () => {
    const input = tone(47_983, 3000, 20_000);
    const a = run(new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }), input, 192);
    const b = run(new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }), input, 7000);
    expect(b.length).toBe(a.length);
    expect(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(
        Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      ),
    ).toBe(true);
  });

  it('keeps a constant constant and passes 18 kHz nearly untouched', () => {
    const dc = new Int16Array(20_000).fill(1234);
    const out = run(new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }), dc, 512);
    expect(out.subarray(200, out.length - 200).every((v) => v === 1234)).toBe(true);
    const hf = run(
      new StereoResampler({ inputRate: 47_983, outputRate: 44_100 }),
      tone(47_983, 18_000, 20_000, 10_000),
      512,
    );
    const level = rms(hf, 500, hf.length / 2 - 500, 0) / (10_000 / Math.SQRT2);
    expect(Math.abs(20 * Math.log10(level))).toBeLessThan(0.2);
  });

  it('is band-limited: a tone above the new Nyquist is removed, not folded', () => {
    const r = new StereoResampler({ inputRate: 47_983, outputRate: 22_050 });
    const out = run(r, tone(47_983, 15_000, 40_000, 20_000), 1000);
    const level = rms(out, 500, out.length / 2 - 500, 0) / (20_000 / Math.SQRT2);
    expect(20 * Math.log10(level)).toBeLessThan(-70);
  });
});

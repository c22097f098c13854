import { LoudnessMeter } from '../loudness/loudness-meter.js';
import { WavWriter } from '../wav/wav-writer.js';

/** A WAV file being written with its loudness measured on the way. */
export class MeasuredWavSink {
  private constructor(
    /** The WAV writer. */
    readonly writer: WavWriter,
    /** The meter. */
    readonly meter: LoudnessMeter,
  ) {}

  /** Opens `path` for `channels` of audio at `sampleRate`. */
  static async create(path: string, sampleRate: number, channels: 1 | 2): Promise<MeasuredWavSink> {
    return new MeasuredWavSink(
      await WavWriter.create(path, sampleRate, channels),
      new LoudnessMeter(sampleRate, channels),
    );
  }

  /** Measures and appends samples (whole frames). */
  async write(samples: Int16Array): Promise<void> {
    this.meter.push(samples);
    await this.writer.write(samples);
  }
}

/**
 * Writes a PCM buffer held in memory (e.g. an Ultimate 64 capture) to a WAV
 * file in slices, measuring loudness on the way.
 */
export async function writeMeasuredWav(
  path: string,
  pcm: Int16Array,
  sampleRate: number,
  channels: 1 | 2,
): Promise<MeasuredWavSink> {
  const sink = await MeasuredWavSink.create(path, sampleRate, channels);
  const slice = 65_536 * channels;
  try {
    for (let at = 0; at < pcm.length; at += slice) {
      await sink.write(pcm.subarray(at, Math.min(pcm.length, at + slice)));
    }
    await sink.writer.close();
  } catch (error) {
    await sink.writer.abandon();
    throw error;
  }
  return sink;
}

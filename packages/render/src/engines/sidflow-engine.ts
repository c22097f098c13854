import { SidflowError } from '@sidflow/core';
import { createPlayer, readTuneSource, type SidPlayer } from '@sidflow/engine';
import { throwIfAborted } from '../errors/abort.js';
import { RenderError } from '../errors/render-error.js';
import type { EngineJob, EngineOutput, EngineStem } from './engine-job.js';
import { MeasuredWavSink } from './pcm-sink.js';

/** Frames per render call: about 93 ms at 44.1 kHz, small enough to abort promptly. */
const CHUNK_FRAMES = 4096;

/**
 * Renders with SIDFlow's own emulator. Stems: for each voice of each SID
 * chip a separate player runs in lock-step with the main one, with every
 * other voice muted; the engine is deterministic, so each stem is exactly
 * that voice as it sounds in the full render (through the filter), and the
 * stems come out of the same pass as the mix. This costs one extra
 * emulation per voice but needs no change inside the engine.
 */
export async function renderWithSidflowEngine(job: EngineJob): Promise<EngineOutput> {
  const open = (channels: 1 | 2) => {
    try {
      return createPlayer(job.bytes, {
        song: job.song,
        sampleRate: job.sampleRate,
        chip: job.chip,
        channels,
      });
    } catch (error) {
      if (!(error instanceof SidflowError)) throw error;
      throw new RenderError(
        'RENDER_ENGINE_FAILED',
        `the SIDFlow engine cannot play this tune: ${error.message} [${error.code}]`,
        { cause: error },
      );
    }
  };
  // Multi-SID tunes are placed left/right (and centre), so they render in stereo; one SID is mono.
  const channels: 1 | 2 = readTuneSource(job.bytes).secondSidAddress === null ? 1 : 2;
  const main = open(channels);
  const voices: { player: SidPlayer; stem: EngineStem; sink: MeasuredWavSink }[] = [];
  const sinks: MeasuredWavSink[] = [];
  try {
    const mainSink = await MeasuredWavSink.create(job.wavPath, job.sampleRate, channels);
    sinks.push(mainSink);
    if (job.stemPaths) {
      for (let sid = 0; sid < main.sidCount; sid++) {
        for (let voice = 0; voice < 3; voice++) {
          const player = open(channels);
          for (let s = 0; s < main.sidCount; s++) {
            for (let v = 0; v < 3; v++) player.mute(v as 0 | 1 | 2, s !== sid || v !== voice, s);
          }
          const wavPath = job.stemPaths(sid, voice);
          const sink = await MeasuredWavSink.create(wavPath, job.sampleRate, channels);
          sinks.push(sink);
          voices.push({ player, stem: { sid, voice, wavPath }, sink });
        }
      }
    }
    const total = Math.round(job.seconds * job.sampleRate);
    const buffer = new Int16Array(CHUNK_FRAMES * channels);
    const stemBuffer = new Int16Array(CHUNK_FRAMES * channels);
    let done = 0;
    while (done < total) {
      throwIfAborted(job.signal, 'rendering');
      const frames = Math.min(CHUNK_FRAMES, total - done);
      main.render(buffer, frames);
      await mainSink.write(buffer.subarray(0, frames * channels));
      for (const v of voices) {
        v.player.render(stemBuffer, frames);
        await v.sink.write(stemBuffer.subarray(0, frames * channels));
      }
      done += frames;
      job.onProgress?.(done / job.sampleRate);
    }
    for (const sink of sinks) await sink.writer.close();
    return {
      channels,
      sampleRate: job.sampleRate,
      frames: total,
      loudness: mainSink.meter.result(),
      stems: voices.map((v) => v.stem),
    };
  } catch (error) {
    for (const sink of sinks) await sink.writer.abandon();
    throw error;
  } finally {
    main.dispose();
    for (const v of voices) v.player.dispose();
  }
}

/** Length of a volume change, in seconds: long enough not to click, short enough to feel instant. */
export const GAIN_RAMP_SECONDS = 0.02;

/**
 * Scales interleaved PCM by a volume that moves linearly, frame by frame, to
 * each new target over {@link GAIN_RAMP_SECONDS}, so a volume change never
 * steps the waveform (a step is heard as a click). Works in place and
 * allocates nothing, so it can sit in a render loop.
 */
export class GainRamp {
  private current = 1;
  private target = 1;
  private step = 0;
  private readonly rampFrames: number;

  /** @param sampleRate - frames per second of the audio it will scale */
  constructor(sampleRate: number) {
    this.rampFrames = Math.max(1, Math.round(sampleRate * GAIN_RAMP_SECONDS));
  }

  /** The gain the next frame gets. */
  get gain(): number {
    return this.current;
  }

  /**
   * Sets the target volume (0–1). `immediate` jumps there, for when no audio
   * flows (before play, while stopped), so playback starts at the right level.
   */
  set(volume: number, immediate = false): void {
    this.target = volume;
    if (immediate) {
      this.current = volume;
      this.step = 0;
    } else {
      this.step = (volume - this.current) / this.rampFrames;
    }
  }

  /** Scales the first `frames` frames of `samples` (`channels` interleaved) in place. */
  apply(samples: Int16Array | Float32Array, frames: number, channels: number): void {
    if (this.step === 0 && this.current === 1) return;
    const int = samples instanceof Int16Array;
    let g = this.current;
    for (let f = 0, i = 0; f < frames; f++) {
      if (this.step !== 0) {
        g += this.step;
        if ((this.step > 0 && g >= this.target) || (this.step < 0 && g <= this.target)) {
          g = this.target;
          this.step = 0;
        }
      }
      for (let c = 0; c < channels; c++, i++) {
        samples[i] = int ? Math.round(samples[i] * g) : samples[i] * g;
      }
    }
    this.current = g;
  }
}

/** SID control-register waveform and modulation bits (register 4 of a voice, without the gate). */
export const WAVEFORM = {
  /** Syncs this voice's oscillator to the previous voice (voice 1 to voice 3). */
  sync: 0x02,
  /** Ring-modulates this voice's triangle with the previous voice. */
  ring: 0x04,
  /** Triangle wave. */
  triangle: 0x10,
  /** Sawtooth wave. */
  sawtooth: 0x20,
  /** Pulse wave (width from registers 2-3). */
  pulse: 0x40,
  /** Noise. */
  noise: 0x80,
} as const;

/** One instrument of a song: the sound a voice makes while it plays notes. */
export interface Instrument {
  /** Attack rate, 0-15 (2 ms to 8 s). */
  readonly attack: number;
  /** Decay rate, 0-15 (6 ms to 24 s). */
  readonly decay: number;
  /** Sustain level, 0-15. */
  readonly sustain: number;
  /** Release rate, 0-15 (6 ms to 24 s). */
  readonly release: number;
  /** Control bits while the note sounds ({@link WAVEFORM} values OR-ed; several waves = combined). */
  readonly waveform: number;
  /** Control bits of the first frame only (e.g. a noise click in front of a drum), if different. */
  readonly attackWaveform?: number;
  /** Initial pulse width in steps of 256 (0-15 of the 12-bit register). */
  readonly pulseWidth?: number;
  /** Pulse width change per frame (0-255); the width bounces between $200 and $E00 (PWM). */
  readonly pwmSpeed?: number;
  /** Whether the voice is routed through the filter while it uses this instrument. */
  readonly filtered?: boolean;
  /** Signed change of the 16-bit frequency register per frame (pitch slides, sync sweeps). */
  readonly slide?: number;
  /** Semitones added to every note (-48..48). */
  readonly transpose?: number;
  /** Semitone offsets of a three-step per-frame arpeggio: root, +first, +second. */
  readonly arpeggio?: readonly [number, number];
  /** Name of a digi sample to play through $D418 instead of using the SID voice. */
  readonly digiSample?: string;
}

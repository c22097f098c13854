import { SidflowError } from '@sidflow/core';
import type { StateReader } from '../state/state-reader.js';
import type { StateWriter } from '../state/state-writer.js';
import {
  ENVELOPE_RATE_COUNTER_MODULUS,
  ENVELOPE_RATE_PERIODS,
  exponentialPeriodAt,
} from './envelope-rates.js';
import { externalFilterFactors } from './external-filter.js';
import { type SidModelProfile, sidModelProfile } from './sid-model-profile.js';
import type { SidModel } from './sid-types.js';

/** Options of {@link SidChip}. */
export interface SidChipOptions {
  /** Chip revision to emulate. */
  model: SidModel;
  /** Clock rate in Hz (the C64's CPU clock: 985,248 PAL, 1,022,727 NTSC). */
  clockHz: number;
}

/** Envelope generator states. */
const ATTACK = 0;
const DECAY_SUSTAIN = 1;
const RELEASE = 2;

/** Value of the POTX/POTY registers with no paddles attached. */
const POT_IDLE = 0xff;

/** Initial (and reset) content of the 23-bit noise shift register. */
const SHIFT_REGISTER_RESET = 0x7fffff;

/** Envelope counter at power-up (reSIDfp's, read back through ENV3 under libsidplayfp 2.4). */
const ENVELOPE_POWER_ON = 0xaa;

/**
 * Cycles after a gate write during which a rate-counter match still steps the
 * envelope in its old state (fitted to ENV3 read back under libsidplayfp 2.4).
 */
const STATE_CHANGE_DELAY = 3;

/** Cycles in one lap of the envelope rate counter (a 15-bit LFSR). */
const RATE_LAP = ENVELOPE_RATE_COUNTER_MODULUS;

/**
 * Cycles from rate count `count` until it next equals `period`: a period at or
 * below the count is reached only after the counter laps (the ADSR delay bug).
 */
function cyclesToRateMatch(period: number, count: number): number {
  return period > count ? period - count : RATE_LAP - count + period;
}

/**
 * Power-up state of the oscillators, fitted to libsidplayfp 2.4's reSIDfp: the
 * accumulator's even bits come up high (0x555555) and the noise register one
 * shift past all ones (reset holds the register's input high, so the shift that
 * ends it feeds in bit17 ^ 1 = 0). With both, a noise voice set up right after power-on
 * produces reSIDfp's exact bit sequence at any frequency (1.000 waveform
 * correlation at three rates, was a 2–8 step offset), and so do the drums of a
 * tune whose register writes match; the phase of every oscillator matches too.
 */
const ACCUMULATOR_POWER_ON = 0x555555;
const SHIFT_REGISTER_POWER_ON = 0x7ffffe;

/** Fraction of the 6581 saturation level below which the filter's integrator input stays linear. */
const SATURATION_KNEE = 0.6;

/**
 * Cycles between checks that flush decayed filter states to exactly 0. Decaying
 * doubles would otherwise end up subnormal, which is very slow on x86; the
 * fastest stage (the 16 kHz output low-pass) needs > 6,000 cycles to fall from
 * {@link FLUSH_LEVEL} to the subnormal range, so checking every 1,024 cycles is enough.
 * The checks run on a fixed cycle grid, so splitting clock() calls never changes the output.
 */
const FLUSH_INTERVAL = 1024;
/** Level below which a filter state counts as silence (far below a 24-bit sample's LSB). */
const FLUSH_LEVEL = 1e-20;
/**
 * Output level below which the board high-pass counts as settled on a DC input (100 times
 * below a 24-bit sample's LSB; its state stalls about 1e-12 short of a 0.1 input).
 */
const STALL_LEVEL = 1e-9;

/** Shifts after which the noise register repeats (a maximal-length 23-bit LFSR: 2^23 − 1). */
const NOISE_PERIOD = 0x7fffff;
/** Indices into the level estimate's doubles ({@link SidChip}'s `level`). */
const LEVEL_SUM = 0;
const LEVEL_WEIGHT = 1;
const LEVEL_DECAY = 2;
/** Version tag of the state layout written by {@link SidChip.saveState}. */
const STATE_VERSION = 1;

function checkModel(model: string): SidModel {
  if (model !== '6581' && model !== '8580') {
    throw new SidflowError('SID_BAD_MODEL', `unknown SID model "${model}" (expected 6581 or 8580)`);
  }
  return model;
}

/**
 * Cycle-by-cycle emulation of a MOS 6581 or 8580 SID: three voices (24-bit
 * phase accumulators, triangle/saw/pulse/noise and their combinations, hard
 * sync, ring modulation, ADSR envelopes with the real rate counter), the
 * multimode filter (non-linear for the 6581, linear for the 8580), the master
 * volume with the 6581's DC offset (so $D418 "digis" play), and the C64 board's
 * output RC filters.
 *
 * Output scale: one sample per clock cycle, `(direct voices + filter output)
 * × volume gain / 3 × output gain` (volume gain 1 at volume 15, see mix-stage.ts,
 * which also bends the sum slightly), where a voice at envelope 255 swings about
 * ±1 around its DC level. So before the output gain one voice at full envelope
 * and volume 15 spans about 2/3 peak to peak and three voices in phase reach
 * about ±1.0; the output gain (about 0.24 on the 6581, 0.16 on the 8580) brings
 * that to reSIDfp's level. The external 1.6 Hz high-pass removes the DC with a
 * 0.1 s time constant.
 */
export class SidChip {
  private profile: SidModelProfile;
  private readonly clockHz: number;
  private readonly externalLowPassFactor: number;
  private readonly externalHighPassFactor: number;

  /** Last value written to each register (write-only registers are kept for state and readback). */
  private readonly registers = new Uint8Array(32);

  // Oscillator state per voice.
  private readonly accumulator = new Int32Array(3);
  private readonly frequency = new Int32Array(3);
  private readonly pulseWidth = new Int32Array(3);
  private readonly waveform = new Int32Array(3);
  private readonly testBit = new Int32Array(3);
  private readonly syncBit = new Int32Array(3);
  private readonly ringMask = new Int32Array(3);
  private readonly noPulseMask = new Int32Array(3);
  private readonly sawMsbPull = new Int32Array(3);
  private readonly pulseLevel = new Int32Array(3);
  private readonly shiftRegister = new Int32Array(3);
  private readonly shiftPipeline = new Int32Array(3);
  private readonly shiftRegisterResetTtl = new Int32Array(3);
  private readonly noiseOutput = new Int32Array(3);
  private readonly waveformOutput = new Int32Array(3);
  private readonly floatingOutputTtl = new Int32Array(3);

  // Envelope state per voice.
  private readonly gate = new Int32Array(3);
  private readonly rateCounter = new Int32Array(3);
  private readonly ratePeriod = new Int32Array(3);
  private readonly envelopeState = new Int32Array(3);
  private readonly envelopeCounter = new Int32Array(3);
  private readonly exponentialCounter = new Int32Array(3);
  private readonly exponentialPeriod = new Int32Array(3);
  private readonly holdZero = new Int32Array(3);
  private readonly attack = new Int32Array(3);
  private readonly decay = new Int32Array(3);
  private readonly sustain = new Int32Array(3);
  private readonly release = new Int32Array(3);
  private readonly muted = new Int32Array(3);
  /**
   * 1 while a voice's envelope steps cannot change its level (sustaining, or held at 0):
   * the cycle loop then skips its rate-counter matches and only accounts for them in bulk.
   */
  private readonly envelopeIdle = new Int32Array(3);
  /** Envelope DAC output × mute gain, cached per voice so the cycle loop needs no look-up. */
  private readonly envelopeAmplitude = new Float64Array(3);

  // Filter and mixer.
  private filterCutoff = 0;
  private resonance = 0;
  private filterRouting = 0;
  private modeVolume = 0;
  /** Filter and output integrators: band-pass, low-pass, external low-pass, external high-pass. */
  private readonly analog = new Float64Array(4);
  /** Per voice: gain into the filter (0–2) and straight into the mixer (3–5). */
  private readonly routeGain = new Float64Array(6);
  /**
   * Coefficients derived from the filter/volume registers: integrator gain per cycle, 1/Q,
   * low/band/high-pass output gains, volume gain, mix-stage curvature. (Kept in a typed array so every field
   * stays an unboxed double.)
   */
  private readonly coefficients = new Float64Array(7);

  /** Cycles until the next flush of decayed filter states (see {@link FLUSH_INTERVAL}). */
  private flushCountdown = FLUSH_INTERVAL;
  /** Cycles passed to {@link SidChip.advance} and not yet run. */
  private deferredCycles = 0;
  /** How many of {@link SidChip.deferredCycles} the data bus's decay has already run (see {@link SidChip.read}). */
  private busDeferredRun = 0;
  /** Cycles between level samples while estimating, 0 when not (see {@link SidChip.startLevelEstimate}). */
  private levelInterval = 0;
  /** Cycles before the next level sample, its place within its interval, and the generator placing them. */
  private levelCountdown = 0;
  private levelOffset = 0;
  private levelRandom = 1;
  /**
   * The estimate's doubles, in a typed array rather than fields: a field that starts as a small
   * integer and later holds a fraction changes the chip's V8 shape on the process's first seek,
   * which deoptimises every compiled SID and bus function. [LEVEL_SUM] and [LEVEL_WEIGHT]:
   * exponentially weighted sum of the level samples and of their weights; [LEVEL_DECAY]: weight
   * decay per sample, the high-pass capacitor's over one interval.
   */
  private readonly level = new Float64Array(3);
  /** Output of the synthesised cycles of the estimate (grown to the longest run). */
  private levelSamples = new Float32Array(1);

  // Data bus.
  private busValue = 0;
  private busValueTtl = 0;

  /**
   * @param options - chip revision and clock rate
   * @throws SidflowError `SID_BAD_MODEL` for an unknown model, `SID_BAD_CLOCK` for a non-positive clock
   */
  constructor(options: SidChipOptions) {
    if (!(options.clockHz > 0) || !Number.isFinite(options.clockHz)) {
      throw new SidflowError(
        'SID_BAD_CLOCK',
        `SID clock must be a positive number of Hz, got ${options.clockHz}`,
      );
    }
    this.profile = sidModelProfile(checkModel(options.model));
    this.clockHz = options.clockHz;
    const factors = externalFilterFactors(options.clockHz);
    this.externalLowPassFactor = factors.lowPass;
    this.externalHighPassFactor = factors.highPass;
    this.reset();
  }

  /** The emulated chip revision. */
  get model(): SidModel {
    return this.profile.model;
  }

  /** Powers the chip up: all registers 0, voices silent, oscillators at their power-up state, filters at rest. */
  reset(): void {
    this.deferredCycles = 0;
    this.busDeferredRun = 0;
    this.levelInterval = 0;
    this.registers.fill(0);
    for (const array of [
      this.frequency,
      this.pulseWidth,
      this.waveform,
      this.testBit,
      this.syncBit,
      this.ringMask,
      this.sawMsbPull,
      this.pulseLevel,
      this.shiftPipeline,
      this.shiftRegisterResetTtl,
      this.waveformOutput,
      this.floatingOutputTtl,
      this.gate,
      this.rateCounter,
      this.exponentialCounter,
      this.envelopeCounter,
      this.attack,
      this.decay,
      this.sustain,
      this.release,
    ]) {
      array.fill(0);
    }
    this.accumulator.fill(ACCUMULATOR_POWER_ON);
    this.noPulseMask.fill(0xfff);
    this.shiftRegister.fill(SHIFT_REGISTER_POWER_ON);
    this.envelopeState.fill(RELEASE);
    this.ratePeriod.fill(ENVELOPE_RATE_PERIODS[0]);
    this.exponentialPeriod.fill(1);
    // reSIDfp powers the envelope counters up at $AA in release (rate 0), so they fall
    // to 0 over the first ~3 ms; ENV3 reads and voices' DC offsets show it.
    this.envelopeCounter.fill(ENVELOPE_POWER_ON);
    this.holdZero.fill(0);
    for (let v = 0; v < 3; v++) {
      this.updateNoiseOutput(v);
      this.updateEnvelopeIdle(v);
    }
    this.filterCutoff = 0;
    this.resonance = 0;
    this.filterRouting = 0;
    this.modeVolume = 0;
    this.analog.fill(0);
    this.flushCountdown = FLUSH_INTERVAL;
    this.busValue = 0;
    this.busValueTtl = 0;
    this.updateDerived();
  }

  /**
   * Switches the emulated revision, keeping register and voice state.
   *
   * @param model - chip revision
   * @throws SidflowError `SID_BAD_MODEL` for an unknown model
   */
  setModel(model: SidModel): void {
    this.catchUpDeferred();
    this.profile = sidModelProfile(checkModel(model));
    for (let v = 0; v < 3; v++) this.updateWaveformDerived(v);
    this.updateDerived();
  }

  /**
   * Mutes or unmutes one voice's waveform in the mix (for solo/visualisers).
   * The voice keeps running (sync, ring modulation, OSC3/ENV3) and keeps its
   * DC contribution, so $D418 digis are unaffected.
   *
   * @param voice - voice index 0–2
   * @param muted - true to silence the voice
   */
  muteVoice(voice: 0 | 1 | 2, muted: boolean): void {
    this.catchUpDeferred();
    this.muted[voice] = muted ? 1 : 0;
    this.updateEnvelopeAmplitude(voice);
  }

  /**
   * Writes a register; the caller has clocked the chip up to the write's cycle.
   *
   * @param register - register index 0x00–0x1F (mirrors already folded)
   * @param value - byte written
   */
  write(register: number, value: number): void {
    register &= 0x1f;
    value &= 0xff;
    const unchanged = this.registers[register] === value;
    // Filter and volume writes leave the deferred state's evolution unchanged (see advance),
    // but the bus value they refresh must first decay over the cycles before them. So do
    // voice-register writes of the value the register already holds (most of a fast player's
    // writes: it rewrites every register every call): such a write leaves every voice field as
    // it is (each is a function of the registers and the running state), so the deferred run
    // need not be split there, and a state-only run catches up in fewer, longer pieces.
    if (register < 0x15 && !unchanged) {
      this.catchUpDeferred();
    } else {
      this.runBusDecay(this.deferredCycles - this.busDeferredRun);
      this.busDeferredRun = this.deferredCycles;
    }
    this.registers[register] = value;
    this.busValue = value;
    this.busValueTtl = this.profile.busValueTtl;
    if (register < 0x15) {
      if (unchanged) return;
      const voice = (register / 7) | 0;
      switch (register - voice * 7) {
        case 0:
          this.frequency[voice] = (this.frequency[voice] & 0xff00) | value;
          break;
        case 1:
          this.frequency[voice] = (this.frequency[voice] & 0xff) | (value << 8);
          break;
        case 2:
          this.pulseWidth[voice] = (this.pulseWidth[voice] & 0xf00) | value;
          break;
        case 3:
          this.pulseWidth[voice] = (this.pulseWidth[voice] & 0xff) | ((value & 0x0f) << 8);
          break;
        case 4:
          this.writeControl(voice, value);
          break;
        case 5:
          this.attack[voice] = value >> 4;
          this.decay[voice] = value & 0x0f;
          if (this.envelopeState[voice] === ATTACK) {
            this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.attack[voice]];
          } else if (this.envelopeState[voice] === DECAY_SUSTAIN) {
            this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.decay[voice]];
          }
          this.updateEnvelopeIdle(voice);
          break;
        default:
          this.sustain[voice] = value >> 4;
          this.release[voice] = value & 0x0f;
          if (this.envelopeState[voice] === RELEASE) {
            this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.release[voice]];
          }
          this.updateEnvelopeIdle(voice);
          break;
      }
      return;
    }
    // The filter and volume coefficients are functions of these registers: a rewrite of the held
    // value (a player refreshing $D416/$D417 every call) leaves them as they are.
    if (unchanged) return;
    switch (register) {
      case 0x15:
        this.filterCutoff = (this.filterCutoff & 0x7f8) | (value & 0x07);
        break;
      case 0x16:
        this.filterCutoff = (this.filterCutoff & 0x007) | (value << 3);
        break;
      case 0x17:
        this.resonance = value >> 4;
        this.filterRouting = value & 0x0f;
        break;
      case 0x18:
        this.modeVolume = value;
        break;
      default:
        return;
    }
    this.updateDerived();
  }

  /**
   * Reads a register: POTX/POTY ($19/$1A) read 0xFF (no paddles), OSC3 ($1B)
   * the top 8 bits of voice 3's waveform, ENV3 ($1C) voice 3's envelope; the
   * write-only registers return the last value seen on the data bus, which
   * decays to 0 after a while (each such read halves the time left).
   *
   * @param register - register index 0x00–0x1F
   */
  read(register: number): number {
    register &= 0x1f;
    if (register !== 0x1b && register !== 0x1c) {
      // Only the data bus's decay shows here: run just that over the deferred cycles (it is a
      // countdown, so running it in parts equals running it at once) and leave the voices deferred.
      this.runBusDecay(this.deferredCycles - this.busDeferredRun);
      this.busDeferredRun = this.deferredCycles;
    } else {
      this.catchUpDeferred();
    }
    let value: number;
    switch (register) {
      case 0x19:
      case 0x1a:
        value = POT_IDLE;
        break;
      case 0x1b:
        value = this.waveformOutput[2] >> 4;
        break;
      case 0x1c:
        value = this.envelopeCounter[2];
        break;
      default:
        // Reading a write-only register gives the floating bus, and the read
        // itself discharges it faster: reSIDfp halves the remaining lifetime.
        this.busValueTtl >>= 1;
        return this.busValue;
    }
    this.busValue = value;
    this.busValueTtl = this.profile.busValueTtl;
    return value;
  }

  /**
   * Runs the chip for `cycles` clock cycles, writing one output sample per
   * cycle to `out[offset]`…`out[offset + cycles - 1]` (scale: see the class
   * description).
   *
   * @param cycles - number of cycles to run (≥ 0)
   * @param out - destination buffer
   * @param offset - index of the first sample written
   */
  clock(cycles: number, out: Float32Array, offset: number): void {
    if (cycles <= 0) return;
    this.catchUpDeferred();
    if (this.busValueTtl > 0) {
      this.busValueTtl -= cycles;
      if (this.busValueTtl <= 0) {
        this.busValueTtl = 0;
        this.busValue = 0;
      }
    }
    const {
      accumulator,
      frequency,
      pulseWidth,
      waveform,
      testBit,
      ringMask,
      noPulseMask,
      sawMsbPull,
      pulseLevel,
      shiftPipeline,
      shiftRegisterResetTtl,
      waveformOutput,
      floatingOutputTtl,
      rateCounter,
      ratePeriod,
      envelopeAmplitude,
      envelopeIdle,
      routeGain,
    } = this;
    const profile = this.profile;
    const waveOutput = profile.waveforms.output;
    const waveDac = profile.waveDac;
    const voiceDc = profile.voiceDc;
    const floatingFade = profile.floatingOutputFade;
    const syncA = this.syncBit[0];
    const syncB = this.syncBit[1];
    const syncC = this.syncBit[2];
    const anySync = syncA | syncB | syncC;
    const filterA = routeGain[0];
    const filterB = routeGain[1];
    const filterC = routeGain[2];
    const directA = routeGain[3];
    const directB = routeGain[4];
    const directC = routeGain[5];
    // The voices' DC offsets do not depend on the waveform, so they enter the sums once.
    const filterDc = voiceDc * (filterA + filterB + filterC);
    const directDc = voiceDc * (directA + directB + directC);
    const coefficients = this.coefficients;
    const w = coefficients[0];
    const inverseQ = coefficients[1];
    const saturation = profile.saturationLevel;
    // Linear up to the knee, then compressed smoothly (slope-continuous) towards the saturation level.
    const knee = saturation * SATURATION_KNEE;
    const headroom = saturation - knee;
    const inverseHeadroom = saturation > 0 ? 1 / headroom : 0;
    // The 6581's integrators open up with level, more so at low cutoffs (see filter-6581.ts).
    const wOpen = (2 * Math.PI * profile.filterOpeningHz) / this.clockHz;
    const openRatio = w > 0 ? wOpen / w : 0;
    const opening = profile.filterOpening * openRatio * openRatio;
    const openingMax = profile.filterOpeningMax;
    const lowPassGain = coefficients[2];
    const bandPassGain = coefficients[3];
    const highPassGain = coefficients[4];
    const volume = coefficients[5];
    const mixCurve = coefficients[6];
    const outputBias = profile.outputBias;
    const extLowFactor = this.externalLowPassFactor;
    const extHighFactor = this.externalHighPassFactor;
    const analog = this.analog;
    let bandPass = analog[0];
    let lowPass = analog[1];
    let extLow = analog[2];
    let extHigh = analog[3];
    let flushCountdown = this.flushCountdown;
    let accA = accumulator[0];
    const freqA = frequency[0];
    const pwA = testBit[0] !== 0 ? 0 : pulseWidth[0];
    const wfA = waveform[0];
    const baseA = (wfA & 7) << 12;
    const testA = testBit[0];
    const ringA = ringMask[0];
    const noPulseA = noPulseMask[0];
    const sawPullA = sawMsbPull[0];
    let pulseA = pulseLevel[0];
    let pipeA = shiftPipeline[0];
    let srTtlA = shiftRegisterResetTtl[0];
    let woA = waveformOutput[0];
    let floatA = floatingOutputTtl[0];
    let rcA = rateCounter[0];
    let rpA = ratePeriod[0];
    let envA = envelopeAmplitude[0];
    let msbA = 0;
    let idleA = envelopeIdle[0];
    const keepA = wfA === 0 || wfA >= 8 || sawPullA !== 0 ? 1 : 0;
    let accB = accumulator[1];
    const freqB = frequency[1];
    const pwB = testBit[1] !== 0 ? 0 : pulseWidth[1];
    const wfB = waveform[1];
    const baseB = (wfB & 7) << 12;
    const testB = testBit[1];
    const ringB = ringMask[1];
    const noPulseB = noPulseMask[1];
    const sawPullB = sawMsbPull[1];
    let pulseB = pulseLevel[1];
    let pipeB = shiftPipeline[1];
    let srTtlB = shiftRegisterResetTtl[1];
    let woB = waveformOutput[1];
    let floatB = floatingOutputTtl[1];
    let rcB = rateCounter[1];
    let rpB = ratePeriod[1];
    let envB = envelopeAmplitude[1];
    let msbB = 0;
    let idleB = envelopeIdle[1];
    const keepB = wfB === 0 || wfB >= 8 || sawPullB !== 0 ? 1 : 0;
    let accC = accumulator[2];
    const freqC = frequency[2];
    const pwC = testBit[2] !== 0 ? 0 : pulseWidth[2];
    const wfC = waveform[2];
    const baseC = (wfC & 7) << 12;
    const testC = testBit[2];
    const ringC = ringMask[2];
    const noPulseC = noPulseMask[2];
    const sawPullC = sawMsbPull[2];
    let pulseC = pulseLevel[2];
    let pipeC = shiftPipeline[2];
    let srTtlC = shiftRegisterResetTtl[2];
    let woC = waveformOutput[2];
    let floatC = floatingOutputTtl[2];
    let rcC = rateCounter[2];
    let rpC = ratePeriod[2];
    let envC = envelopeAmplitude[2];
    let msbC = 0;
    let idleC = envelopeIdle[2];
    const keepC: number = 1; // OSC3 reads voice 3 at any time.
    // With no waveform selected (and no floating DAC input fading) a voice's output only
    // changes with its envelope, i.e. between segments. See `holdFrom` below.
    const noWaveforms = wfA === 0 && wfB === 0 && wfC === 0;
    let heldMixed = 0;
    const end = offset + cycles;
    let i = offset;
    while (i < end) {
      // Run up to the next envelope step of any voice, so the inner loop has no envelope work.
      let segment = end - i;
      const untilA = idleA !== 0 ? segment : cyclesToRateMatch(rpA, rcA);
      const untilB = idleB !== 0 ? segment : cyclesToRateMatch(rpB, rcB);
      const untilC = idleC !== 0 ? segment : cyclesToRateMatch(rpC, rcC);
      if (untilA < segment) segment = untilA;
      if (untilB < segment) segment = untilB;
      if (untilC < segment) segment = untilC;
      if (flushCountdown < segment) segment = flushCountdown;
      const segmentEnd = i + segment;
      // Silent voices, none routed to the filter and the filter at rest (+0 states and so a +0
      // input: they stay +0): every cycle of the segment mixes the same value, so after the
      // first one only the oscillators and the board's RC filters run. Bit-identical, and far
      // less work for a machine's first cycles (drivers and init routines set no waveform yet).
      const quiet =
        noWaveforms &&
        floatA === 0 &&
        floatB === 0 &&
        floatC === 0 &&
        Object.is(filterA, 0) &&
        Object.is(filterB, 0) &&
        Object.is(filterC, 0) &&
        Object.is(bandPass, 0) &&
        Object.is(lowPass, 0);
      const holdFrom = quiet ? i + 1 : segmentEnd;
      for (; i < segmentEnd; i++) {
        if (testA === 0) {
          const previous = accA;
          accA = (accA + freqA) & 0xffffff;
          const risen = ~previous & accA;
          msbA = risen & 0x800000;
          // The noise register shifts two cycles after accumulator bit 19 rises.
          if ((risen & 0x80000) !== 0) pipeA = 2;
          else if (pipeA !== 0 && --pipeA === 0) this.clockShiftRegister(0);
        } else {
          msbA = 0;
          if (srTtlA !== 0 && --srTtlA === 0) srTtlA = this.fadeShiftRegister(0);
        }
        if (testB === 0) {
          const previous = accB;
          accB = (accB + freqB) & 0xffffff;
          const risen = ~previous & accB;
          msbB = risen & 0x800000;
          // The noise register shifts two cycles after accumulator bit 19 rises.
          if ((risen & 0x80000) !== 0) pipeB = 2;
          else if (pipeB !== 0 && --pipeB === 0) this.clockShiftRegister(1);
        } else {
          msbB = 0;
          if (srTtlB !== 0 && --srTtlB === 0) srTtlB = this.fadeShiftRegister(1);
        }
        if (testC === 0) {
          const previous = accC;
          accC = (accC + freqC) & 0xffffff;
          const risen = ~previous & accC;
          msbC = risen & 0x800000;
          // The noise register shifts two cycles after accumulator bit 19 rises.
          if ((risen & 0x80000) !== 0) pipeC = 2;
          else if (pipeC !== 0 && --pipeC === 0) this.clockShiftRegister(2);
        } else {
          msbC = 0;
          if (srTtlC !== 0 && --srTtlC === 0) srTtlC = this.fadeShiftRegister(2);
        }
        if (anySync !== 0) {
          // A voice's MSB rising resets the voice it syncs, unless that reset is itself being synced away.
          if (msbA !== 0 && syncB !== 0 && !(syncA !== 0 && msbC !== 0)) accB = 0;
          if (msbB !== 0 && syncC !== 0 && !(syncB !== 0 && msbA !== 0)) accC = 0;
          if (msbC !== 0 && syncA !== 0 && !(syncC !== 0 && msbB !== 0)) accA = 0;
        }
        if (i >= holdFrom) {
          extLow += extLowFactor * (heldMixed - extLow);
          extHigh += extHighFactor * (extLow - extHigh);
          out[i] = extLow - extHigh;
          continue;
        }
        // A silent voice's waveform is not needed (except voice 3's, for OSC3) unless it changes state.
        let outA = 0;
        if (envA !== 0 || keepA !== 0) {
          if (wfA !== 0) {
            const index = (accA ^ (accC & ringA)) >>> 12;
            if (wfA < 8) woA = waveOutput[baseA | index] & (noPulseA | pulseA);
            else woA = this.noiseWaveform(0, index, noPulseA | pulseA, pipeA);
            if (sawPullA !== 0) accA &= (woA << 12) | 0x7fffff;
          } else if (floatA !== 0 && --floatA === 0) {
            // Waveform 0: the DAC input floats and its bits leak away one by one.
            woA &= woA >>> 1;
            if (woA !== 0) floatA = floatingFade;
          }
          outA = waveDac[woA] * envA;
        }
        // The pulse comparator (acc >= pw, branch-free) feeds the next cycle; pw is 0 under the
        // test bit, forcing it high. Only pulse waveforms use it (writeControl primes it on a switch).
        if (noPulseA === 0) pulseA = ((pwA - 1 - (accA >>> 12)) >> 31) & 0xfff;
        // A silent voice's waveform is not needed (except voice 3's, for OSC3) unless it changes state.
        let outB = 0;
        if (envB !== 0 || keepB !== 0) {
          if (wfB !== 0) {
            const index = (accB ^ (accA & ringB)) >>> 12;
            if (wfB < 8) woB = waveOutput[baseB | index] & (noPulseB | pulseB);
            else woB = this.noiseWaveform(1, index, noPulseB | pulseB, pipeB);
            if (sawPullB !== 0) accB &= (woB << 12) | 0x7fffff;
          } else if (floatB !== 0 && --floatB === 0) {
            // Waveform 0: the DAC input floats and its bits leak away one by one.
            woB &= woB >>> 1;
            if (woB !== 0) floatB = floatingFade;
          }
          outB = waveDac[woB] * envB;
        }
        // The pulse comparator (acc >= pw, branch-free) feeds the next cycle; pw is 0 under the
        // test bit, forcing it high. Only pulse waveforms use it (writeControl primes it on a switch).
        if (noPulseB === 0) pulseB = ((pwB - 1 - (accB >>> 12)) >> 31) & 0xfff;
        // A silent voice's waveform is not needed (except voice 3's, for OSC3) unless it changes state.
        let outC = 0;
        if (envC !== 0 || keepC !== 0) {
          if (wfC !== 0) {
            const index = (accC ^ (accB & ringC)) >>> 12;
            if (wfC < 8) woC = waveOutput[baseC | index] & (noPulseC | pulseC);
            else woC = this.noiseWaveform(2, index, noPulseC | pulseC, pipeC);
            if (sawPullC !== 0) accC &= (woC << 12) | 0x7fffff;
          } else if (floatC !== 0 && --floatC === 0) {
            // Waveform 0: the DAC input floats and its bits leak away one by one.
            woC &= woC >>> 1;
            if (woC !== 0) floatC = floatingFade;
          }
          outC = waveDac[woC] * envC;
        }
        // The pulse comparator (acc >= pw, branch-free) feeds the next cycle; pw is 0 under the
        // test bit, forcing it high. Only pulse waveforms use it (writeControl primes it on a switch).
        if (noPulseC === 0) pulseC = ((pwC - 1 - (accC >>> 12)) >> 31) & 0xfff;
        const filterInput = outA * filterA + outB * filterB + outC * filterC + filterDc;
        const direct = outA * directA + outB * directB + outC * directC + directDc;
        const highPass = filterInput - lowPass - inverseQ * bandPass;
        if (saturation === 0) {
          bandPass += w * highPass;
          lowPass += w * bandPass;
        } else {
          // Soft clip of the first integrator's input, which carries the resonance feedback: the 6581 op-amps saturate.
          let drive = highPass;
          if (drive > knee) {
            const t = (drive - knee) * inverseHeadroom;
            drive = knee + headroom * (t / (1 + t));
          } else if (drive < -knee) {
            const t = (-drive - knee) * inverseHeadroom;
            drive = -knee - headroom * (t / (1 + t));
          }
          const g1 = 1 + opening * drive * drive;
          bandPass += w * drive * Math.min(g1, openingMax);
          const g2 = 1 + opening * bandPass * bandPass;
          lowPass += w * bandPass * Math.min(g2, openingMax);
        }
        // Mixer and volume op-amps bend the sum quadratically (see mix-stage.ts).
        const mixerIn =
          direct + lowPass * lowPassGain + bandPass * bandPassGain + highPass * highPassGain;
        const mixed = mixerIn * (volume + mixCurve * mixerIn) + outputBias;
        extLow += extLowFactor * (mixed - extLow);
        extHigh += extHighFactor * (extLow - extHigh);
        out[i] = extLow - extHigh;
        heldMixed = mixed;
      }
      flushCountdown -= segment;
      if (flushCountdown === 0) {
        flushCountdown = FLUSH_INTERVAL;
        if (Math.abs(bandPass) < FLUSH_LEVEL) bandPass = 0;
        if (Math.abs(lowPass) < FLUSH_LEVEL) lowPass = 0;
        if (Math.abs(extLow) < FLUSH_LEVEL) extLow = 0;
        if (Math.abs(extHigh) < FLUSH_LEVEL) extHigh = 0;
        // A DC level (the 8580's output bias) keeps both states away from 0 and the high-pass
        // state stalls a rounding step short of its input: close the gap, the output is their difference.
        if (Math.abs(extLow - extHigh) < STALL_LEVEL) extHigh = extLow;
      }
      // Voice A: envelope rate counter (15 bits, wraps: a period set below the count waits a full lap).
      if (idleA !== 0) {
        rcA = this.advanceIdleEnvelope(0, rcA, segment);
      } else {
        rcA += segment;
        if (rcA >= RATE_LAP) rcA -= RATE_LAP;
        if (rcA === rpA) {
          rcA = 0;
          this.stepEnvelope(0);
          rpA = ratePeriod[0];
          envA = envelopeAmplitude[0];
          idleA = envelopeIdle[0];
        }
      }
      // Voice B: envelope rate counter (15 bits, wraps: a period set below the count waits a full lap).
      if (idleB !== 0) {
        rcB = this.advanceIdleEnvelope(1, rcB, segment);
      } else {
        rcB += segment;
        if (rcB >= RATE_LAP) rcB -= RATE_LAP;
        if (rcB === rpB) {
          rcB = 0;
          this.stepEnvelope(1);
          rpB = ratePeriod[1];
          envB = envelopeAmplitude[1];
          idleB = envelopeIdle[1];
        }
      }
      // Voice C: envelope rate counter (15 bits, wraps: a period set below the count waits a full lap).
      if (idleC !== 0) {
        rcC = this.advanceIdleEnvelope(2, rcC, segment);
      } else {
        rcC += segment;
        if (rcC >= RATE_LAP) rcC -= RATE_LAP;
        if (rcC === rpC) {
          rcC = 0;
          this.stepEnvelope(2);
          rpC = ratePeriod[2];
          envC = envelopeAmplitude[2];
          idleC = envelopeIdle[2];
        }
      }
    }
    accumulator[0] = accA;
    pulseLevel[0] = pulseA;
    shiftPipeline[0] = pipeA;
    shiftRegisterResetTtl[0] = srTtlA;
    waveformOutput[0] = woA;
    floatingOutputTtl[0] = floatA;
    rateCounter[0] = rcA;
    accumulator[1] = accB;
    pulseLevel[1] = pulseB;
    shiftPipeline[1] = pipeB;
    shiftRegisterResetTtl[1] = srTtlB;
    waveformOutput[1] = woB;
    floatingOutputTtl[1] = floatB;
    rateCounter[1] = rcB;
    accumulator[2] = accC;
    pulseLevel[2] = pulseC;
    shiftPipeline[2] = pipeC;
    shiftRegisterResetTtl[2] = srTtlC;
    waveformOutput[2] = woC;
    floatingOutputTtl[2] = floatC;
    rateCounter[2] = rcC;
    analog[0] = bandPass;
    analog[1] = lowPass;
    analog[2] = extLow;
    analog[3] = extHigh;
    this.flushCountdown = flushCountdown;
  }

  /**
   * Runs the chip for `cycles` clock cycles without producing audio (seeking):
   * registers, accumulators, hard sync, the noise register and its pipeline,
   * the test-bit fade, the pulse comparator, the floating DAC input, the
   * envelope generators and the data bus end exactly as {@link SidChip.clock}
   * leaves them, as does the held waveform output (OSC3). The filter and the
   * board's RC filters do not run: call {@link SidChip.settleAnalog} before
   * synthesising again.
   *
   * Between the cycles where one voice can change another (a sync source's
   * MSB rising) the accumulators advance in closed form, the noise register
   * shifts once per bit-19 rise, and envelopes advance step by step. Only the
   * cases whose state depends on the waveform output every cycle (6581 saw
   * combinations pulling the accumulator MSB, combined noise writing back into
   * the noise register) run cycle by cycle, still without DAC or filter.
   *
   * The work is deferred until something depends on it (a write to a voice
   * register, a read, a snapshot, synthesis): writes to the filter and volume
   * registers ($D415–$D418, e.g. $D418 digis) do not touch this state, so runs
   * between them merge into one.
   *
   * @param cycles - number of cycles to run (≥ 0)
   */
  advance(cycles: number): void {
    if (cycles <= 0) return;
    if (this.levelInterval === 0) {
      this.deferredCycles += cycles;
      return;
    }
    if (this.filterAudible()) this.estimateSynthesising(cycles);
    else this.estimateSampling(cycles);
  }

  /** True when a voice sounds through the filter: its outputs' shape then matters to the level. */
  private filterAudible(): boolean {
    return (this.filterRouting & 7) !== 0 && (this.modeVolume & 0x70) !== 0;
  }

  /**
   * The level estimate without the filter: one real cycle of synthesis in every
   * levelInterval, at a pseudo-random place in it (stratified sampling: a fixed
   * spacing would alias waveforms whose period divides into it onto DC). The
   * voices and the mixer are exact on the sampled cycle; only the filter would
   * be wrong, stepping once per sample, hence {@link SidChip.estimateSynthesising}.
   */
  private estimateSampling(cycles: number): void {
    const level = this.level;
    const decay = level[LEVEL_DECAY];
    const weight = this.levelInterval;
    let left = cycles;
    while (left > 0) {
      const before = this.levelCountdown;
      if (left <= before) {
        this.deferredCycles += left;
        this.levelCountdown -= left;
        return;
      }
      this.deferredCycles += before;
      left -= before + 1;
      this.clock(1, this.levelSamples, 0);
      // The input of the board's high-pass (what its capacitor averages), for the interval.
      level[LEVEL_SUM] = level[LEVEL_SUM] * decay + weight * this.analog[2];
      level[LEVEL_WEIGHT] = level[LEVEL_WEIGHT] * decay + weight;
      this.nextLevelSample();
    }
  }

  /** Places the next level sample in the next interval. */
  private nextLevelSample(): void {
    // Kept as int32 (`| 0`, not `>>> 0`: the same bits, and no boxed double that changes the shape).
    this.levelRandom = (Math.imul(this.levelRandom, 1_103_515_245) + 12_345) | 0;
    const offset = (this.levelRandom >>> 16) % this.levelInterval;
    this.levelCountdown = this.levelInterval - 1 - this.levelOffset + offset;
    this.levelOffset = offset;
  }

  /**
   * The level estimate while the filter sounds: every cycle is synthesised (the
   * filter's output shape bends the mix), the high-pass input recovered from
   * the output and the capacitor's own recurrence. The sample grid keeps
   * counting, so the estimate does not depend on how the cycles are split.
   */
  private estimateSynthesising(cycles: number): void {
    if (this.levelSamples.length < cycles) this.levelSamples = new Float32Array(cycles);
    const out = this.levelSamples;
    const factor = this.externalHighPassFactor;
    const keep = 1 - factor;
    let capacitor = this.analog[3];
    this.clock(cycles, out, 0);
    const level = this.level;
    let sum = level[LEVEL_SUM];
    let weight = level[LEVEL_WEIGHT];
    for (let i = 0; i < cycles; i++) {
      // clock(): capacitor' = capacitor + factor·(input − capacitor), out = input − capacitor'.
      const input = (out[i] + keep * capacitor) / keep;
      capacitor += factor * (input - capacitor);
      sum = sum * keep + input;
      weight = weight * keep + 1;
    }
    level[LEVEL_SUM] = sum;
    level[LEVEL_WEIGHT] = weight;
    let left = cycles;
    while (left > this.levelCountdown) {
      left -= this.levelCountdown + 1;
      this.nextLevelSample();
    }
    this.levelCountdown -= left;
  }

  /**
   * Starts estimating the level the board's output high-pass capacitor holds
   * (its exponentially weighted average input, time constant 0.1 s), for a
   * seek that then synthesises only a short stretch before its target. While
   * estimating, {@link SidChip.advance} synthesises one cycle in every
   * `interval` (every cycle while a voice sounds through the filter) and
   * averages the output stage's input; the digital state stays exactly as
   * without it. The analog stages start from rest, so the estimate depends
   * only on the digital state here and the cycles that follow.
   *
   * @param interval - cycles per sample (≥ 1)
   */
  startLevelEstimate(interval: number): void {
    this.settleAnalog();
    this.levelInterval = Math.max(1, interval | 0);
    this.levelRandom = 1;
    this.levelOffset = 0;
    this.levelCountdown = 0;
    this.level[LEVEL_SUM] = 0;
    this.level[LEVEL_WEIGHT] = 0;
    this.level[LEVEL_DECAY] = (1 - this.externalHighPassFactor) ** this.levelInterval;
  }

  /**
   * Ends the estimate begun by {@link SidChip.startLevelEstimate}, charging
   * the output high-pass capacitor to the estimated level (normalised over the samples taken, i.e. as if
   * the time before the estimate had the same average), so synthesis can
   * resume with the output's DC offset that an uninterrupted run would have.
   */
  finishLevelEstimate(): void {
    const weight = this.level[LEVEL_WEIGHT];
    const level = weight > 0 ? this.level[LEVEL_SUM] / weight : Number.NaN;
    this.levelInterval = 0;
    this.level[LEVEL_SUM] = 0;
    this.level[LEVEL_WEIGHT] = 0;
    this.catchUpDeferred();
    // The filter and the board's low-pass keep the state the estimate left: synthesised
    // through while the filter sounds, so no transient from rest leaks into the capacitor.
    if (weight > 0) this.analog[3] = level;
    else this.settleAnalog();
  }

  /** Runs the cycles {@link SidChip.advance} deferred. */
  private catchUpDeferred(): void {
    const cycles = this.deferredCycles;
    if (cycles === 0) return;
    this.deferredCycles = 0;
    this.runBusDecay(cycles - this.busDeferredRun);
    this.busDeferredRun = 0;
    // The flush checks stay on their fixed cycle grid.
    // FLUSH_INTERVAL is a power of two: a mask is the modulo (two divisions were a few % of a seek).
    const flushPhase = this.flushCountdown - 1 - cycles;
    this.flushCountdown =
      ((flushPhase | 0) === flushPhase
        ? flushPhase & (FLUSH_INTERVAL - 1)
        : ((flushPhase % FLUSH_INTERVAL) + FLUSH_INTERVAL) % FLUSH_INTERVAL) + 1;
    const waveform = this.waveform;
    const testBit = this.testBit;
    const sawMsbPull = this.sawMsbPull;
    for (let v = 0; v < 3; v++) {
      if (sawMsbPull[v] !== 0 || (waveform[v] > 8 && testBit[v] === 0)) {
        this.advanceCycleByCycle(cycles);
        return;
      }
    }
    // The cycle loop computes a voice's output only while it is audible (voice 3 and
    // voices whose output has side effects always): the held output is the one of the
    // last such cycle, so note that cycle per voice.
    const audibleA = this.advanceEnvelopeState(0, cycles);
    const audibleB = this.advanceEnvelopeState(1, cycles);
    this.advanceEnvelopeState(2, cycles);
    this.advanceOscillators(
      cycles,
      this.keepsOutput(0) ? cycles : audibleA,
      this.keepsOutput(1) ? cycles : audibleB,
      cycles,
    );
  }

  /** The data bus's value decays: `cycles` of its lifetime pass. */
  private runBusDecay(cycles: number): void {
    if (this.busValueTtl > 0 && cycles > 0) {
      this.busValueTtl -= cycles;
      if (this.busValueTtl <= 0) {
        this.busValueTtl = 0;
        this.busValue = 0;
      }
    }
  }

  /**
   * Puts the filter and the board's RC filters at rest for the current
   * registers: the state a long stretch of silent voices (at their DC level)
   * would leave, so synthesis can restart after {@link SidChip.advance}
   * without a DC step.
   */
  settleAnalog(): void {
    this.catchUpDeferred();
    const voiceDc = this.profile.voiceDc;
    const routeGain = this.routeGain;
    const coefficients = this.coefficients;
    const filterDc = voiceDc * (routeGain[0] + routeGain[1] + routeGain[2]);
    const directDc = voiceDc * (routeGain[3] + routeGain[4] + routeGain[5]);
    // A DC input settles the state-variable filter with the low-pass equal to it and the band-pass at 0.
    const mixerIn = directDc + filterDc * coefficients[2];
    const mixed = mixerIn * (coefficients[5] + coefficients[6] * mixerIn) + this.profile.outputBias;
    const analog = this.analog;
    analog[0] = 0;
    analog[1] = filterDc;
    analog[2] = mixed;
    analog[3] = mixed;
  }

  /** True when {@link SidChip.clock} computes voice `v`'s output on every cycle, audible or not. */
  private keepsOutput(v: number): boolean {
    const wf = this.waveform[v];
    return v === 2 || wf === 0 || wf >= 8 || this.sawMsbPull[v] !== 0;
  }

  /**
   * Advances voice `v`'s envelope by `cycles`, step by step. Returns the last
   * cycle (1-based) on which the voice was audible (its envelope amplitude,
   * which includes the mute, nonzero), or 0 if none was.
   */
  private advanceEnvelopeState(v: number, cycles: number): number {
    let rc = this.rateCounter[v];
    let position = 0;
    let last = 0;
    for (;;) {
      const audible = this.envelopeAmplitude[v] !== 0;
      if (this.envelopeIdle[v] !== 0) {
        rc = this.advanceIdleEnvelope(v, rc, cycles - position);
        if (audible && position < cycles) last = cycles;
        break;
      }
      const until = cyclesToRateMatch(this.ratePeriod[v], rc);
      if (position + until > cycles) {
        // Below two laps (cycles - position < until ≤ RATE_LAP): a subtraction is the modulo.
        rc += cycles - position;
        if (rc >= RATE_LAP) rc -= RATE_LAP;
        if (audible && position < cycles) last = cycles;
        break;
      }
      // A step on cycle `position` changes the level from the next cycle on.
      position += until;
      rc = 0;
      if (audible) last = position;
      if (this.envelopeState[v] !== ATTACK) {
        // Outside attack most matches only tick the exponential divider up to its period:
        // this one and the further ones (every `ratePeriod` cycles) that fit before the
        // divider's level step are counted in one go.
        const ticks = this.exponentialPeriod[v] - 1 - this.exponentialCounter[v];
        if (ticks > 1) {
          const period = this.ratePeriod[v];
          let more = ((cycles - position) / period) | 0;
          if (more > ticks - 1) more = ticks - 1;
          this.exponentialCounter[v] += 1 + more;
          position += more * period;
          if (audible) last = position;
          continue;
        }
      }
      this.stepEnvelope(v);
    }
    this.rateCounter[v] = rc;
    return last;
  }

  /**
   * Advances the three oscillators by `cycles` (envelopes already advanced):
   * closed form up to each cycle where exact single-cycle treatment is needed
   * (a sync source's MSB rising, a voice's observation cycle, the last cycle).
   */
  private advanceOscillators(cycles: number, observeA: number, observeB: number, observeC: number) {
    const accumulator = this.accumulator;
    const frequency = this.frequency;
    const testBit = this.testBit;
    const syncBit = this.syncBit;
    const waveform = this.waveform;
    // Voices with waveform 0 fade their floating output every cycle, so they take part in every exact step.
    const floatingMask =
      (waveform[0] === 0 ? 1 : 0) | (waveform[1] === 0 ? 2 : 0) | (waveform[2] === 0 ? 4 : 0);
    let position = 0;
    while (position < cycles) {
      let next = cycles;
      if (observeA > position && observeA < next) next = observeA;
      if (observeB > position && observeB < next) next = observeB;
      if (observeC > position && observeC < next) next = observeC;
      for (let source = 0; source < 3; source++) {
        // Voice `source` resets the voice after it when that one has its sync bit set.
        if (syncBit[(source + 1) % 3] === 0 || testBit[source] !== 0) continue;
        const f = frequency[source];
        if (f === 0) continue;
        const a = accumulator[source];
        const bound = a < 0x800000 ? 0x800000 : 0x1800000;
        const at = position + Math.ceil((bound - a) / f);
        if (at < next) next = at;
      }
      if (next - 1 > position) this.advanceFree(next - 1 - position);
      const mask =
        floatingMask |
        (observeA === next ? 1 : 0) |
        (observeB === next ? 2 : 0) |
        (observeC === next ? 4 : 0);
      this.stepExact(mask);
      position = next;
    }
  }

  /**
   * Advances the oscillators by `cycles` in closed form. The caller guarantees
   * that no hard sync fires in those cycles and that no voice's output has
   * side effects (see {@link SidChip.advance}); outputs are not computed except
   * the floating DAC input of waveform-0 voices.
   */
  private advanceFree(cycles: number): void {
    const floatingFade = this.profile.floatingOutputFade;
    for (let v = 0; v < 3; v++) {
      if (this.testBit[v] !== 0) {
        // The accumulator is held at 0; ones leak into the noise register.
        let ttl = this.shiftRegisterResetTtl[v];
        let left = cycles;
        while (ttl !== 0) {
          if (left < ttl) {
            ttl -= left;
            break;
          }
          left -= ttl;
          ttl = this.fadeShiftRegister(v);
        }
        this.shiftRegisterResetTtl[v] = ttl;
      } else {
        const start = this.accumulator[v];
        const f = this.frequency[v];
        const total = start + cycles * f;
        // The noise register shifts two cycles after each rise of accumulator bit 19. Rises
        // are at least 8 cycles apart (f < 2^16), so a pending shift always completes first.
        let pipe = this.shiftPipeline[v];
        let shifted = false;
        if (pipe !== 0) {
          if (pipe <= cycles) {
            this.shiftNoise(v);
            shifted = true;
            pipe = 0;
          } else {
            pipe -= cycles;
          }
        }
        // No multiple of 2^19 crossed (most short runs): no rise, and no division to find one.
        if (f > 0 && (start & 0x7ffff) + cycles * f >= 0x80000) {
          // Bit 19 rises where the unwrapped accumulator reaches an odd multiple of 2^19: count
          // those in (start, total]. Each rise's shift completes two cycles later, so only the
          // last rise can still be in the pipeline at the end.
          let first = (start >>> 19) + 1;
          if ((first & 1) === 0) first++;
          let last = Math.floor(total / 0x80000);
          if ((last & 1) === 0) last--;
          if (last >= first) {
            let rises = (last - first) / 2 + 1;
            const at = Math.ceil((last * 0x80000 - start) / f);
            if (at + 2 > cycles) {
              pipe = 2 - (cycles - at);
              rises--;
            }
            if (rises > 0) {
              this.shiftNoiseTimes(v, rises);
              shifted = true;
            }
          }
        }
        this.shiftPipeline[v] = pipe;
        if (shifted) this.updateNoiseOutput(v);
        // The sum modulo 2^24 from its low 32 bits (no double modulo, however long the run).
        this.accumulator[v] = (start + Math.imul(cycles, f)) & 0xffffff;
      }
      if (this.noPulseMask[v] === 0) {
        const pw = this.testBit[v] !== 0 ? 0 : this.pulseWidth[v];
        this.pulseLevel[v] = ((pw - 1 - (this.accumulator[v] >>> 12)) >> 31) & 0xfff;
      }
      if (this.waveform[v] === 0) {
        let ttl = this.floatingOutputTtl[v];
        let output = this.waveformOutput[v];
        let left = cycles;
        while (ttl !== 0) {
          if (left < ttl) {
            ttl -= left;
            break;
          }
          left -= ttl;
          output &= output >>> 1;
          ttl = output !== 0 ? floatingFade : 0;
        }
        this.floatingOutputTtl[v] = ttl;
        this.waveformOutput[v] = output;
      }
    }
  }

  /**
   * One cycle of the oscillators exactly as {@link SidChip.clock} runs it,
   * computing the output (or the floating DAC fade) of the voices in `mask`
   * (bit v = voice v) and nothing audible.
   */
  private stepExact(mask: number): void {
    const accumulator = this.accumulator;
    const testBit = this.testBit;
    const pipeline = this.shiftPipeline;
    let msbA = 0;
    let msbB = 0;
    let msbC = 0;
    for (let v = 0; v < 3; v++) {
      let msb = 0;
      if (testBit[v] === 0) {
        const previous = accumulator[v];
        const acc = (previous + this.frequency[v]) & 0xffffff;
        accumulator[v] = acc;
        const risen = ~previous & acc;
        msb = risen & 0x800000;
        if ((risen & 0x80000) !== 0) pipeline[v] = 2;
        else if (pipeline[v] !== 0 && --pipeline[v] === 0) this.clockShiftRegister(v);
      } else {
        const ttl = this.shiftRegisterResetTtl;
        if (ttl[v] !== 0 && --ttl[v] === 0) ttl[v] = this.fadeShiftRegister(v);
      }
      if (v === 0) msbA = msb;
      else if (v === 1) msbB = msb;
      else msbC = msb;
    }
    const syncA = this.syncBit[0];
    const syncB = this.syncBit[1];
    const syncC = this.syncBit[2];
    if (msbA !== 0 && syncB !== 0 && !(syncA !== 0 && msbC !== 0)) accumulator[1] = 0;
    if (msbB !== 0 && syncC !== 0 && !(syncB !== 0 && msbA !== 0)) accumulator[2] = 0;
    if (msbC !== 0 && syncA !== 0 && !(syncC !== 0 && msbB !== 0)) accumulator[0] = 0;
    const waveOutput = this.profile.waveforms.output;
    for (let v = 0; v < 3; v++) {
      const noPulse = this.noPulseMask[v];
      if ((mask & (1 << v)) !== 0) {
        const wf = this.waveform[v];
        if (wf !== 0) {
          const index = (accumulator[v] ^ (accumulator[(v + 2) % 3] & this.ringMask[v])) >>> 12;
          const pulseMask = noPulse | this.pulseLevel[v];
          const output =
            wf < 8
              ? waveOutput[((wf & 7) << 12) | index] & pulseMask
              : this.noiseWaveform(v, index, pulseMask, pipeline[v]);
          this.waveformOutput[v] = output;
          if (this.sawMsbPull[v] !== 0) accumulator[v] &= (output << 12) | 0x7fffff;
        } else {
          const ttl = this.floatingOutputTtl;
          if (ttl[v] !== 0 && --ttl[v] === 0) {
            const output = this.waveformOutput[v] & (this.waveformOutput[v] >>> 1);
            this.waveformOutput[v] = output;
            if (output !== 0) ttl[v] = this.profile.floatingOutputFade;
          }
        }
      }
      if (noPulse === 0) {
        const pw = testBit[v] !== 0 ? 0 : this.pulseWidth[v];
        this.pulseLevel[v] = ((pw - 1 - (accumulator[v] >>> 12)) >> 31) & 0xfff;
      }
    }
  }

  /**
   * The state-only run for the cases whose state depends on every cycle's
   * output: cycle by cycle, split at envelope steps as {@link SidChip.clock} is.
   */
  private advanceCycleByCycle(cycles: number): void {
    const rateCounter = this.rateCounter;
    const keep = (this.keepsOutput(0) ? 1 : 0) | (this.keepsOutput(1) ? 2 : 0) | 4;
    let i = 0;
    while (i < cycles) {
      let segment = cycles - i;
      let mask = keep;
      for (let v = 0; v < 3; v++) {
        if (this.envelopeAmplitude[v] !== 0) mask |= 1 << v;
        if (this.envelopeIdle[v] !== 0) continue;
        const until = cyclesToRateMatch(this.ratePeriod[v], rateCounter[v]);
        if (until < segment) segment = until;
      }
      for (let j = 0; j < segment; j++) this.stepExact(mask);
      i += segment;
      for (let v = 0; v < 3; v++) {
        if (this.envelopeIdle[v] !== 0) {
          rateCounter[v] = this.advanceIdleEnvelope(v, rateCounter[v], segment);
        } else {
          rateCounter[v] = (rateCounter[v] + segment) % RATE_LAP;
          if (rateCounter[v] === this.ratePeriod[v]) {
            rateCounter[v] = 0;
            this.stepEnvelope(v);
          }
        }
      }
    }
  }

  /**
   * Writes the complete chip state (registers, oscillators, envelopes, filter
   * and bus) in a fixed order.
   *
   * @param w - destination
   */
  saveState(w: StateWriter): void {
    this.catchUpDeferred();
    w.u8(STATE_VERSION);
    w.u8(this.profile.model === '6581' ? 0 : 1);
    w.bytes(this.registers);
    for (const array of this.stateArrays()) w.i32Array(array);
    w.i32(this.filterCutoff);
    w.i32(this.resonance);
    w.i32(this.filterRouting);
    w.i32(this.modeVolume);
    w.f64Array(this.analog);
    w.i32(this.flushCountdown);
    w.i32(this.busValue);
    w.i32(this.busValueTtl);
  }

  /**
   * Restores state written by {@link SidChip.saveState} (including the model).
   * Voice mutes are a listener setting, not chip state: they are kept as they are.
   *
   * @param r - source positioned at this chip's state
   * @throws SidflowError `SID_STATE_VERSION` when the state has an unknown layout
   */
  loadState(r: StateReader): void {
    const version = r.u8();
    if (version !== STATE_VERSION) {
      throw new SidflowError('SID_STATE_VERSION', `unsupported SID state version ${version}`);
    }
    this.deferredCycles = 0;
    this.busDeferredRun = 0;
    this.levelInterval = 0;
    this.profile = sidModelProfile(r.u8() === 0 ? '6581' : '8580');
    r.bytes(this.registers);
    for (const array of this.stateArrays()) r.i32Array(array);
    this.filterCutoff = r.i32();
    this.resonance = r.i32();
    this.filterRouting = r.i32();
    this.modeVolume = r.i32();
    r.f64Array(this.analog);
    this.flushCountdown = r.i32();
    this.busValue = r.i32();
    this.busValueTtl = r.i32();
    for (let v = 0; v < 3; v++) {
      this.profile.prepareVoiceOutput(this.waveform[v], this.waveformOutput[v]);
    }
    this.updateDerived();
  }

  private stateArrays(): Int32Array[] {
    return [
      this.accumulator,
      this.frequency,
      this.pulseWidth,
      this.waveform,
      this.testBit,
      this.syncBit,
      this.ringMask,
      this.noPulseMask,
      this.sawMsbPull,
      this.pulseLevel,
      this.shiftRegister,
      this.shiftPipeline,
      this.shiftRegisterResetTtl,
      this.noiseOutput,
      this.waveformOutput,
      this.floatingOutputTtl,
      this.gate,
      this.rateCounter,
      this.ratePeriod,
      this.envelopeState,
      this.envelopeCounter,
      this.exponentialCounter,
      this.exponentialPeriod,
      this.holdZero,
      this.attack,
      this.decay,
      this.sustain,
      this.release,
    ];
  }

  private writeControl(voice: number, value: number): void {
    const previousWaveform = this.waveform[voice];
    const previousTest = this.testBit[voice];
    const waveform = value >> 4;
    const test = (value >> 3) & 1;
    if (waveform === 0 && previousWaveform !== 0) {
      // The DAC now holds the last output; a silent voice's output is not kept up to date
      // by the cycle loop, so recompute it (with the old control bits).
      this.waveformOutput[voice] = this.currentOutput(voice, previousWaveform);
    }
    this.waveform[voice] = waveform;
    this.testBit[voice] = test;
    this.syncBit[voice] = (value >> 1) & 1;
    this.updateWaveformDerived(voice);

    if (test !== 0 && previousTest === 0) {
      // Test bit rising: the accumulator is held at 0 and the noise register, no longer
      // clocked, slowly fills with ones.
      this.accumulator[voice] = 0;
      this.shiftPipeline[voice] = 0;
      this.shiftRegisterResetTtl[voice] = this.profile.shiftRegisterResetTtl;
      this.pulseLevel[voice] = 0xfff;
    } else if (test === 0 && previousTest !== 0) {
      // Test bit falling: one shift with the feedback input forced high.
      const register = this.shiftRegister[voice];
      this.shiftRegister[voice] = ((register << 1) & 0x7fffff) | (~(register >> 17) & 1);
      this.updateNoiseOutput(voice);
    }
    if ((waveform & 4) !== 0 && (previousWaveform & 4) === 0) {
      // The cycle loop only runs the pulse comparator for pulse waveforms: catch up now.
      this.pulseLevel[voice] =
        test !== 0 || this.accumulator[voice] >>> 12 >= this.pulseWidth[voice] ? 0xfff : 0;
    }
    if (waveform === 0 && previousWaveform !== 0) {
      this.floatingOutputTtl[voice] = this.profile.floatingOutputTtl;
    }

    const gate = value & 1;
    if (gate !== 0 && this.gate[voice] === 0) {
      this.stepBeforeStateChange(voice);
      this.envelopeState[voice] = ATTACK;
      this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.attack[voice]];
      this.holdZero[voice] = 0;
    } else if (gate === 0 && this.gate[voice] !== 0) {
      this.stepBeforeStateChange(voice);
      this.envelopeState[voice] = RELEASE;
      this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.release[voice]];
    }
    this.gate[voice] = gate;
    this.updateEnvelopeIdle(voice);
  }

  /** The waveform output `waveform` gives for the voice's current accumulator (noise: its current output). */
  private currentOutput(voice: number, waveform: number): number {
    const ringSource = this.accumulator[(voice + 2) % 3];
    const index = (this.accumulator[voice] ^ (ringSource & this.ringMask[voice])) >>> 12;
    const pulseMask = (waveform & 4) !== 0 ? this.pulseLevel[voice] : 0xfff;
    if (waveform >= 8) {
      const tables = this.profile.waveforms;
      const selector = (waveform & 7) << 12;
      const raw = waveform === 8 ? 0xfff : tables.raw[selector | index];
      return tables.pulldown[selector | (raw & pulseMask & this.noiseOutput[voice])];
    }
    return this.profile.waveforms.output[(waveform << 12) | index] & pulseMask;
  }

  private updateWaveformDerived(voice: number): void {
    const waveform = this.waveform[voice];
    this.profile.prepareVoiceOutput(waveform, this.waveformOutput[voice]);
    const control = this.registers[voice * 7 + 4];
    // Ring modulation replaces the triangle's MSB, so it only applies when the saw is not selected.
    this.ringMask[voice] = (control & 0x04) !== 0 && (waveform & 2) === 0 ? 0x800000 : 0;
    this.noPulseMask[voice] = (waveform & 4) !== 0 ? 0 : 0xfff;
    this.sawMsbPull[voice] =
      this.profile.sawPullsAccumulatorMsb && (waveform & 2) !== 0 && (waveform & 0x0d) !== 0
        ? 1
        : 0;
  }

  private updateDerived(): void {
    const profile = this.profile;
    const hz = profile.cutoffHz(this.filterCutoff);
    const coefficients = this.coefficients;
    coefficients[0] = Math.min((2 * Math.PI * hz) / this.clockHz, 0.9);
    coefficients[1] = profile.inverseQ[this.resonance];
    const mode = this.modeVolume;
    // The filter path's pass-band level differs from the direct path's (FC-dependent on the 6581).
    const passGain = profile.filterPassGain(this.filterCutoff);
    // The filter's integrators are inverting op-amp stages: relative to the voices that bypass
    // it, its low-pass and high-pass outputs come out inverted, its band-pass output does not.
    // (A filtered and an unfiltered voice playing the same note partly cancel, as on reSIDfp.)
    coefficients[2] = -((mode >> 4) & 1) * passGain;
    coefficients[3] = ((mode >> 5) & 1) * passGain;
    coefficients[4] = -((mode >> 6) & 1) * passGain;
    const volume = profile.volumeGain(mode & 0x0f) / 3;
    const outputGain = profile.outputGain;
    coefficients[5] = volume * outputGain;
    // Both quadratic stages folded into one term (their product terms are below 0.1 %); the
    // output gain scales the bent sum, so the curve keeps its shape at any output level.
    coefficients[6] =
      (profile.mixStage.beforeVolume * volume + profile.mixStage.afterVolume * volume * volume) *
      outputGain;
    for (let v = 0; v < 3; v++) {
      const filtered = (this.filterRouting >> v) & 1;
      // Voice 3 off ($D418 bit 7) only disconnects voice 3 from the direct path.
      const off = v === 2 && (mode & 0x80) !== 0;
      this.routeGain[v] = filtered;
      this.routeGain[3 + v] = filtered !== 0 || off ? 0 : 1;
      this.updateEnvelopeAmplitude(v);
      this.updateEnvelopeIdle(v);
    }
  }

  private updateEnvelopeAmplitude(voice: number): void {
    this.envelopeAmplitude[voice] =
      this.muted[voice] !== 0 ? 0 : this.profile.envelopeDac[this.envelopeCounter[voice]];
  }

  /** One envelope step, taken when the rate counter matches the period. */
  private stepEnvelope(voice: number): void {
    const state = this.envelopeState[voice];
    // Attack ignores the exponential divider (and resets it).
    if (state !== ATTACK) {
      const count = this.exponentialCounter[voice] + 1;
      if (count !== this.exponentialPeriod[voice]) {
        this.exponentialCounter[voice] = count;
        return;
      }
    }
    this.exponentialCounter[voice] = 0;
    if (this.holdZero[voice] !== 0) return;
    let level = this.envelopeCounter[voice];
    if (state === ATTACK) {
      // Counting up from 0xFF (gate re-triggered at full level) wraps to 0.
      level = (level + 1) & 0xff;
      if (level === 0xff) {
        this.envelopeState[voice] = DECAY_SUSTAIN;
        this.ratePeriod[voice] = ENVELOPE_RATE_PERIODS[this.decay[voice]];
      }
    } else if (state === DECAY_SUSTAIN) {
      if (level !== this.sustain[voice] * 0x11) level = (level - 1) & 0xff;
    } else {
      level = (level - 1) & 0xff;
    }
    this.envelopeCounter[voice] = level;
    const period = exponentialPeriodAt(level);
    if (period !== 0) this.exponentialPeriod[voice] = period;
    // Only counting down to 0 freezes the counter; an attack that wrapped from 0xFF to 0 keeps
    // counting up (reSIDfp sets hold_zero only on a decrement; a re-gate at full level then dips
    // for ~2 ms at attack 0 instead of going silent).
    if (level === 0 && state !== ATTACK) this.holdZero[voice] = 1;
    this.updateEnvelopeAmplitude(voice);
    this.updateEnvelopeIdle(voice);
  }

  /**
   * A gate change reaches the envelope's state a few cycles after the write
   * (reSIDfp's state pipeline): a rate-counter match due within
   * {@link STATE_CHANGE_DELAY} cycles still steps in the old state. It is taken
   * now, and the counter is set so that it restarts from 0 on that match's cycle.
   */
  private stepBeforeStateChange(voice: number): void {
    const untilMatch = cyclesToRateMatch(this.ratePeriod[voice], this.rateCounter[voice]);
    if (untilMatch > STATE_CHANGE_DELAY) return;
    this.stepEnvelope(voice);
    this.rateCounter[voice] = RATE_LAP - untilMatch;
  }

  private updateEnvelopeIdle(voice: number): void {
    const sustaining =
      this.envelopeState[voice] === DECAY_SUSTAIN &&
      this.envelopeCounter[voice] === this.sustain[voice] * 0x11;
    this.envelopeIdle[voice] = sustaining || this.holdZero[voice] !== 0 ? 1 : 0;
  }

  /**
   * Advances an idle envelope by `cycles`: its rate-counter matches only tick the
   * exponential divider, so they are counted instead of stepped. Returns the new rate counter.
   */
  private advanceIdleEnvelope(voice: number, rateCount: number, cycles: number): number {
    const period = this.ratePeriod[voice];
    const untilMatch = cyclesToRateMatch(period, rateCount);
    if (cycles < untilMatch) {
      // Below two laps (cycles < untilMatch ≤ RATE_LAP): a subtraction is the modulo.
      const count = rateCount + cycles;
      return count >= RATE_LAP ? count - RATE_LAP : count;
    }
    const rest = cycles - untilMatch;
    const matches = 1 + Math.floor(rest / period);
    this.exponentialCounter[voice] =
      (this.exponentialCounter[voice] + matches) % this.exponentialPeriod[voice];
    return rest % period;
  }

  private updateNoiseOutput(voice: number): void {
    const r = this.shiftRegister[voice];
    // Output bits 11..4 are bits 20, 18, 14, 11, 9, 5, 2, 0 of the shift register (reSIDfp's
    // taps; the often-quoted 22, 20, 16, ..., 2 give the same sequence two shifts later, but
    // not the same bits where a test-bit release or a fade writes the low end of the register).
    this.noiseOutput[voice] =
      ((r >> 9) & 0x800) |
      ((r >> 8) & 0x400) |
      ((r >> 5) & 0x200) |
      ((r >> 3) & 0x100) |
      ((r >> 2) & 0x080) |
      ((r << 1) & 0x040) |
      ((r << 3) & 0x020) |
      ((r << 4) & 0x010);
  }

  /** One noise register shift without refreshing the noise output (the caller does, once). */
  private shiftNoise(voice: number): void {
    const r = this.shiftRegister[voice];
    this.shiftRegister[voice] = ((r << 1) & 0x7fffff) | (((r >> 22) ^ (r >> 17)) & 1);
  }

  /**
   * `count` noise register shifts at once. Up to 18 shifts take their feedback bits (22 and 17)
   * from the register as it was, so they run as one step; and the register (a maximal-length
   * 23-bit LFSR) repeats every 2^23 − 1 shifts (zero stays zero).
   */
  private shiftNoiseTimes(voice: number, count: number): void {
    let r = this.shiftRegister[voice];
    let left = count % NOISE_PERIOD;
    while (left > 0) {
      const k = Math.min(left, 18);
      r = ((r << k) & 0x7fffff) | (((r >>> (23 - k)) ^ (r >>> (18 - k))) & ((1 << k) - 1));
      left -= k;
    }
    this.shiftRegister[voice] = r;
  }

  private clockShiftRegister(voice: number): void {
    const r = this.shiftRegister[voice];
    this.shiftRegister[voice] = ((r << 1) & 0x7fffff) | (((r >> 22) ^ (r >> 17)) & 1);
    this.updateNoiseOutput(voice);
  }

  /**
   * With the test bit held, ones leak into the noise register from its input end (bit 0)
   * upwards, one more bit per step; returns the next wait.
   */
  private fadeShiftRegister(voice: number): number {
    let r = this.shiftRegister[voice];
    r = (r | (r << 1) | 1) & 0x7fffff;
    this.shiftRegister[voice] = r;
    this.updateNoiseOutput(voice);
    return r === SHIFT_REGISTER_RESET ? 0 : this.profile.shiftRegisterFade;
  }

  /** Waveform output when noise is selected (alone or combined), with the combined-noise write-back. */
  private noiseWaveform(voice: number, index: number, pulseMask: number, pipeline: number): number {
    const waveform = this.waveform[voice];
    const noise = this.noiseOutput[voice];
    if (waveform === 8) return noise;
    const tables = this.profile.waveforms;
    const selector = (waveform & 7) << 12;
    const output = tables.pulldown[selector | (tables.raw[selector | index] & pulseMask & noise)];
    if (pipeline !== 1 && this.testBit[voice] === 0) {
      // Combined waveforms drive the noise register's output taps low, which writes
      // zeros back into the register (eventually locking the noise up).
      let r = this.shiftRegister[voice];
      if ((output & 0x800) === 0) r &= ~(1 << 20);
      if ((output & 0x400) === 0) r &= ~(1 << 18);
      if ((output & 0x200) === 0) r &= ~(1 << 14);
      if ((output & 0x100) === 0) r &= ~(1 << 11);
      if ((output & 0x080) === 0) r &= ~(1 << 9);
      if ((output & 0x040) === 0) r &= ~(1 << 5);
      if ((output & 0x020) === 0) r &= ~(1 << 2);
      if ((output & 0x010) === 0) r &= ~1;
      this.shiftRegister[voice] = r;
      this.noiseOutput[voice] = noise & output;
    }
    return output;
  }
}

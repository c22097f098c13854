import type { SidPlayer } from '@sidflow/engine';
import type { NoteEvent, RegisterFrame } from '../types.js';

/** Most note events kept between two drains (older ones are dropped). */
const MAX_NOTES = 256;
/** Control register of voice v is at 4 + 7 v; bit 0 is the gate. */
const CONTROL = [4, 11, 18];

/**
 * Watches a `SidPlayer` while it renders and collects what visualisers need:
 * the registers of every SID once per video frame and note on/off per voice
 * (gate bit changes, timed to the CPU cycle of the write). Used by the worklet,
 * the render worker and the Node adapter, so every engine adapter publishes
 * the same stream. The write observer stores into preallocated arrays; objects
 * are built only in {@link EngineEventTap.drain}, outside the emulation loop.
 */
export class EngineEventTap {
  private readonly shadow: Uint8Array;
  private readonly noteTimes = new Float64Array(MAX_NOTES);
  private readonly noteData = new Uint16Array(MAX_NOTES * 2);
  private noteCount = 0;
  private nextFrame: number;
  private frames: RegisterFrame[] = [];
  private readonly frameSeconds: number;
  private readonly cpuHz: number;
  private readonly stopObserving: () => void;

  /** @param player - the player to watch (its song's registers start at zero) */
  constructor(private readonly player: SidPlayer) {
    this.shadow = new Uint8Array(32 * player.sidCount);
    this.cpuHz = player.cpuHz;
    this.frameSeconds = player.video === 'NTSC' ? 1 / 60 : 1 / 50;
    this.nextFrame = player.position;
    this.stopObserving = player.onWrite((cycle, sid, register, value) =>
      this.write(cycle, sid, register, value),
    );
  }

  private write(cycle: number, sid: number, register: number, value: number): void {
    const base = sid * 32;
    const voice = register === 4 ? 0 : register === 11 ? 1 : register === 18 ? 2 : -1;
    if (voice >= 0 && ((this.shadow[base + register] ^ value) & 1) !== 0) {
      const i = this.noteCount < MAX_NOTES ? this.noteCount++ : MAX_NOTES - 1;
      this.noteTimes[i] = cycle / this.cpuHz;
      this.noteData[i * 2] = (sid << 4) | (voice << 1) | (value & 1);
      const f = base + CONTROL[voice] - 4;
      this.noteData[i * 2 + 1] = this.shadow[f] | (this.shadow[f + 1] << 8);
    }
    this.shadow[base + register] = value;
  }

  /** Forgets pending events and restarts frame timing at the player's position (after a seek). */
  reset(): void {
    this.noteCount = 0;
    this.frames = [];
    this.nextFrame = this.player.position;
  }

  /**
   * Records the registers of every SID when a video frame is due; call after
   * each render call (render calls shorter than a frame give one record per frame).
   */
  sample(): void {
    const time = this.player.position;
    if (time < this.nextFrame) return;
    for (let sid = 0; sid < this.player.sidCount; sid++) {
      this.frames.push({ sid, time, registers: this.player.registers(sid) });
    }
    this.nextFrame += this.frameSeconds;
    if (this.nextFrame <= time) this.nextFrame = time + this.frameSeconds;
  }

  /** Returns the register frames and notes recorded since the last call, and forgets them. */
  drain(): { registers: RegisterFrame[]; notes: NoteEvent[] } {
    const registers = this.frames;
    this.frames = [];
    const notes: NoteEvent[] = [];
    for (let i = 0; i < this.noteCount; i++) {
      const packed = this.noteData[i * 2];
      notes.push({
        sid: packed >> 4,
        voice: ((packed >> 1) & 3) as 0 | 1 | 2,
        on: (packed & 1) === 1,
        frequency: (this.noteData[i * 2 + 1] * this.cpuHz) / 16_777_216,
        time: this.noteTimes[i],
      });
    }
    this.noteCount = 0;
    return { registers, notes };
  }

  /** Stops watching. */
  dispose(): void {
    this.stopObserving();
  }
}

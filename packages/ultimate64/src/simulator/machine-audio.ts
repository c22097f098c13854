import { createPlayer, type SidPlayer } from '@sidflow/engine';
import { AUDIO_FRAMES_PER_PACKET } from '../protocol/audio-stream-format.js';

/** Frames the engine renders per call (25 packets, about 0.1 s). */
const RENDER_BLOCK_FRAMES = AUDIO_FRAMES_PER_PACKET * 25;

/**
 * The simulated machine's audio mixer output. A played tune is rendered by
 * our engine on demand, one packet at a time, so the first packet after
 * `sidplay` starts at the tune's beginning; with `loopSeconds` the first
 * seconds are rendered once and repeated (cheap for long fast tests).
 */
export class MachineAudio {
  private player: SidPlayer | null = null;
  /** The engine renders in blocks: per-call overhead makes 192-frame calls ~4× slower. */
  private readonly block = new Int16Array(RENDER_BLOCK_FRAMES * 2);
  private blockAt = this.block.length;
  private loop: Int16Array | null = null;
  private loopAt = 0;
  private paused = false;

  /**
   * @param sampleRate - the stream rate of the machine (47,983 PAL / 47,940 NTSC)
   * @param loopSeconds - when set, render this much once and repeat it
   */
  constructor(
    readonly sampleRate: number,
    private readonly loopSeconds?: number,
  ) {}

  /** Starts a tune (1-based song; 0 or undefined = start song). Throws the engine's typed errors. */
  play(sid: Uint8Array, song?: number): void {
    const player = createPlayer(sid, {
      sampleRate: this.sampleRate,
      channels: 2,
      ...(song ? { song } : {}),
    });
    this.stop();
    if (this.loopSeconds) {
      const frames = Math.max(
        AUDIO_FRAMES_PER_PACKET,
        Math.round(this.loopSeconds * this.sampleRate),
      );
      this.loop = new Int16Array(frames * 2);
      player.render(this.loop, frames);
      player.dispose();
      this.loopAt = 0;
    } else {
      this.player = player;
      this.blockAt = this.block.length;
    }
  }

  /** Silence from now on (reset, another runner). */
  stop(): void {
    this.player?.dispose();
    this.player = null;
    this.loop = null;
    this.paused = false;
  }

  /** Holds the tune (machine:pause) or lets it go on (machine:resume). */
  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** True while a tune is loaded. */
  get playing(): boolean {
    return this.player !== null || this.loop !== null;
  }

  /** Fills `out` with the next `out.length / 2` stereo frames. */
  fill(out: Int16Array): void {
    if (this.paused || (!this.player && !this.loop)) {
      out.fill(0);
      return;
    }
    if (this.player) {
      const block = this.block;
      for (let i = 0; i < out.length; i++) {
        if (this.blockAt >= block.length) {
          this.player.render(block, RENDER_BLOCK_FRAMES);
          this.blockAt = 0;
        }
        out[i] = block[this.blockAt++];
      }
      return;
    }
    const loop = this.loop!;
    let at = this.loopAt;
    for (let i = 0; i < out.length; i++) {
      out[i] = loop[at++];
      if (at >= loop.length) at = 0;
    }
    this.loopAt = at;
  }
}

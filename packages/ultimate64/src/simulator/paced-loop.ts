/** Most packets sent in one turn of the event loop, so a receiver's socket buffer never overflows from our bursts. */
const MAX_BATCH = 24;

/**
 * Calls `emit` at a fixed rate, scheduled by absolute time (packet n is due at
 * start + n × interval), so timer lateness never accumulates into drift: a late
 * turn sends the packets that are due, in small batches.
 */
export class PacedLoop {
  private start = 0;
  private count = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private running = false;

  /**
   * @param intervalMs - time between emits
   * @param emit - sends packet number `n` (0-based)
   */
  constructor(
    private readonly intervalMs: number,
    private readonly emit: (n: number) => void,
  ) {}

  /** Packets emitted so far. */
  get emitted(): number {
    return this.count;
  }

  /** Starts at packet 0, now. */
  startNow(): void {
    this.stop();
    this.running = true;
    this.start = performance.now();
    this.count = 0;
    // First packet on the next turn, so a REST handler that starts a stream answers first.
    this.timer = setImmediate(this.tick);
  }

  /** Stops; no emit happens after this returns. */
  stop(): void {
    this.running = false;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    if (!this.running) return;
    const now = performance.now();
    const due = Math.floor((now - this.start) / this.intervalMs) + 1;
    const end = Math.min(due, this.count + MAX_BATCH);
    while (this.count < end && this.running) this.emit(this.count++);
    if (!this.running) return;
    if (this.count < due) {
      this.timer = setImmediate(this.tick);
    } else {
      const wait = this.start + this.count * this.intervalMs - performance.now();
      this.timer = setTimeout(this.tick, Math.max(0, wait));
    }
  };
}

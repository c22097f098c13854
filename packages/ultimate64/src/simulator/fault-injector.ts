/** Rates of the faults the simulator injects into a UDP stream; each 0..1 of packets. */
export interface StreamFaults {
  /** Independent single-packet loss. */
  loss?: number;
  /** Share of packets lost in bursts of {@link StreamFaults.burstLength}. */
  burstLoss?: number;
  /** Packets per burst. Default 8. */
  burstLength?: number;
  /** Share of packets sent late, after 1–3 later ones. */
  reorder?: number;
  /** Share of packets sent twice. */
  duplicate?: number;
  /** Every packet is delayed by a uniform random 0..jitterMs (which also reorders). */
  jitterMs?: number;
  /** Seed of the pseudo-random choices, for reproducible runs. Default random. */
  seed?: number;
}

/** What to do with one packet. */
export interface FaultDecision {
  /** Do not send it. */
  drop: boolean;
  /** Send it again right after. */
  duplicate: boolean;
  /** Hold it back until this many later packets went out (0 = send now). */
  holdBack: number;
  /** Extra delay in ms (jitter). */
  delayMs: number;
}

/** mulberry32: small, fast, good enough for choosing which packets to disturb. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fires on a share `rate` of calls at random positions, with the count held
 * within ±2 of rate × calls (dithered error diffusion), so a test can compare
 * the loss a receiver measures with the injected rate without sampling noise.
 */
class RateGate {
  private acc = 0;
  constructor(
    private readonly rate: number,
    private readonly random: () => number,
  ) {}

  fire(): boolean {
    if (this.rate <= 0) return false;
    this.acc += this.rate;
    if (this.acc >= this.random()) {
      this.acc -= 1;
      return true;
    }
    return false;
  }
}

function checkRate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be a rate in 0..1, got ${value}`);
  return v;
}

/** Decides, packet by packet, which faults to inject. */
export class FaultInjector {
  private readonly random: () => number;
  private readonly lossGate: RateGate;
  private readonly burstGate: RateGate;
  private readonly reorderGate: RateGate;
  private readonly duplicateGate: RateGate;
  private readonly burstLength: number;
  private readonly jitterMs: number;
  private burstLeft = 0;

  /** @param faults - the rates; all zero means a clean stream */
  constructor(faults: StreamFaults = {}) {
    this.random = prng(faults.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.burstLength = Math.max(1, Math.round(faults.burstLength ?? 8));
    this.lossGate = new RateGate(checkRate('loss', faults.loss), this.random);
    this.burstGate = new RateGate(
      checkRate('burstLoss', faults.burstLoss) / this.burstLength,
      this.random,
    );
    this.reorderGate = new RateGate(checkRate('reorder', faults.reorder), this.random);
    this.duplicateGate = new RateGate(checkRate('duplicate', faults.duplicate), this.random);
    this.jitterMs = Math.max(0, faults.jitterMs ?? 0);
  }

  /** The fate of the next packet. */
  next(): FaultDecision {
    let drop = false;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      drop = true;
    } else if (this.burstGate.fire()) {
      this.burstLeft = this.burstLength - 1;
      drop = true;
    }
    // The gates run on every packet so each rate holds over all packets.
    if (this.lossGate.fire()) drop = true;
    const duplicate = this.duplicateGate.fire();
    const reorder = this.reorderGate.fire();
    return {
      drop,
      duplicate: !drop && duplicate,
      holdBack: !drop && reorder ? 1 + Math.floor(this.random() * 3) : 0,
      delayMs: this.jitterMs > 0 ? this.random() * this.jitterMs : 0,
    };
  }
}

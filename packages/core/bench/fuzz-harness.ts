/**
 * A seeded mutation fuzzer shared by every parser in the repository: it takes
 * valid seed inputs, mutates and truncates them, feeds them to a parser and
 * checks that the parser either returns or throws an expected (typed) error,
 * and that no single input takes longer than a time bound.
 */

/** A parser under fuzz. */
export interface FuzzTarget {
  /** Shown in reports. */
  readonly name: string;
  /** Valid inputs the mutations start from. */
  readonly seeds: readonly Uint8Array[];
  /** Parses one input; may return anything or throw. */
  run(input: Uint8Array): unknown;
  /** True when a thrown value is the typed error the parser promises. */
  isExpectedError(error: unknown): boolean;
}

/** Outcome of fuzzing one target. */
export interface FuzzReport {
  readonly name: string;
  readonly inputs: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Longest time one input took, in milliseconds. */
  readonly slowestMs: number;
  /** Inputs that escaped with an unexpected error, at most 5 kept. */
  readonly failures: { input: Uint8Array; error: unknown }[];
  readonly failureCount: number;
}

/** Small fast deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0a, 0x0d, 0x20, 0x3a, 0x3d, 0x5b, 0x5d];

/** Returns a mutated copy of `input`. */
export function mutate(
  input: Uint8Array,
  rand: () => number,
  seeds: readonly Uint8Array[],
): Uint8Array {
  let out = input.slice();
  const rounds = 1 + Math.floor(rand() * 4);
  for (let r = 0; r < rounds; r++) {
    const pos = out.length ? Math.floor(rand() * out.length) : 0;
    switch (Math.floor(rand() * 8)) {
      case 0:
        if (out.length) out[pos] ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        if (out.length) out[pos] = Math.floor(rand() * 256);
        break;
      case 2:
        if (out.length) out[pos] = interesting[Math.floor(rand() * interesting.length)];
        break;
      case 3:
        out = out.slice(0, Math.floor(rand() * (out.length + 1)));
        break;
      case 4: {
        const len = Math.floor(rand() * 16);
        const ins = new Uint8Array(len).map(() => Math.floor(rand() * 256));
        const next = new Uint8Array(out.length + len);
        next.set(out.subarray(0, pos));
        next.set(ins, pos);
        next.set(out.subarray(pos), pos + len);
        out = next;
        break;
      }
      case 5: {
        const len = Math.min(out.length - pos, Math.floor(rand() * 32));
        const next = new Uint8Array(out.length - len);
        next.set(out.subarray(0, pos));
        next.set(out.subarray(pos + len), pos);
        out = next;
        break;
      }
      case 6: {
        const other = seeds[Math.floor(rand() * seeds.length)];
        if (other.length) {
          const from = Math.floor(rand() * other.length);
          const len = Math.min(other.length - from, 1 + Math.floor(rand() * 64));
          const next = new Uint8Array(pos + len + Math.max(0, out.length - pos));
          next.set(out.subarray(0, pos));
          next.set(other.subarray(from, from + len), pos);
          next.set(out.subarray(pos), pos + len);
          out = next;
        }
        break;
      }
      default:
        if (out.length >= 2) {
          const pos2 = Math.floor(rand() * out.length);
          const t = out[pos];
          out[pos] = out[pos2];
          out[pos2] = t;
        }
    }
  }
  return out;
}

/** Feeds `count` mutated inputs to `target`. Deterministic for a given seed. */
export function fuzz(target: FuzzTarget, count: number, seed = 1): FuzzReport {
  const rand = prng(seed);
  const failures: { input: Uint8Array; error: unknown }[] = [];
  let failureCount = 0;
  let accepted = 0;
  let rejected = 0;
  let slowestMs = 0;
  if (target.seeds.length === 0) throw new Error(`${target.name}: no seeds`);
  for (let i = 0; i < count; i++) {
    const base = target.seeds[Math.floor(rand() * target.seeds.length)];
    const input = mutate(base, rand, target.seeds);
    const t0 = performance.now();
    try {
      target.run(input);
      accepted++;
    } catch (error) {
      if (target.isExpectedError(error)) rejected++;
      else {
        failureCount++;
        if (failures.length < 5) failures.push({ input, error });
      }
    }
    const took = performance.now() - t0;
    if (took > slowestMs) slowestMs = took;
  }
  return {
    name: target.name,
    inputs: count,
    accepted,
    rejected,
    slowestMs,
    failures,
    failureCount,
  };
}

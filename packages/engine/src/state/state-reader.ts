import { SidflowError } from '@sidflow/core';

/** Reads state written by {@link StateWriter}, in the same order. */
export class StateReader {
  private readonly view: DataView;
  private offset = 0;

  /** @param data - bytes produced by `StateWriter.finish()` */
  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private take(bytes: number): number {
    const at = this.offset;
    if (at + bytes > this.data.length) {
      throw new SidflowError(
        'SNAPSHOT_TRUNCATED',
        `snapshot ends at byte ${this.data.length}, needed ${at + bytes}`,
      );
    }
    this.offset = at + bytes;
    return at;
  }

  /** Reads an unsigned byte. */
  u8(): number {
    return this.view.getUint8(this.take(1));
  }

  /** Reads an unsigned 16-bit integer. */
  u16(): number {
    return this.view.getUint16(this.take(2), true);
  }

  /** Reads an unsigned 32-bit integer. */
  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  /** Reads a signed 32-bit integer. */
  i32(): number {
    return this.view.getInt32(this.take(4), true);
  }

  /** Reads a double. */
  f64(): number {
    return this.view.getFloat64(this.take(8), true);
  }

  /** Reads a boolean. */
  bool(): boolean {
    return this.u8() !== 0;
  }

  /** Reads a length-prefixed byte array into `target` (lengths must match) or a new array. */
  bytes(target?: Uint8Array): Uint8Array {
    const n = this.u32();
    const at = this.take(n);
    const src = this.data.subarray(at, at + n);
    if (target) {
      if (target.length !== n) {
        throw new SidflowError(
          'SNAPSHOT_MISMATCH',
          `snapshot array of ${n} bytes does not fit ${target.length}`,
        );
      }
      target.set(src);
      return target;
    }
    return src.slice();
  }

  /** Reads a length-prefixed Float64Array into `target`. */
  f64Array(target: Float64Array): Float64Array {
    const n = this.u32();
    if (n !== target.length) {
      throw new SidflowError(
        'SNAPSHOT_MISMATCH',
        `snapshot array of ${n} values does not fit ${target.length}`,
      );
    }
    for (let i = 0; i < n; i++) target[i] = this.f64();
    return target;
  }

  /** Reads a length-prefixed Float32Array into `target`. */
  f32Array(target: Float32Array): Float32Array {
    this.bytes(new Uint8Array(target.buffer, target.byteOffset, target.byteLength));
    return target;
  }

  /** Reads a length-prefixed Int32Array into `target`. */
  i32Array(target: Int32Array): Int32Array {
    this.bytes(new Uint8Array(target.buffer, target.byteOffset, target.byteLength));
    return target;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.offset === this.data.length;
  }
}

/**
 * Appends a machine's state as compact little-endian binary. Every chip writes
 * its fields in a fixed order in `saveState` and reads them back in the same
 * order in `loadState`, so a snapshot restores exactly.
 */
export class StateWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;

  /** @param initialCapacity - starting buffer size in bytes; grows as needed */
  constructor(initialCapacity = 1 << 17) {
    // A whole number of words, so the bytes can also be read as words (see `words`).
    this.buffer = new Uint8Array((initialCapacity + 3) & ~3);
    this.view = new DataView(this.buffer.buffer);
  }

  /** Claims `bytes` bytes and returns their offset; call it before touching `buffer`/`view`, which it may replace. */
  /** Empties the writer for reuse, keeping its buffer (what {@link StateWriter.finish} returned stays valid). */
  reset(): void {
    this.length = 0;
  }

  private reserve(bytes: number): number {
    const at = this.length;
    if (at + bytes > this.buffer.length) {
      // A whole number of words, so the bytes can also be read as words (see `words`).
      const next = new Uint8Array((Math.max(this.buffer.length * 2, at + bytes) + 3) & ~3);
      next.set(this.buffer.subarray(0, at));
      this.buffer = next;
      this.view = new DataView(next.buffer);
    }
    this.length = at + bytes;
    return at;
  }

  /** Writes an unsigned byte. */
  u8(value: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, value);
  }

  /** Writes an unsigned 16-bit integer. */
  u16(value: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, value, true);
  }

  /** Writes an unsigned 32-bit integer. */
  u32(value: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, value >>> 0, true);
  }

  /** Writes a signed 32-bit integer. */
  i32(value: number): void {
    const at = this.reserve(4);
    this.view.setInt32(at, value | 0, true);
  }

  /** Writes a double (use for cycle counters beyond 2^32 and for floating state). */
  f64(value: number): void {
    const at = this.reserve(8);
    this.view.setFloat64(at, value, true);
  }

  /** Writes a boolean as one byte. */
  bool(value: boolean): void {
    this.u8(value ? 1 : 0);
  }

  /** Writes a length-prefixed byte array. */
  bytes(data: Uint8Array): void {
    this.u32(data.length);
    // Reserve first: it may replace the buffer, and `set` must go to the new one.
    const at = this.reserve(data.length);
    this.buffer.set(data, at);
  }

  /** Writes a length-prefixed Float64Array. */
  f64Array(data: Float64Array): void {
    this.u32(data.length);
    for (let i = 0; i < data.length; i++) this.f64(data[i]);
  }

  /** Writes a length-prefixed Float32Array. */
  f32Array(data: Float32Array): void {
    this.bytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  /** Writes a length-prefixed Int32Array. */
  i32Array(data: Int32Array): void {
    this.bytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  /** Returns a copy of everything written so far. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** Bytes written so far. */
  get written(): number {
    return this.length;
  }

  /**
   * Everything written so far as 32-bit words, without a copy (the last word
   * padded with whatever the buffer held): valid until the next write or reset.
   */
  words(): Int32Array {
    return new Int32Array(this.buffer.buffer, 0, (this.length + 3) >>> 2);
  }
}

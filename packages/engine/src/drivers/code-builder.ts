import { SidflowError } from '@sidflow/core';

/**
 * A minimal 6502 code emitter for the code we generate at run time (the SID
 * driver): bytes at a fixed origin, named labels, forward references resolved
 * by {@link CodeBuilder.finish}.
 */
export class CodeBuilder {
  private readonly bytes: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly fixups: { at: number; label: string; kind: 'abs' | 'rel' | 'lo' }[] = [];

  /** @param origin - address of the first emitted byte */
  constructor(readonly origin: number) {}

  /** Address of the next emitted byte. */
  get here(): number {
    return this.origin + this.bytes.length;
  }

  /** Defines `name` at the current address. */
  label(name: string): this {
    this.labels.set(name, this.here);
    return this;
  }

  /** Address of a defined label. */
  addressOf(name: string): number {
    const address = this.labels.get(name);
    if (address === undefined)
      throw new SidflowError('ENGINE_DRIVER_LABEL', `undefined label ${name}`);
    return address;
  }

  /** Emits raw bytes. */
  byte(...values: number[]): this {
    for (const v of values) this.bytes.push(v & 0xff);
    return this;
  }

  /** Emits an opcode with a 16-bit operand (a number or a label). */
  abs(opcode: number, operand: number | string): this {
    this.bytes.push(opcode);
    this.word(operand);
    return this;
  }

  /** Emits a little-endian word (a number or a label). */
  word(operand: number | string): this {
    if (typeof operand === 'string') {
      this.fixups.push({ at: this.bytes.length, label: operand, kind: 'abs' });
      this.bytes.push(0, 0);
    } else {
      this.bytes.push(operand & 0xff, (operand >> 8) & 0xff);
    }
    return this;
  }

  /** Emits an opcode with an 8-bit operand; a label operand means its low byte (`#<label`). */
  imm(opcode: number, operand: number | string): this {
    this.bytes.push(opcode);
    if (typeof operand === 'string') {
      this.fixups.push({ at: this.bytes.length, label: operand, kind: 'lo' });
      this.bytes.push(0);
    } else {
      this.bytes.push(operand & 0xff);
    }
    return this;
  }

  /** Emits a branch to a label. */
  branch(opcode: number, label: string): this {
    this.bytes.push(opcode);
    this.fixups.push({ at: this.bytes.length, label, kind: 'rel' });
    this.bytes.push(0);
    return this;
  }

  /** Resolves references and returns the code. */
  finish(): Uint8Array {
    const out = Uint8Array.from(this.bytes);
    for (const f of this.fixups) {
      const target = this.addressOf(f.label);
      if (f.kind === 'abs') {
        out[f.at] = target & 0xff;
        out[f.at + 1] = (target >> 8) & 0xff;
      } else if (f.kind === 'lo') {
        out[f.at] = target & 0xff;
      } else {
        const offset = target - (this.origin + f.at + 1);
        if (offset < -128 || offset > 127) {
          throw new SidflowError('ENGINE_DRIVER_BRANCH', `branch to ${f.label} out of range`);
        }
        out[f.at] = offset & 0xff;
      }
    }
    return out;
  }
}

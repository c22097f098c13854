import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECODER_FILE, emitDecoder } from '../scripts/gen-opcodes.js';

describe('opcodes.generated.ts', () => {
  it('is what scripts/gen-opcodes.ts emits (regenerate after editing the generator)', () => {
    expect(readFileSync(DECODER_FILE, 'utf8')).toBe(emitDecoder('table', DECODER_FILE));
  });

  it('contains no runtime code generation', () => {
    expect(readFileSync(DECODER_FILE, 'utf8')).not.toMatch(/new Function|eval\(/);
  });
});

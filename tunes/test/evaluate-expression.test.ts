import { describe, expect, it } from 'vitest';
import { AssemblerError, evaluateExpression } from '../assembler/index.js';

const symbols = new Map([
  ['screen', 0x0400],
  ['n', 3],
]);

function evaluate(text: string, strict = true): number | undefined {
  return evaluateExpression(text, { symbols, pc: 0xc000, line: 7, strict });
}

describe('evaluateExpression', () => {
  it('reads every number form', () => {
    expect(evaluate('$fF')).toBe(255);
    expect(evaluate('%1001')).toBe(9);
    expect(evaluate('42')).toBe(42);
    expect(evaluate("'A'")).toBe(65);
  });

  it('applies precedence, unary operators and parentheses', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
    expect(evaluate('10 - 4 - 3')).toBe(3);
    expect(evaluate('-7 / 2')).toBe(-3);
    expect(evaluate('<screen + n')).toBe(3);
    expect(evaluate('>screen * 2')).toBe(8);
    expect(evaluate('>(screen + $1ff)')).toBe(5);
    expect(evaluate('* + n')).toBe(0xc003);
    expect(evaluate('* * 2')).toBe(0x18000);
  });

  it('leaves unknown symbols unresolved until the final pass', () => {
    expect(evaluate('later + 1', false)).toBeUndefined();
    expect(evaluate('<later', false)).toBeUndefined();
    expect(() => evaluate('later + 1')).toThrow(/line 7: undefined symbol 'later'/);
  });

  it('reports malformed input with the line number', () => {
    for (const text of ['', '1 +', '(1', '$', '%2', "'ab'", '1 ) 2', '#1']) {
      let caught: unknown;
      try {
        evaluate(text);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(AssemblerError);
      expect((caught as AssemblerError).line).toBe(7);
    }
    expect(() => evaluate('n / 0')).toThrow(/division by zero/);
  });
});

import { AssemblerError } from './assembler-error.js';

/** What an expression can see while it is evaluated. */
export interface ExpressionContext {
  /** Known symbol values; a missing name makes the expression unresolved (not an error) until `strict`. */
  readonly symbols: ReadonlyMap<string, number>;
  /** Address of the current statement, the value of `*`. */
  readonly pc: number;
  /** 1-based source line, for error messages. */
  readonly line: number;
  /** Whether an unknown symbol is an error (final pass) rather than "not known yet" (first pass). */
  readonly strict: boolean;
}

/** Characters a symbol name may start with / continue with. */
const SYMBOL_START = /[A-Za-z_.@]/;
const SYMBOL_PART = /[A-Za-z0-9_.@]/;

/**
 * Evaluates an assembler expression: numbers (`12`, `$0F`, `%1010`, `'A'`), symbols, `*` (the
 * current address), parentheses, unary `<` (low byte), `>` (high byte) and `-`, and binary
 * `+ - * /` with the usual precedence (`/` truncates toward zero).
 *
 * @returns the value, or `undefined` when a symbol is not known yet and `strict` is off
 * @throws AssemblerError on malformed input, division by zero, or (strict) an unknown symbol
 */
export function evaluateExpression(text: string, context: ExpressionContext): number | undefined {
  const parser = new ExpressionParser(text, context);
  const value = parser.parseExpression();
  parser.expectEnd();
  return value;
}

class ExpressionParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly context: ExpressionContext,
  ) {}

  parseExpression(): number | undefined {
    let value = this.parseTerm();
    for (;;) {
      const operator = this.peek();
      if (operator !== '+' && operator !== '-') return value;
      this.position++;
      const right = this.parseTerm();
      value = combine(value, right, (a, b) => (operator === '+' ? a + b : a - b));
    }
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length) {
      this.fail(`unexpected '${this.text.slice(this.position)}' in expression '${this.text}'`);
    }
  }

  private parseTerm(): number | undefined {
    let value = this.parseUnary();
    for (;;) {
      const operator = this.peek();
      if (operator !== '*' && operator !== '/') return value;
      this.position++;
      const right = this.parseUnary();
      if (operator === '/' && right === 0) {
        throw new AssemblerError('ASM_DIVISION_BY_ZERO', this.context.line, 'division by zero');
      }
      value = combine(value, right, (a, b) => (operator === '*' ? a * b : Math.trunc(a / b)));
    }
  }

  private parseUnary(): number | undefined {
    const operator = this.peek();
    if (operator === '<' || operator === '>' || operator === '-') {
      this.position++;
      const operand = this.parseUnary();
      if (operand === undefined) return undefined;
      if (operator === '<') return operand & 0xff;
      if (operator === '>') return (operand >> 8) & 0xff;
      return -operand;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): number | undefined {
    const next = this.peek();
    if (next === undefined) this.fail(`expression '${this.text}' ends too early`);
    if (next === '(') {
      this.position++;
      const value = this.parseExpression();
      if (this.peek() !== ')') this.fail(`missing ')' in expression '${this.text}'`);
      this.position++;
      return value;
    }
    if (next === '*') {
      this.position++;
      return this.context.pc;
    }
    if (next === '$') return this.parseDigits(16, /[0-9A-Fa-f]/, 1);
    if (next === '%') return this.parseDigits(2, /[01]/, 1);
    if (/[0-9]/.test(next)) return this.parseDigits(10, /[0-9]/, 0);
    if (next === "'") {
      const character = this.text[this.position + 1];
      if (character === undefined || this.text[this.position + 2] !== "'") {
        this.fail(`bad character literal in '${this.text}'`);
      }
      this.position += 3;
      return character.charCodeAt(0);
    }
    if (SYMBOL_START.test(next)) {
      const start = this.position;
      while (this.position < this.text.length && SYMBOL_PART.test(this.text[this.position])) {
        this.position++;
      }
      const name = this.text.slice(start, this.position);
      const value = this.context.symbols.get(name);
      if (value === undefined && this.context.strict) {
        throw new AssemblerError(
          'ASM_UNDEFINED_SYMBOL',
          this.context.line,
          `undefined symbol '${name}'`,
        );
      }
      return value;
    }
    this.fail(`unexpected '${next}' in expression '${this.text}'`);
  }

  private parseDigits(radix: number, digit: RegExp, prefixLength: number): number {
    this.position += prefixLength;
    const start = this.position;
    while (this.position < this.text.length && digit.test(this.text[this.position])) {
      this.position++;
    }
    if (this.position === start) this.fail(`number without digits in '${this.text}'`);
    return Number.parseInt(this.text.slice(start, this.position), radix);
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.position];
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) {
      this.position++;
    }
  }

  private fail(message: string): never {
    throw new AssemblerError('ASM_SYNTAX', this.context.line, message);
  }
}

function combine(
  left: number | undefined,
  right: number | undefined,
  operation: (a: number, b: number) => number,
): number | undefined {
  return left === undefined || right === undefined ? undefined : operation(left, right);
}

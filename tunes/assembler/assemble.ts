import { AssemblerError } from './assembler-error.js';
import { evaluateExpression } from './expression.js';
import {
  type AddressingMode,
  OPCODE_TABLE,
  OPERAND_SIZE,
  type OpcodeModes,
} from './opcode-table.js';

/** The result of assembling one source text: a contiguous memory image plus the symbols. */
export interface AssembledProgram {
  /** Address of `bytes[0]` (the first `.org`, or the `origin` option). */
  readonly origin: number;
  /** Memory image from `origin` to the highest byte emitted; gaps left by `.org` are zero. */
  readonly bytes: Uint8Array;
  /** Every label and constant with its final value. */
  readonly symbols: ReadonlyMap<string, number>;
}

/** Options of {@link assemble}. */
export interface AssembleOptions {
  /** Start address when the source has no leading `.org` (default 0). */
  readonly origin?: number;
  /** Symbols defined before the first line, e.g. build-time constants. */
  readonly symbols?: Readonly<Record<string, number>>;
}

/** How an instruction's operand was written, before a zero-page/absolute choice. */
type OperandForm = 'none' | 'acc' | 'imm' | 'direct' | 'x' | 'y' | 'ind' | 'izx' | 'izy';

type Statement =
  | { readonly kind: 'label'; readonly line: number; readonly name: string }
  | {
      readonly kind: 'constant';
      readonly line: number;
      readonly name: string;
      readonly expr: string;
    }
  | { readonly kind: 'org'; readonly line: number; readonly expr: string }
  | {
      readonly kind: 'data';
      readonly line: number;
      readonly width: 1 | 2;
      readonly items: readonly DataItem[];
    }
  | { readonly kind: 'fill'; readonly line: number; readonly count: string; readonly value: string }
  | {
      readonly kind: 'instruction';
      readonly line: number;
      readonly mnemonic: string;
      readonly modes: OpcodeModes;
      readonly form: OperandForm;
      readonly expr: string;
      mode: AddressingMode | undefined;
    };

type DataItem = { readonly text: string } | { readonly expr: string };

/**
 * Assembles 6502 source in two passes. Syntax: `label:` definitions, `name = expr` constants,
 * `;` comments, the directives `.org addr`, `.byte`/`.word` (comma lists; `.byte` also takes
 * "strings"), `.text "string"`, `.fill count[, value]`, and every documented opcode with all of
 * its addressing modes. A page-zero operand known in the first pass selects the zero-page
 * form; forward references get the absolute form.
 *
 * @throws AssemblerError (with the 1-based line number) for any bad input
 */
export function assemble(source: string, options: AssembleOptions = {}): AssembledProgram {
  const statements = parseSource(source);
  const predefined = new Map<string, number>(Object.entries(options.symbols ?? {}));
  const origin = options.origin ?? 0;
  const firstPass = runPass(statements, predefined, origin, false);
  const secondPass = runPass(statements, firstPass.symbols, origin, true);
  return { origin: secondPass.start, bytes: secondPass.image(), symbols: secondPass.symbols };
}

interface PassResult {
  readonly symbols: Map<string, number>;
  readonly start: number;
  image(): Uint8Array;
}

function runPass(
  statements: readonly Statement[],
  known: ReadonlyMap<string, number>,
  defaultOrigin: number,
  final: boolean,
): PassResult {
  const symbols = new Map<string, number>(known);
  const defined = new Set<string>();
  const memory = new Uint8Array(0x10000);
  let start: number | undefined;
  let pc = defaultOrigin;
  let end = defaultOrigin;

  const evaluate = (expr: string, line: number): number | undefined =>
    evaluateExpression(expr, { symbols, pc, line, strict: final });
  const emit = (value: number, line: number): void => {
    if (pc > 0xffff) {
      throw new AssemblerError('ASM_VALUE_OUT_OF_RANGE', line, 'code runs past $FFFF');
    }
    start ??= pc;
    if (final) memory[pc] = value & 0xff;
    pc++;
    end = Math.max(end, pc);
  };
  const define = (name: string, value: number | undefined, line: number): void => {
    if (defined.has(name) || (!final && symbols.has(name))) {
      throw new AssemblerError('ASM_DUPLICATE_SYMBOL', line, `symbol '${name}' defined twice`);
    }
    defined.add(name);
    if (value === undefined) symbols.delete(name);
    else symbols.set(name, value);
  };

  for (const statement of statements) {
    const line = statement.line;
    switch (statement.kind) {
      case 'label':
        // Operand sizes are fixed in the first pass, so a label that moves is an assembler bug.
        if (final && known.get(statement.name) !== pc) {
          throw new AssemblerError('ASM_PHASE_ERROR', line, `label '${statement.name}' moved`);
        }
        define(statement.name, pc, line);
        break;
      case 'constant':
        define(statement.name, evaluate(statement.expr, line), line);
        break;
      case 'org': {
        const target = evaluate(statement.expr, line);
        if (target === undefined) {
          throw new AssemblerError('ASM_UNDEFINED_SYMBOL', line, '.org needs a known address');
        }
        checkRange(target, 0, 0xffff, line, '.org address');
        if (start !== undefined && target < pc) {
          throw new AssemblerError(
            'ASM_ORIGIN_BACKWARDS',
            line,
            `.org $${hex(target)} is below the current address $${hex(pc)}`,
          );
        }
        if (start === undefined) end = target;
        pc = target;
        break;
      }
      case 'data':
        for (const item of statement.items) {
          if ('text' in item) {
            for (const character of item.text) emit(character.charCodeAt(0), line);
            continue;
          }
          const value = evaluate(item.expr, line) ?? 0;
          if (statement.width === 1) {
            if (final) checkRange(value, -128, 255, line, 'byte value');
            emit(value, line);
          } else {
            if (final) checkRange(value, -32768, 0xffff, line, 'word value');
            emit(value, line);
            emit(value >> 8, line);
          }
        }
        break;
      case 'fill': {
        const count = evaluate(statement.count, line);
        if (count === undefined) {
          throw new AssemblerError('ASM_UNDEFINED_SYMBOL', line, '.fill needs a known count');
        }
        checkRange(count, 0, 0x10000, line, '.fill count');
        const value = evaluate(statement.value, line) ?? 0;
        if (final) checkRange(value, -128, 255, line, '.fill value');
        for (let i = 0; i < count; i++) emit(value, line);
        break;
      }
      case 'instruction':
        assembleInstruction(statement, final, pc, evaluate, emit);
        break;
    }
  }
  const startAddress = start ?? defaultOrigin;
  return {
    symbols,
    start: startAddress,
    image: () => memory.slice(startAddress, Math.max(end, startAddress)),
  };
}

function assembleInstruction(
  statement: Extract<Statement, { kind: 'instruction' }>,
  final: boolean,
  pc: number,
  evaluate: (expr: string, line: number) => number | undefined,
  emit: (value: number, line: number) => void,
): void {
  const { line, modes, form, mnemonic } = statement;
  const value = statement.expr === '' ? undefined : evaluate(statement.expr, line);
  if (statement.mode === undefined) statement.mode = chooseMode(statement, value);
  const mode = statement.mode;
  const opcode = modes[mode]!;
  emit(opcode, line);
  if (form === 'none' || form === 'acc') return;
  const operand = value ?? 0;
  if (mode === 'rel') {
    const offset = operand - (pc + 2);
    if (final && (offset < -128 || offset > 127)) {
      throw new AssemblerError(
        'ASM_BRANCH_OUT_OF_RANGE',
        line,
        `${mnemonic} target is ${offset} bytes away (range -128..127)`,
      );
    }
    emit(offset, line);
    return;
  }
  if (OPERAND_SIZE[mode] === 1) {
    if (final) {
      if (mode === 'imm') checkRange(operand, -128, 255, line, 'immediate value');
      else checkRange(operand, 0, 255, line, 'zero-page address');
    }
    emit(operand, line);
    return;
  }
  if (final) checkRange(operand, 0, 0xffff, line, 'address');
  emit(operand, line);
  emit(operand >> 8, line);
}

function chooseMode(
  statement: Extract<Statement, { kind: 'instruction' }>,
  value: number | undefined,
): AddressingMode {
  const { modes, form, mnemonic, line } = statement;
  const pick = (mode: AddressingMode): AddressingMode => {
    if (modes[mode] === undefined) {
      throw new AssemblerError(
        'ASM_BAD_ADDRESSING_MODE',
        line,
        `${mnemonic} has no ${describeForm(form)} addressing mode`,
      );
    }
    return mode;
  };
  switch (form) {
    case 'none':
      return modes.imp !== undefined ? 'imp' : pick('acc');
    case 'acc':
      return pick('acc');
    case 'imm':
      return pick('imm');
    case 'ind':
      return pick('ind');
    case 'izx':
      return pick('izx');
    case 'izy':
      return pick('izy');
    default: {
      if (modes.rel !== undefined) {
        if (form !== 'direct') {
          throw new AssemblerError(
            'ASM_BAD_ADDRESSING_MODE',
            line,
            `${mnemonic} takes a plain branch target`,
          );
        }
        return 'rel';
      }
      const [zeroPage, absolute] =
        form === 'direct'
          ? (['zp', 'abs'] as const)
          : form === 'x'
            ? (['zpx', 'abx'] as const)
            : (['zpy', 'aby'] as const);
      const fitsPageZero = value !== undefined && value >= 0 && value <= 0xff;
      if (fitsPageZero && modes[zeroPage] !== undefined) return zeroPage;
      if (modes[absolute] !== undefined) return absolute;
      return pick(zeroPage);
    }
  }
}

function describeForm(form: OperandForm): string {
  const names: Record<OperandForm, string> = {
    none: 'implied',
    acc: 'accumulator',
    imm: 'immediate',
    direct: 'direct',
    x: 'X-indexed',
    y: 'Y-indexed',
    ind: 'indirect',
    izx: '(indirect,X)',
    izy: '(indirect),Y',
  };
  return names[form];
}

function checkRange(value: number, min: number, max: number, line: number, what: string): void {
  if (value < min || value > max) {
    throw new AssemblerError(
      'ASM_VALUE_OUT_OF_RANGE',
      line,
      `${what} ${value} is outside ${min}..${max}`,
    );
  }
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function parseSource(source: string): Statement[] {
  const statements: Statement[] = [];
  const lines = source.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    parseLine(lines[index], index + 1, statements);
  }
  return statements;
}

function parseLine(rawLine: string, line: number, out: Statement[]): void {
  let text = stripComment(rawLine, line).trim();
  const labelMatch = /^([A-Za-z_@][A-Za-z0-9_.@]*):/.exec(text);
  if (labelMatch) {
    out.push({ kind: 'label', line, name: labelMatch[1] });
    text = text.slice(labelMatch[0].length).trim();
  }
  if (text === '') return;
  const constantMatch = /^([A-Za-z_@][A-Za-z0-9_.@]*)\s*=\s*(.+)$/.exec(text);
  if (constantMatch) {
    out.push({ kind: 'constant', line, name: constantMatch[1], expr: constantMatch[2].trim() });
    return;
  }
  const wordMatch = /^(\.?[A-Za-z]+)\s*(.*)$/.exec(text);
  if (!wordMatch) {
    throw new AssemblerError('ASM_SYNTAX', line, `cannot parse '${text}'`);
  }
  const word = wordMatch[1];
  const rest = wordMatch[2].trim();
  if (word.startsWith('.')) {
    out.push(parseDirective(word.toLowerCase(), rest, line));
    return;
  }
  const mnemonic = word.toUpperCase();
  const modes = OPCODE_TABLE[mnemonic];
  if (modes === undefined) {
    throw new AssemblerError('ASM_UNKNOWN_MNEMONIC', line, `unknown mnemonic '${word}'`);
  }
  const { form, expr } = parseOperand(rest, mnemonic, line);
  out.push({ kind: 'instruction', line, mnemonic, modes, form, expr, mode: undefined });
}

function parseDirective(directive: string, rest: string, line: number): Statement {
  const items = splitList(rest, line);
  const need = (count: number, max: number): void => {
    if (items.length < count || items.length > max) {
      throw new AssemblerError('ASM_SYNTAX', line, `${directive} takes ${count}..${max} operands`);
    }
  };
  switch (directive) {
    case '.org':
      need(1, 1);
      return { kind: 'org', line, expr: items[0] };
    case '.byte':
    case '.text':
    case '.word': {
      need(1, Number.POSITIVE_INFINITY);
      const data = items.map((item): DataItem => {
        if (item.startsWith('"')) {
          if (directive === '.word') {
            throw new AssemblerError('ASM_SYNTAX', line, '.word does not take strings');
          }
          if (item.length < 2 || !item.endsWith('"')) {
            throw new AssemblerError('ASM_SYNTAX', line, `unterminated string ${item}`);
          }
          return { text: item.slice(1, -1) };
        }
        if (directive === '.text') {
          throw new AssemblerError('ASM_SYNTAX', line, '.text takes "strings" only');
        }
        return { expr: item };
      });
      return { kind: 'data', line, width: directive === '.word' ? 2 : 1, items: data };
    }
    case '.fill':
      need(1, 2);
      return { kind: 'fill', line, count: items[0], value: items[1] ?? '0' };
    default:
      throw new AssemblerError('ASM_SYNTAX', line, `unknown directive '${directive}'`);
  }
}

function parseOperand(
  rest: string,
  mnemonic: string,
  line: number,
): { form: OperandForm; expr: string } {
  if (rest === '') return { form: 'none', expr: '' };
  if (/^a$/i.test(rest)) return { form: 'acc', expr: '' };
  if (rest.startsWith('#')) return { form: 'imm', expr: nonEmpty(rest.slice(1), line) };
  const indexedIndirectX = /^\((.*),\s*[xX]\s*\)$/.exec(rest);
  if (indexedIndirectX) return { form: 'izx', expr: nonEmpty(indexedIndirectX[1], line) };
  const indirectY = /^(\(.*\))\s*,\s*[yY]$/.exec(rest);
  if (indirectY && wrappedInParentheses(indirectY[1])) {
    return { form: 'izy', expr: nonEmpty(indirectY[1].slice(1, -1), line) };
  }
  const indexed = /^(.*),\s*([xXyY])$/.exec(rest);
  if (indexed) {
    return { form: indexed[2].toLowerCase() === 'x' ? 'x' : 'y', expr: nonEmpty(indexed[1], line) };
  }
  if (mnemonic === 'JMP' && wrappedInParentheses(rest)) {
    return { form: 'ind', expr: nonEmpty(rest.slice(1, -1), line) };
  }
  if (rest.includes(',')) {
    throw new AssemblerError('ASM_BAD_ADDRESSING_MODE', line, `cannot parse operand '${rest}'`);
  }
  return { form: 'direct', expr: rest };
}

function nonEmpty(expr: string, line: number): string {
  const trimmed = expr.trim();
  if (trimmed === '') throw new AssemblerError('ASM_SYNTAX', line, 'missing operand');
  return trimmed;
}

// True when the first '(' closes at the last character, e.g. "(a+1)" but not "(a)+(b)".
function wrappedInParentheses(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

function stripComment(text: string, line: number): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (quote === '"') {
      if (character === '"') quote = undefined;
    } else if (character === '"') {
      quote = '"';
    } else if (character === "'") {
      i += 2; // a character literal is exactly 'c'
    } else if (character === ';') {
      return text.slice(0, i);
    }
  }
  if (quote !== undefined) throw new AssemblerError('ASM_SYNTAX', line, 'unterminated string');
  return text;
}

function splitList(text: string, line: number): string[] {
  if (text.trim() === '') return [];
  const items: string[] = [];
  let depth = 0;
  let quote = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (quote) {
      if (character === '"') quote = false;
    } else if (character === '"') {
      quote = true;
    } else if (character === "'") {
      current += text.slice(i, i + 3);
      i += 2;
      continue;
    } else if (character === '(') {
      depth++;
    } else if (character === ')') {
      depth--;
    } else if (character === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += character;
  }
  items.push(current.trim());
  for (const item of items) {
    if (item === '') throw new AssemblerError('ASM_SYNTAX', line, 'empty item in list');
  }
  return items;
}

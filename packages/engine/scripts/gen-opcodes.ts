/**
 * Writes `src/c64/cpu/opcodes.generated.ts`: the 6510 instruction decoder as
 * straight-line TypeScript, one block of bus accesses per opcode, so nothing
 * is interpreted or compiled at run time.
 *
 * Usage: `npx tsx packages/engine/scripts/gen-opcodes.ts [--variant switch|table] [--out file]`
 *
 * - `table` (default, what the engine ships): one named function per opcode plus a 256-entry
 *   handler table `OPCODE_HANDLERS`.
 * - `switch`: one `executeOpcode` function holding a 256-case `switch`; only written by
 *   `bench/cpu.bench.ts` (to a temporary file) to compare dispatch strategies. In Node 20 it is
 *   ~7× slower (≈25 vs ≈170 M cycles per CPU-second on the Dormann run): its bytecode exceeds
 *   V8's `--max-optimized-bytecode-size` (60 KiB), so TurboFan never optimizes it, while each
 *   small per-opcode function is optimized with its helpers inlined.
 *
 * Conventions of the emitted code: `c` is the CPU, `b` the bus, every `b.read`/`b.write` is one
 * cycle; `ea`, `v` and `t` are scratch integers. The interrupt lines are polled immediately before
 * the last bus cycle of an instruction (the NMOS 6502 samples them during the second-to-last one).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Addressing modes, named as in common 6502 opcode tables. */
type Mode =
  | 'imp'
  | 'acc'
  | 'imm'
  | 'zp'
  | 'zpx'
  | 'zpy'
  | 'abs'
  | 'abx'
  | 'aby'
  | 'izx'
  | 'izy'
  | 'ind'
  | 'rel';

/** How an instruction uses its effective address, which decides its dummy cycles. */
type Access = 'read' | 'write' | 'rmw';

const POLL = 'c.interruptPending = c.nmiLatch || (c.irqLine && c.flagI === 0);';
const POLL_OR =
  'c.interruptPending = c.interruptPending || c.nmiLatch || (c.irqLine && c.flagI === 0);';
const INC_PC = 'c.pc = (c.pc + 1) & 0xffff;';
const NZ = (expr: string) => `c.flagN = c.flagZ = ${expr};`;

/** Statements that compute `ea` doing every bus cycle of the mode except the final data access. */
function address(mode: Mode, access: Access): string {
  const alwaysFix = access !== 'read';
  const indexed = (base: string, index: string) =>
    `ea = (${base} + ${index}) & 0xffff; ` +
    (alwaysFix
      ? `b.read((${base} & 0xff00) | (ea & 0xff));`
      : `if ((${base} ^ ea) & 0x100) b.read((${base} & 0xff00) | (ea & 0xff));`);
  switch (mode) {
    case 'imm':
      return `ea = c.pc; ${INC_PC}`;
    case 'zp':
      return `ea = b.read(c.pc); ${INC_PC}`;
    case 'zpx':
      return `t = b.read(c.pc); ${INC_PC} b.read(t); ea = (t + c.x) & 0xff;`;
    case 'zpy':
      return `t = b.read(c.pc); ${INC_PC} b.read(t); ea = (t + c.y) & 0xff;`;
    case 'abs':
      return `ea = b.read(c.pc); ${INC_PC} ea |= b.read(c.pc) << 8; ${INC_PC}`;
    case 'abx':
      return `t = b.read(c.pc); ${INC_PC} t |= b.read(c.pc) << 8; ${INC_PC} ${indexed('t', 'c.x')}`;
    case 'aby':
      return `t = b.read(c.pc); ${INC_PC} t |= b.read(c.pc) << 8; ${INC_PC} ${indexed('t', 'c.y')}`;
    case 'izx':
      return `t = b.read(c.pc); ${INC_PC} b.read(t); t = (t + c.x) & 0xff; ea = b.read(t); ea |= b.read((t + 1) & 0xff) << 8;`;
    case 'izy':
      return `ea = b.read(c.pc); ${INC_PC} t = b.read(ea); t |= b.read((ea + 1) & 0xff) << 8; ${indexed('t', 'c.y')}`;
    default:
      throw new Error(`mode ${mode} has no effective address`);
  }
}

/** Operations that read one operand `v`. */
const READ_OPS: Record<string, string> = {
  LDA: `c.a = ${NZ('v')}`,
  LDX: `c.x = ${NZ('v')}`,
  LDY: `c.y = ${NZ('v')}`,
  LAX: `c.a = c.x = ${NZ('v')}`,
  AND: `c.a = ${NZ('c.a & v')}`,
  ORA: `c.a = ${NZ('c.a | v')}`,
  EOR: `c.a = ${NZ('c.a ^ v')}`,
  ADC: 'c.adc(v);',
  SBC: 'c.sbc(v);',
  CMP: `t = c.a - v; c.flagC = t >= 0 ? 1 : 0; ${NZ('t & 0xff')}`,
  CPX: `t = c.x - v; c.flagC = t >= 0 ? 1 : 0; ${NZ('t & 0xff')}`,
  CPY: `t = c.y - v; c.flagC = t >= 0 ? 1 : 0; ${NZ('t & 0xff')}`,
  BIT: 'c.flagN = v; c.flagV = (v >> 6) & 1; c.flagZ = c.a & v;',
  NOP: '',
  LAS: `c.a = c.x = c.sp = ${NZ('v & c.sp')}`,
  ANC: `c.a = ${NZ('c.a & v')} c.flagC = c.a >> 7;`,
  ALR: `t = c.a & v; c.flagC = t & 1; c.a = ${NZ('t >> 1')}`,
  ARR: 'c.arr(v);',
  ANE: `c.a = ${NZ('(c.a | ANE_MAGIC) & c.x & v')}`,
  LXA: `c.a = c.x = ${NZ('(c.a | LXA_MAGIC) & v')}`,
  SBX: `t = (c.a & c.x) - v; c.flagC = t >= 0 ? 1 : 0; c.x = ${NZ('t & 0xff')}`,
};

/** Values stored by plain store instructions. */
const WRITE_OPS: Record<string, string> = {
  STA: 'c.a',
  STX: 'c.x',
  STY: 'c.y',
  SAX: 'c.a & c.x',
};

/** Read-modify-write operations: transform `v` (and registers/flags). */
const RMW_OPS: Record<string, string> = {
  ASL: `c.flagC = v >> 7; v = (v << 1) & 0xff; ${NZ('v')}`,
  LSR: `c.flagC = v & 1; v >>= 1; ${NZ('v')}`,
  ROL: `t = c.flagC; c.flagC = v >> 7; v = ((v << 1) | t) & 0xff; ${NZ('v')}`,
  ROR: `t = c.flagC; c.flagC = v & 1; v = (v >> 1) | (t << 7); ${NZ('v')}`,
  INC: `v = (v + 1) & 0xff; ${NZ('v')}`,
  DEC: `v = (v - 1) & 0xff; ${NZ('v')}`,
  SLO: `c.flagC = v >> 7; v = (v << 1) & 0xff; c.a = ${NZ('c.a | v')}`,
  RLA: `t = c.flagC; c.flagC = v >> 7; v = ((v << 1) | t) & 0xff; c.a = ${NZ('c.a & v')}`,
  SRE: `c.flagC = v & 1; v >>= 1; c.a = ${NZ('c.a ^ v')}`,
  RRA: 't = c.flagC; c.flagC = v & 1; v = (v >> 1) | (t << 7); c.adc(v);',
  DCP: `v = (v - 1) & 0xff; t = c.a - v; c.flagC = t >= 0 ? 1 : 0; ${NZ('t & 0xff')}`,
  ISC: 'v = (v + 1) & 0xff; c.sbc(v);',
};

/** Implied-mode operations (executed after the dummy read of the 2nd cycle). */
const IMPLIED_OPS: Record<string, string> = {
  CLC: 'c.flagC = 0;',
  SEC: 'c.flagC = 1;',
  CLI: 'c.flagI = 0;',
  SEI: 'c.flagI = 1;',
  CLV: 'c.flagV = 0;',
  CLD: 'c.flagD = 0;',
  SED: 'c.flagD = 1;',
  INX: `c.x = ${NZ('(c.x + 1) & 0xff')}`,
  INY: `c.y = ${NZ('(c.y + 1) & 0xff')}`,
  DEX: `c.x = ${NZ('(c.x - 1) & 0xff')}`,
  DEY: `c.y = ${NZ('(c.y - 1) & 0xff')}`,
  TAX: `c.x = ${NZ('c.a')}`,
  TAY: `c.y = ${NZ('c.a')}`,
  TXA: `c.a = ${NZ('c.x')}`,
  TYA: `c.a = ${NZ('c.y')}`,
  TSX: `c.x = ${NZ('c.sp')}`,
  TXS: 'c.sp = c.x;',
  NOP: '',
};

/** Branch conditions. */
const BRANCHES: Record<string, string> = {
  BPL: '(c.flagN & 0x80) === 0',
  BMI: '(c.flagN & 0x80) !== 0',
  BVC: 'c.flagV === 0',
  BVS: 'c.flagV !== 0',
  BCC: 'c.flagC === 0',
  BCS: 'c.flagC !== 0',
  BNE: 'c.flagZ !== 0',
  BEQ: 'c.flagZ === 0',
};

/** One row of the decoder: mnemonic and addressing mode of each opcode, $00..$FF. */
const OPCODE_TABLE: ReadonlyArray<readonly [string, Mode]> = parseTable(`
BRK imp|ORA izx|JAM imp|SLO izx|NOP zp|ORA zp|ASL zp|SLO zp|PHP imp|ORA imm|ASL acc|ANC imm|NOP abs|ORA abs|ASL abs|SLO abs
BPL rel|ORA izy|JAM imp|SLO izy|NOP zpx|ORA zpx|ASL zpx|SLO zpx|CLC imp|ORA aby|NOP imp|SLO aby|NOP abx|ORA abx|ASL abx|SLO abx
JSR abs|AND izx|JAM imp|RLA izx|BIT zp|AND zp|ROL zp|RLA zp|PLP imp|AND imm|ROL acc|ANC imm|BIT abs|AND abs|ROL abs|RLA abs
BMI rel|AND izy|JAM imp|RLA izy|NOP zpx|AND zpx|ROL zpx|RLA zpx|SEC imp|AND aby|NOP imp|RLA aby|NOP abx|AND abx|ROL abx|RLA abx
RTI imp|EOR izx|JAM imp|SRE izx|NOP zp|EOR zp|LSR zp|SRE zp|PHA imp|EOR imm|LSR acc|ALR imm|JMP abs|EOR abs|LSR abs|SRE abs
BVC rel|EOR izy|JAM imp|SRE izy|NOP zpx|EOR zpx|LSR zpx|SRE zpx|CLI imp|EOR aby|NOP imp|SRE aby|NOP abx|EOR abx|LSR abx|SRE abx
RTS imp|ADC izx|JAM imp|RRA izx|NOP zp|ADC zp|ROR zp|RRA zp|PLA imp|ADC imm|ROR acc|ARR imm|JMP ind|ADC abs|ROR abs|RRA abs
BVS rel|ADC izy|JAM imp|RRA izy|NOP zpx|ADC zpx|ROR zpx|RRA zpx|SEI imp|ADC aby|NOP imp|RRA aby|NOP abx|ADC abx|ROR abx|RRA abx
NOP imm|STA izx|NOP imm|SAX izx|STY zp|STA zp|STX zp|SAX zp|DEY imp|NOP imm|TXA imp|ANE imm|STY abs|STA abs|STX abs|SAX abs
BCC rel|STA izy|JAM imp|SHA izy|STY zpx|STA zpx|STX zpy|SAX zpy|TYA imp|STA aby|TXS imp|TAS aby|SHY abx|STA abx|SHX aby|SHA aby
LDY imm|LDA izx|LDX imm|LAX izx|LDY zp|LDA zp|LDX zp|LAX zp|TAY imp|LDA imm|TAX imp|LXA imm|LDY abs|LDA abs|LDX abs|LAX abs
BCS rel|LDA izy|JAM imp|LAX izy|LDY zpx|LDA zpx|LDX zpy|LAX zpy|CLV imp|LDA aby|TSX imp|LAS aby|LDY abx|LDA abx|LDX aby|LAX aby
CPY imm|CMP izx|NOP imm|DCP izx|CPY zp|CMP zp|DEC zp|DCP zp|INY imp|CMP imm|DEX imp|SBX imm|CPY abs|CMP abs|DEC abs|DCP abs
BNE rel|CMP izy|JAM imp|DCP izy|NOP zpx|CMP zpx|DEC zpx|DCP zpx|CLD imp|CMP aby|NOP imp|DCP aby|NOP abx|CMP abx|DEC abx|DCP abx
CPX imm|SBC izx|NOP imm|ISC izx|CPX zp|SBC zp|INC zp|ISC zp|INX imp|SBC imm|NOP imp|SBC imm|CPX abs|SBC abs|INC abs|ISC abs
BEQ rel|SBC izy|JAM imp|ISC izy|NOP zpx|SBC zpx|INC zpx|ISC zpx|SED imp|SBC aby|NOP imp|ISC aby|NOP abx|SBC abx|INC abx|ISC abx
`);

function parseTable(text: string): Array<[string, Mode]> {
  const rows = text
    .trim()
    .split('\n')
    .flatMap((line) => line.split('|'));
  if (rows.length !== 256) throw new Error(`opcode table has ${rows.length} entries`);
  return rows.map((cell) => {
    const [mnemonic, mode] = cell.trim().split(' ');
    return [mnemonic, mode as Mode];
  });
}

/** Statements that push `value` on the stack (one write cycle). */
const push = (value: string) => `b.write(0x100 | c.sp, ${value}); c.sp = (c.sp - 1) & 0xff;`;
/** Expression that pulls one byte (one read cycle). */
const PULL_PRE = 'c.sp = (c.sp + 1) & 0xff;';

/** The body of one opcode: all of its cycles after the opcode fetch. */
function body(mnemonic: string, mode: Mode): string {
  if (mnemonic === 'JAM') {
    // The NMOS halt: it still reads the byte after the opcode, then the bus stays idle until reset.
    return 'b.read(c.pc); c.jammed = true; c.interruptPending = false;';
  }
  if (mode === 'rel') {
    return [
      POLL,
      `t = b.read(c.pc); ${INC_PC}`,
      `if (${BRANCHES[mnemonic]}) {`,
      // A taken branch reads the next opcode byte while it adds the offset; no poll on this cycle,
      // not even one made while that read is halted by RDY (see Cpu6510.haltedCycle).
      'v = c.interruptPending ? 1 : 0; b.read(c.pc); c.interruptPending = v !== 0;',
      'ea = (c.pc + ((t ^ 0x80) - 0x80)) & 0xffff;',
      `if ((ea ^ c.pc) & 0xff00) { ${POLL_OR} b.read((c.pc & 0xff00) | (ea & 0xff)); }`,
      'c.pc = ea; }',
    ].join(' ');
  }
  switch (mnemonic) {
    case 'BRK':
      // PC+2 is pushed: the byte after BRK is skipped. The vector may be hijacked by an NMI.
      return [
        `b.read(c.pc); ${INC_PC}`,
        push('c.pc >> 8'),
        push('c.pc & 0xff'),
        't = c.nmiLatch ? 0xfffa : 0xfffe; c.nmiLatch = false;',
        push('c.status | 0x30'),
        'c.flagI = 1;',
        'ea = b.read(t); ea |= b.read(t + 1) << 8; c.pc = ea;',
        // Like an interrupt entry, BRK does not poll: the handler's first instruction always runs.
        'c.interruptPending = false;',
      ].join(' ');
    case 'JSR':
      return [
        `ea = b.read(c.pc); ${INC_PC}`,
        'b.read(0x100 | c.sp);',
        push('c.pc >> 8'),
        push('c.pc & 0xff'),
        POLL,
        'ea |= b.read(c.pc) << 8; c.pc = ea;',
      ].join(' ');
    case 'RTS':
      return [
        'b.read(c.pc); b.read(0x100 | c.sp);',
        `${PULL_PRE} ea = b.read(0x100 | c.sp);`,
        `${PULL_PRE} ea |= b.read(0x100 | c.sp) << 8;`,
        POLL,
        'b.read(ea); c.pc = (ea + 1) & 0xffff;',
      ].join(' ');
    case 'RTI':
      return [
        'b.read(c.pc); b.read(0x100 | c.sp);',
        `${PULL_PRE} c.status = b.read(0x100 | c.sp);`,
        `${PULL_PRE} ea = b.read(0x100 | c.sp);`,
        POLL,
        `${PULL_PRE} ea |= b.read(0x100 | c.sp) << 8; c.pc = ea;`,
      ].join(' ');
    case 'PHA':
      return `b.read(c.pc); ${POLL} ${push('c.a')}`;
    case 'PHP':
      return `b.read(c.pc); ${POLL} ${push('c.status | 0x30')}`;
    case 'PLA':
      return `b.read(c.pc); b.read(0x100 | c.sp); ${POLL} ${PULL_PRE} c.a = ${NZ('b.read(0x100 | c.sp)')}`;
    case 'PLP':
      return `b.read(c.pc); b.read(0x100 | c.sp); ${POLL} ${PULL_PRE} c.status = b.read(0x100 | c.sp);`;
    case 'JMP':
      if (mode === 'abs') {
        return `ea = b.read(c.pc); ${INC_PC} ${POLL} ea |= b.read(c.pc) << 8; c.pc = ea;`;
      }
      // The pointer's high byte is fetched without carry into the page (the famous JMP ($xxFF) bug).
      return [
        `t = b.read(c.pc); ${INC_PC} t |= b.read(c.pc) << 8;`,
        'ea = b.read(t);',
        POLL,
        'ea |= b.read((t & 0xff00) | ((t + 1) & 0xff)) << 8; c.pc = ea;',
      ].join(' ');
    case 'SHA':
    case 'SHX':
    case 'SHY':
    case 'TAS': {
      // Stores reg & (H+1) where H is the base address high byte; on a page cross the
      // stored value also replaces the high byte of the target address.
      const index = mnemonic === 'SHY' ? 'c.x' : 'c.y';
      const pre =
        mode === 'izy'
          ? `ea = b.read(c.pc); ${INC_PC} t = b.read(ea); t |= b.read((ea + 1) & 0xff) << 8;`
          : `t = b.read(c.pc); ${INC_PC} t |= b.read(c.pc) << 8; ${INC_PC}`;
      const source = {
        SHA: 'c.a & c.x',
        SHX: 'c.x',
        SHY: 'c.y',
        TAS: '(c.sp = c.a & c.x)',
      }[mnemonic];
      return [
        pre,
        `ea = (t + ${index}) & 0xffff; b.read((t & 0xff00) | (ea & 0xff));`,
        `v = ${source} & ((t >> 8) + 1);`,
        'if ((t ^ ea) & 0x100) ea = (v << 8) | (ea & 0xff);',
        POLL,
        'b.write(ea, v & 0xff);',
      ].join(' ');
    }
    default:
      break;
  }
  if (mode === 'imp' || mode === 'acc') {
    if (mode === 'acc') {
      return `${POLL} b.read(c.pc); v = c.a; ${RMW_OPS[mnemonic]} c.a = v;`;
    }
    const op = IMPLIED_OPS[mnemonic];
    if (op === undefined) throw new Error(`no implied op ${mnemonic}`);
    return `${POLL} b.read(c.pc); ${op}`;
  }
  if (mnemonic in READ_OPS) {
    return `${address(mode, 'read')} ${POLL} v = b.read(ea); ${READ_OPS[mnemonic]}`;
  }
  if (mnemonic in WRITE_OPS) {
    return `${address(mode, 'write')} ${POLL} b.write(ea, ${WRITE_OPS[mnemonic]});`;
  }
  if (mnemonic in RMW_OPS) {
    return `${address(mode, 'rmw')} v = b.read(ea); b.write(ea, v); ${RMW_OPS[mnemonic]} ${POLL} b.write(ea, v);`;
  }
  throw new Error(`no template for ${mnemonic} ${mode}`);
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

const CPU_DIR = join(import.meta.dirname, '../src/c64/cpu');

/** Import lines for a decoder written to `outFile` (the bench writes one outside `src/`). */
function header(outFile: string): string {
  const from = (file: string) => {
    const rel = relative(dirname(outFile), join(CPU_DIR, file)).split(sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  return `// Generated by packages/engine/scripts/gen-opcodes.ts — do not edit.
// Regenerate with: npx tsx packages/engine/scripts/gen-opcodes.ts
import type { CpuBus } from '${from('../cpu-bus.js')}';
import { ANE_MAGIC, LXA_MAGIC } from '${from('cpu-flags.js')}';
import type { Cpu6510 } from '${from('cpu6510.js')}';
`;
}

const METADATA = `
/** Mnemonic of each opcode $00..$FF (undocumented ones by their common names; JAM halts the CPU). */
export const OPCODE_MNEMONICS: readonly string[] = ${JSON.stringify(OPCODE_TABLE.map(([m]) => m))};

/** Addressing mode of each opcode $00..$FF: imp acc imm zp zpx zpy abs abx aby izx izy ind rel. */
export const OPCODE_MODES: readonly string[] = ${JSON.stringify(OPCODE_TABLE.map(([, m]) => m))};
`;

function emitSwitch(outFile: string): string {
  const cases = OPCODE_TABLE.map(
    ([mnemonic, mode], op) =>
      `    case 0x${hex(op)}: { // ${mnemonic} ${mode}\n${lines(body(mnemonic, mode), '      ')}\n      return;\n    }`,
  );
  return `${header(outFile)}${METADATA}
/**
 * Executes every cycle of one instruction after its opcode fetch (PC already points past the opcode).
 * @internal
 */
export function executeOpcode(c: Cpu6510, b: CpuBus, op: number): void {
  let ea = 0;
  let v = 0;
  let t = 0;
  switch (op) {
${cases.join('\n')}
  }
}
`;
}

/** One statement per line (splits at top-level `;`), indented for the generated file. */
function lines(code: string, indent: string): string {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    if (depth === 0 && (ch === ';' || ch === '}')) {
      const next = code.slice(i + 1).trimStart();
      // Keep `} else {` together; otherwise end the line here.
      if (ch === '}' && next.startsWith('else')) continue;
      out.push(code.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = code.slice(start).trim();
  if (rest) out.push(rest);
  return out
    .filter((line) => line.length > 0)
    .map((line) => indent + line)
    .join('\n');
}

/** Declarations of the scratch variables a body uses. */
function scratch(code: string): string {
  return ['ea', 'v', 't']
    .filter((name) => new RegExp(`\\b${name}\\b`).test(code))
    .map((name) => `  let ${name} = 0;\n`)
    .join('');
}

function emitTable(outFile: string): string {
  const fns = OPCODE_TABLE.map(
    ([mnemonic, mode], op) =>
      `function op${hex(op)}${mnemonic}(c: Cpu6510, b: CpuBus): void {\n${scratch(body(mnemonic, mode))}${lines(body(mnemonic, mode), '  ')}\n}`,
  );
  return `${header(outFile)}${METADATA}
${fns.join('\n\n')}

/**
 * One handler per opcode, each executing every cycle after the opcode fetch.
 * @internal
 */
export const OPCODE_HANDLERS: ReadonlyArray<(c: Cpu6510, b: CpuBus) => void> = [
${OPCODE_TABLE.map(([mnemonic], op) => `  op${hex(op)}${mnemonic},`).join('\n')}
];
`;
}

/** Default output: the decoder the engine ships. */
export const DECODER_FILE = join(CPU_DIR, 'opcodes.generated.ts');

/**
 * Source text of the decoder.
 * @param variant - `table` (shipped) or `switch` (bench comparison only)
 * @param outFile - where it will be written (relative imports are computed from it)
 */
export function emitDecoder(variant: 'table' | 'switch', outFile: string): string {
  return variant === 'switch' ? emitSwitch(outFile) : emitTable(outFile);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const variant = args.includes('--variant') ? args[args.indexOf('--variant') + 1] : 'table';
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : DECODER_FILE;
  writeFileSync(out, emitDecoder(variant === 'switch' ? 'switch' : 'table', out));
  console.log(`wrote ${variant} decoder to ${out}`);
}

/**
 * Runs every ```ts block of the `@sidflow/core` README and the guides in `docs/guides/`, so the
 * documentation cannot drift from the code.
 *
 * How: each block is written as-is to a temporary `.ts` file and imported through vitest, whose
 * alias maps `@sidflow/core` to `packages/core/src/index.ts` (see the root `vitest.config.ts`),
 * so no build is needed and the examples run against the current source. A block is a whole
 * ES module (top-level `await` is allowed) that runs with the repository root as working
 * directory, `HVSC` pointing at the shared HVSC sample and `os.tmpdir()` pointing at a fresh
 * scratch folder removed afterwards. The temporary folder links the repository's
 * `node_modules`, so other bare imports (e.g. `zod`) resolve as they would in a project that
 * depends on `@sidflow/core`. The ```text block right after each ```ts block (only blank lines
 * between) is that example's expected `console.log` output, compared exactly; every example
 * must have one. The same files are also typechecked with
 * the repository's `tsconfig.json`, which maps `@sidflow/core` the same way.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const repoRoot = join(import.meta.dirname, '../../..');
const hvscSample = join(repoRoot, '../shared/hvsc-sample/C64Music');

/** One runnable ```ts block of a Markdown file. */
interface DocExample {
  /** Markdown file, relative to the repository root. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The TypeScript source. */
  readonly code: string;
  /** Expected `console.log` output: the ```text block right after, if there is one. */
  readonly output: string | undefined;
}

/** A fenced block: its info string's first word, 1-based fence lines and content. */
interface FencedBlock {
  readonly lang: string;
  readonly open: number;
  readonly close: number;
  readonly body: string;
}

function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (fence === null) continue;
    const open = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({ lang: fence[1], open, close: i + 1, body: body.join('\n') });
  }
  return blocks;
}

function extractExamples(file: string): DocExample[] {
  const markdown = readFileSync(file, 'utf8');
  const doc = relative(repoRoot, file);
  const lines = markdown.split('\n');
  const blocks = fencedBlocks(markdown);
  const examples: DocExample[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'ts') return;
    const next = blocks[index + 1];
    // Only blank lines may separate an example from its output block.
    const adjacent =
      next !== undefined &&
      next.lang === 'text' &&
      lines.slice(block.close, next.open - 1).every((line) => line.trim() === '');
    examples.push({
      doc,
      line: block.open,
      code: block.body,
      output: adjacent ? next.body : undefined,
    });
  });
  return examples;
}

function documentationFiles(): string[] {
  const guides = join(repoRoot, 'docs/guides');
  return [
    join(repoRoot, 'packages/core/README.md'),
    ...readdirSync(guides)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(guides, name)),
  ];
}

const examples = documentationFiles().flatMap(extractExamples);
let workDir = '';
const exampleFile = (example: DocExample) =>
  join(workDir, 'examples', `${basename(example.doc, '.md')}-${example.line}.ts`);

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sidflow-doc-examples-'));
  mkdirSync(join(workDir, 'examples'));
  symlinkSync(join(repoRoot, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  for (const example of examples) writeFileSync(exampleFile(example), `${example.code}\n`);
});

afterAll(() => {
  if (workDir === '') return;
  // Unlinked first so that no recursive removal can ever walk into the real node_modules.
  unlinkSync(join(workDir, 'node_modules'));
  rmSync(workDir, { recursive: true, force: true });
});

describe('documentation examples', () => {
  it('finds examples in the README and in every guide, each with its output', () => {
    const docs = new Set(examples.map((example) => example.doc));
    expect(docs).toContain('packages/core/README.md');
    for (const file of documentationFiles().slice(1)) {
      if (basename(file) === 'README.md') continue;
      expect(docs, `${relative(repoRoot, file)} has no ts example`).toContain(
        relative(repoRoot, file),
      );
    }
    const withoutOutput = examples.filter((example) => example.output === undefined);
    expect(withoutOutput.map((example) => `${example.doc}:${example.line}`)).toEqual([]);
  });

  it.each(examples.map((example) => [`${example.doc}:${example.line}`, example] as const))(
    'runs %s',
    async (_name, example) => {
      const scratch = mkdtempSync(join(workDir, 'tmp-'));
      const saved = { cwd: process.cwd(), TMPDIR: process.env.TMPDIR, HVSC: process.env.HVSC };
      const printed: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(format(...args));
      });
      try {
        process.chdir(repoRoot);
        process.env.TMPDIR = scratch;
        process.env.HVSC = hvscSample;
        await import(/* @vite-ignore */ pathToFileURL(exampleFile(example)).href);
      } finally {
        log.mockRestore();
        process.chdir(saved.cwd);
        for (const key of ['TMPDIR', 'HVSC'] as const) {
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
        }
      }
      expect(printed.join('\n').trimEnd()).toBe(example.output?.trimEnd());
    },
  );

  it('typechecks every example against the source', () => {
    const configPath = join(repoRoot, 'tsconfig.json');
    const config = ts.parseJsonConfigFileContent(
      ts.readConfigFile(configPath, ts.sys.readFile).config,
      ts.sys,
      repoRoot,
      undefined,
      configPath,
    );
    const program = ts.createProgram(examples.map(exampleFile), {
      ...config.options,
      noEmit: true,
      declaration: false,
    });
    const problems = examples.flatMap((example) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(exampleFile(example)))
        .map((diagnostic) => {
          const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
          const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
          // Line 1 of the example is the line after the opening fence.
          return `${example.doc}:${example.line + (where?.line ?? 0) + 1}: ${text}`;
        }),
    );
    expect(problems).toEqual([]);
  });
});

import { HvscParseError, type HvscParseErrorCode } from './hvsc-parse-error.js';
import { StilDatabase } from './stil-database.js';
import type { StilBlock, StilCover, StilEntry, StilField } from './stil-entry.js';
import { decodeLatin1 } from './text-lines.js';

/** Field names are right-aligned so the colon sits in column 8; text indented further is a continuation. */
const fieldPattern = /^ {0,7}([A-Z][A-Z0-9_]*):/;
const subtunePattern = /^\(#(\d{1,5})\)$/;
const whiteSpace = /\s/;
/** PSID headers allow at most 256 songs. */
const maxSubtune = 256;

interface EntryBuilder {
  path: string;
  global: StilField[];
  subtunes: Map<number, StilField[]> | undefined;
}

const noSubtunes: ReadonlyMap<number, StilBlock> = new Map();
const noCovers: readonly StilCover[] = [];

/**
 * Parses the STIL text format shared by STIL.txt and BUGlist.txt:
 * an entry starts with an HVSC path line (`/PATH/file.sid`, or a folder ending
 * in `/`), optional `(#N)` lines open per-subtune blocks, `NAME: text` fields
 * follow, indented lines continue the previous field, `#` lines are comments
 * and a blank line ends the entry. An unindented line that is none of these
 * (BUGlist's `(Reporter)` credit lines) continues the previous field.
 *
 * @param code - error code to throw for this document kind
 * @throws {@link HvscParseError} with `code`, naming the first bad line
 */
export function parseStilDocument(
  input: string | Uint8Array,
  code: HvscParseErrorCode,
): StilDatabase {
  const text = typeof input === 'string' ? input : decodeLatin1(input);
  const builders = new Map<string, EntryBuilder>();
  let entry: EntryBuilder | undefined;
  let block: StilField[] | undefined;
  // The open field's text so far; it is written back to `block` when a continuation extends it.
  let field: { name: string; value: string } | undefined;
  let lineNumber = 0;

  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    lineNumber++;
    const first = text.charCodeAt(start);
    if (first === 0x23 /* # */) {
      field = undefined;
      start = next;
      continue;
    }
    const line = text.slice(start, end).trimEnd();
    start = next;

    if (line.length === 0 || line.trimStart().length === 0) {
      entry = block = field = undefined;
      continue;
    }
    if (first === 0x2f /* / */) {
      if (whiteSpace.test(line))
        throw syntaxError(code, lineNumber, line, 'HVSC path with white space');
      entry = builders.get(line);
      if (entry === undefined) {
        entry = { path: line, global: [], subtunes: undefined };
        builders.set(line, entry);
      }
      block = entry.global;
      field = undefined;
      continue;
    }
    if (first === 0x28 /* ( */) {
      const subtune = subtunePattern.exec(line);
      if (subtune !== null) {
        if (entry === undefined)
          throw syntaxError(code, lineNumber, line, 'subtune marker outside an entry');
        const n = Number(subtune[1]);
        if (n < 1 || n > maxSubtune) {
          throw syntaxError(code, lineNumber, line, `subtune number out of 1..${maxSubtune}`);
        }
        entry.subtunes ??= new Map();
        block = entry.subtunes.get(n);
        if (block === undefined) {
          block = [];
          entry.subtunes.set(n, block);
        }
        field = undefined;
        continue;
      }
    }
    const named = fieldPattern.exec(line);
    if (named !== null) {
      if (block === undefined) throw syntaxError(code, lineNumber, line, 'field outside an entry');
      field = { name: named[1], value: line.slice(named[0].length).trim() };
      block.push(field);
      continue;
    }
    if (field === undefined) throw syntaxError(code, lineNumber, line, 'text outside a field');
    const more = line.trim();
    field.value = field.value === '' ? more : `${field.value}\n${more}`;
  }

  const entries: StilEntry[] = [];
  for (const builder of builders.values()) {
    let subtunes = noSubtunes;
    if (builder.subtunes !== undefined) {
      const blocks = new Map<number, StilBlock>();
      for (const [n, fields] of builder.subtunes) blocks.set(n, toBlock(fields));
      subtunes = blocks;
    }
    entries.push({
      path: builder.path,
      isDirectory: builder.path.endsWith('/'),
      global: toBlock(builder.global),
      subtunes,
    });
  }
  return new StilDatabase(entries);
}

function syntaxError(
  code: HvscParseErrorCode,
  lineNumber: number,
  line: string,
  message: string,
): HvscParseError {
  const shown = line.length > 40 ? `${line.slice(0, 40)}...` : line;
  return new HvscParseError(code, `${message}: "${shown}"`, lineNumber);
}

function toBlock(fields: StilField[]): StilBlock {
  return { fields, covers: groupCovers(fields) };
}

/**
 * A `TITLE` opens a cover; the `ARTIST` and then `COMMENT` right after it
 * belong to that cover. An `ARTIST` with no open title starts a cover of its
 * own; any other field closes the open cover.
 */
function groupCovers(fields: readonly StilField[]): readonly StilCover[] {
  let covers: { title?: string; artist?: string; comment?: string }[] | undefined;
  let open: { title?: string; artist?: string; comment?: string } | undefined;
  for (const { name, value } of fields) {
    if (name === 'TITLE') {
      open = { title: value };
      (covers ??= []).push(open);
    } else if (name === 'ARTIST') {
      if (open === undefined || open.artist !== undefined || open.comment !== undefined) {
        open = {};
        (covers ??= []).push(open);
      }
      open.artist = value;
    } else if (name === 'COMMENT' && open !== undefined && open.comment === undefined) {
      open.comment = value;
      open = undefined;
    } else {
      open = undefined;
    }
  }
  return covers ?? noCovers;
}

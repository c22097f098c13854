import { HvscParseError } from './hvsc-parse-error.js';
import { normalizeHvscPath } from './normalize-hvsc-path.js';
import { matchSongLength } from './song-length.js';
import { SonglengthsDatabase, type SonglengthsEntry } from './songlengths-database.js';
import { textLines } from './text-lines.js';

const md5Pattern = /^[0-9a-fA-F]{32}$/;

/**
 * Parses HVSC's `Songlengths.md5` (an INI-style file): records `md5=len len ...`
 * in the `[Database]` section, each optionally preceded by a `; /PATH/Tune.sid`
 * comment naming its tune. Lengths may be in the old `M:SS` form (with
 * optional fraction and `(G)`/`(M)`/`(B)`-style attributes) or the `M:SS.mmm`
 * form used since HVSC #68. Bytes are decoded as ISO-8859-1.
 *
 * @throws {@link HvscParseError} `HVSC_SONGLENGTHS_SYNTAX` naming the first bad line
 */
export function parseSonglengths(input: string | Uint8Array): SonglengthsDatabase {
  const lines = textLines(input);
  const entries: SonglengthsEntry[] = [];
  let section: string | undefined;
  let pendingPath: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const first = line.charCodeAt(0);
    if (first === 0x3b /* ; */) {
      const comment = line.slice(1).trim();
      if (comment.startsWith('/')) pendingPath = normalizeHvscPath(comment);
      continue;
    }
    if (first === 0x5b /* [ */) {
      if (!line.endsWith(']')) throw syntaxError(i, `unterminated section header "${clip(line)}"`);
      section = line.slice(1, -1).trim().toLowerCase();
      pendingPath = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw syntaxError(i, `expected "md5=lengths", got "${clip(line)}"`);
    if (section === undefined) throw syntaxError(i, 'record before the [Database] section');
    if (section !== 'database') continue;

    const md5 = line.slice(0, eq).trim();
    if (!md5Pattern.test(md5)) throw syntaxError(i, `not an MD5: "${clip(md5)}"`);
    const tokens = line
      .slice(eq + 1)
      .trim()
      .split(/\s+/);
    if (tokens[0] === '') throw syntaxError(i, `no lengths for ${md5}`);
    const lengthsMs: number[] = [];
    let attributes: (string | undefined)[] | undefined;
    for (let t = 0; t < tokens.length; t++) {
      const length = matchSongLength(tokens[t]);
      if (length === undefined) throw syntaxError(i, `not a song length: "${clip(tokens[t])}"`);
      lengthsMs.push(length.ms);
      if (length.attribute !== undefined) {
        attributes ??= new Array(tokens.length).fill(undefined);
        attributes[t] = length.attribute;
      }
    }
    const entry: SonglengthsEntry = {
      md5: md5.toLowerCase(),
      lengthsMs,
      ...(pendingPath !== undefined && { path: pendingPath }),
      ...(attributes !== undefined && { attributes }),
    };
    entries.push(entry);
    pendingPath = undefined;
  }
  return new SonglengthsDatabase(entries);
}

function syntaxError(lineIndex: number, message: string): HvscParseError {
  return new HvscParseError('HVSC_SONGLENGTHS_SYNTAX', message, lineIndex + 1);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

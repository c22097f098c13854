import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HvscParseError,
  HvscReadError,
  loadBuglist,
  loadStil,
  normalizeHvscPath,
  parseBuglist,
  parseStil,
  StilDatabase,
  stilFieldValues,
} from '../src/hvsc/index.js';

const documents = join(import.meta.dirname, '../../../../shared/hvsc-sample/C64Music/DOCUMENTS');
const stilBytes = readFileSync(join(documents, 'STIL.txt'));
const stil = parseStil(stilBytes);
const commando = '/MUSICIANS/H/Hubbard_Rob/Commando.sid';

describe('parseStil on the real STIL.txt (v74)', () => {
  it('reads every file and folder entry', () => {
    const lines = stilBytes.toString('latin1').split('\n');
    const pathLines = new Set(lines.filter((l) => l.startsWith('/')));
    expect(stil.size).toBe(pathLines.size);
    expect([...stil].filter((e) => e.isDirectory).length).toBe(
      [...pathLines].filter((p) => p.endsWith('/')).length,
    );
  });

  it('finds Commando with its file-global comment and per-subtune covers', () => {
    const entry = stil.get(commando)!;
    expect(entry.path).toBe(commando);
    expect(entry.isDirectory).toBe(false);
    const [comment] = stilFieldValues(entry.global, 'COMMENT');
    expect(
      comment.startsWith(
        '"There is an interesting story behind Commando. I went down to their\noffice',
      ),
    ).toBe(true);
    expect(comment.endsWith('a train home by 10.00 am..." (RH)')).toBe(true);
    expect(comment.split('\n')).toHaveLength(8);
    expect([...entry.subtunes.keys()]).toEqual([1, 3]);

    const first = stil.subtune(commando, 1)!;
    expect(first.fields).toHaveLength(14);
    expect(first.covers).toHaveLength(7);
    expect(first.covers[0]).toEqual({
      title: 'BGM1 [from the arcade game Commando] (0:00)',
      artist: 'Tamayo Kawamoto',
    });
    expect(first.covers[6].title).toBe('Base [from the arcade game Commando] (3:33-3:36)');
    expect(stil.subtune(commando, 3)?.covers).toEqual([
      { title: '<?> [from the arcade game Commando]', artist: 'Tamayo Kawamoto' },
    ]);
    expect(stil.subtune(commando, 2)).toBeUndefined();
  });

  it('decodes ISO-8859-1 text', () => {
    const entry = stil.get('/DEMOS/A-F/A_Case_for_Two_remix.sid')!;
    expect(entry.global.covers).toEqual([
      {
        title: 'Ein Fall f\u00fcr Zwei [from the TV series]',
        artist: 'Klaus Doldinger',
        comment: 'Remix of /MUSICIANS/R/Rockin_Limited/Ein_Fall_fuer_2.sid',
      },
    ]);
  });

  it('reads NAME and AUTHOR fields, including values with colons', () => {
    expect(stil.get('/DEMOS/A-F/ASM_Chronicles_Tea_for_the_Seasick.sid')?.global.fields).toEqual([
      { name: 'NAME', value: 'ASM Chronicles: Tea for the Seasick' },
    ]);
    const oldTv = stil.get('/DEMOS/M-R/Old_TV_Tune.sid')!;
    expect(stilFieldValues(oldTv.global, 'AUTHOR')).toEqual(['Romas Petrov (Megus)']);
    expect(oldTv.global.covers).toEqual([{ title: 'Old TV Tune [from the Spectrum AY module]' }]);
    const gerry = '/MUSICIANS/H/Hubbard_Rob/Gerry_the_Germ.sid';
    expect(stilFieldValues(stil.subtune(gerry, 2), 'NAME')).toEqual(['Kidney']);
    expect(stilFieldValues(undefined, 'NAME')).toEqual([]);
  });

  it('reads folder comments and finds the comment of a file`s folder', () => {
    const folder = stil.get('/MUSICIANS/0-9/4-Mat/')!;
    expect(folder.isDirectory).toBe(true);
    expect(stilFieldValues(folder.global, 'COMMENT')).toEqual([
      "Matt Simmonds' own comments are denoted (MS).",
    ]);
    expect(stil.directoryOf('/MUSICIANS/0-9/4-Mat/AY_Tester.sid')).toBe(folder);
    expect(stilFieldValues(stil.directoryOf(commando)?.global, 'COMMENT')[0]).toContain(
      "Hubbard's own comments are denoted (RH).",
    );
    expect(stil.directoryOf('/DEMOS/0-9/12345.sid')).toBeUndefined();
  });

  it('keeps Q: and A: inside a continuation as text, not as fields', () => {
    const withQa = [...stil].find((e) =>
      [e.global, ...e.subtunes.values()].some((b) => b.fields.some((f) => /\nQ: /.test(f.value))),
    );
    expect(withQa).toBeDefined();
    for (const entry of stil) {
      for (const block of [entry.global, ...entry.subtunes.values()]) {
        for (const field of block.fields) {
          expect(['TITLE', 'ARTIST', 'COMMENT', 'NAME', 'AUTHOR']).toContain(field.name);
        }
      }
    }
  });
});

describe('parseBuglist on the real BUGlist.txt', () => {
  const bugs = parseBuglist(readFileSync(join(documents, 'BUGlist.txt')));

  it('reads every entry with its BUG text and reporter credit', () => {
    expect(bugs.size).toBe(34);
    expect(stilFieldValues(bugs.get('/DEMOS/UNKNOWN/Misc_Tune_05.sid')?.global, 'BUG')).toEqual([
      'Subtune #1 plays bad notes at 0:46. No bad reads.\n(Wilfred)',
    ]);
    const [digital] = stilFieldValues(bugs.get('/DEMOS/A-F/Digital_II.sid')?.global, 'BUG');
    expect(digital.split('\n')).toEqual([
      'Original has part of the samples overwritten by a ML monitor, hence',
      'playing "garbage" at some point (0:32-0:33 and 1:02-1:03). This rip',
      'has that sample repaired. No other good source known.',
      '(iAN CooG)',
    ]);
  });
});

describe('STIL format rules', () => {
  it('reads any WORD: field, continuations, (#N) blocks, CRLF and repeated entries', () => {
    const db = parseStil(
      [
        '#  header comment',
        '/A/b.sid',
        '  TITLE: Song',
        ' ARTIST: Someone',
        'COMMENT: first line',
        '         second line',
        '(#2)',
        '  TITLE: Medley part 1',
        '  TITLE: Medley part 2',
        ' ARTIST: Two',
        ' ARTIST: Lone artist',
        '  EXTRA: custom field',
        'COMMENT:',
        '         starts on the next line',
        '',
        '/A/b.sid',
        '(#2)',
        'COMMENT: appended later',
      ].join('\r\n'),
    );
    const entry = db.get('A/b.sid')!;
    expect(entry.global.covers).toEqual([
      { title: 'Song', artist: 'Someone', comment: 'first line\nsecond line' },
    ]);
    const two = entry.subtunes.get(2)!;
    expect(two.covers).toEqual([
      { title: 'Medley part 1' },
      { title: 'Medley part 2', artist: 'Two' },
      { artist: 'Lone artist' },
    ]);
    expect(stilFieldValues(two, 'EXTRA')).toEqual(['custom field']);
    expect(stilFieldValues(two, 'COMMENT')).toEqual(['starts on the next line', 'appended later']);
  });

  it.each([
    ['  TITLE: orphan', 1, 'field outside an entry'],
    ['(#1)', 1, 'subtune marker outside an entry'],
    ['/a.sid\n(#0)', 2, 'subtune number out of 1..256'],
    ['/a.sid\n(#257)', 2, 'subtune number out of 1..256'],
    ['/a.sid\n         dangling', 2, 'text outside a field'],
    ['/a.sid\nCOMMENT: x\n\n         after blank', 4, 'text outside a field'],
    ['/a b.sid', 1, 'HVSC path with white space'],
  ])('rejects %j at line %i', (text, line, message) => {
    for (const [parse, code] of [
      [parseStil, 'HVSC_STIL_SYNTAX'],
      [parseBuglist, 'HVSC_BUGLIST_SYNTAX'],
    ] as const) {
      let caught: unknown;
      try {
        parse(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(HvscParseError);
      expect(caught).toMatchObject({ code, line });
      expect((caught as Error).message).toContain(message);
    }
  });

  it('builds a database from entries, the later entry for a path winning', () => {
    const block = { fields: [], covers: [] };
    const a = { path: '/x.sid', isDirectory: false, global: block, subtunes: new Map() };
    const b = { ...a, path: 'x.sid' };
    const db = new StilDatabase([a, b]);
    expect(db.size).toBe(1);
    expect(db.get('/x.sid')).toBe(b);
  });

  it('normalises HVSC paths', () => {
    expect(normalizeHvscPath('MUSICIANS\\H\\x.sid')).toBe('/MUSICIANS/H/x.sid');
    expect(normalizeHvscPath(' //A//b.sid ')).toBe('/A/b.sid');
  });
});

describe('loading STIL and BUGlist files', () => {
  it('loads both documents', async () => {
    expect((await loadStil(join(documents, 'STIL.txt'))).get(commando)).toBeDefined();
    expect((await loadBuglist(join(documents, 'BUGlist.txt'))).size).toBe(34);
  });

  it('throws HvscReadError for a missing file', async () => {
    await expect(loadStil(join(documents, 'nope.txt'))).rejects.toBeInstanceOf(HvscReadError);
    await expect(loadBuglist(join(documents, 'nope.txt'))).rejects.toBeInstanceOf(HvscReadError);
  });
});

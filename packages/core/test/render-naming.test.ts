import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRenderFileName,
  parseRenderFileName,
  type RenderChipTag,
  type RenderEncoding,
  RenderNamingError,
  sanitizeRenderName,
} from '../src/render/index.js';

function thrown(fn: () => unknown): RenderNamingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RenderNamingError);
    return error as RenderNamingError;
  }
  throw new Error('expected a RenderNamingError');
}

describe('formatRenderFileName', () => {
  it('builds the product brief example', () => {
    expect(
      formatRenderFileName({
        name: 'Commando',
        trackIndex: 2,
        trackCount: 3,
        platform: 'sidplayfp',
        chip: '6581',
        encoding: 'flac',
      }),
    ).toBe('Commando-2-sidplayfp-6581.flac');
  });

  it('leaves out the track index for single-track tunes', () => {
    const base = { name: 'Wizball', platform: 'c64u', chip: '8580r5', encoding: 'm4a' } as const;
    expect(formatRenderFileName({ ...base, trackIndex: 1, trackCount: 1 })).toBe(
      'Wizball-c64u-8580r5.m4a',
    );
    expect(formatRenderFileName(base)).toBe('Wizball-c64u-8580r5.m4a');
    expect(formatRenderFileName({ ...base, trackIndex: null, trackCount: 4 })).toBe(
      'Wizball-c64u-8580r5.m4a',
    );
    expect(formatRenderFileName({ ...base, platform: 'sidflow', trackIndex: 12 })).toBe(
      'Wizball-12-sidflow-8580r5.m4a',
    );
  });

  it('sanitises the name', () => {
    expect(
      formatRenderFileName({
        name: 'Last Ninja 2: Part 1/3',
        platform: 'sidflow',
        chip: '6581',
        encoding: 'wav',
      }),
    ).toBe('Last_Ninja_2_Part_1_3-sidflow-6581.wav');
  });

  it('rejects invalid parts naming them', () => {
    const base = { name: 'A', platform: 'sidplayfp', chip: '6581', encoding: 'wav' } as const;
    expect(thrown(() => formatRenderFileName({ ...base, platform: 'Sid-Play' })).message).toContain(
      'platform "Sid-Play"',
    );
    expect(thrown(() => formatRenderFileName({ ...base, platform: '123' })).message).toContain(
      'platform',
    );
    expect(
      thrown(() => formatRenderFileName({ ...base, chip: '8580' as RenderChipTag })).message,
    ).toContain('chip "8580"');
    expect(
      thrown(() => formatRenderFileName({ ...base, encoding: 'mp3' as RenderEncoding })).message,
    ).toContain('encoding "mp3"');
    expect(thrown(() => formatRenderFileName({ ...base, trackIndex: 0 })).message).toContain(
      '1-based',
    );
    expect(thrown(() => formatRenderFileName({ ...base, trackIndex: 1.5 })).code).toBe(
      'RENDER_NAME_INVALID_PART',
    );
    expect(
      thrown(() => formatRenderFileName({ ...base, trackIndex: 4, trackCount: 3 })).message,
    ).toContain('trackCount (3)');
    expect(thrown(() => formatRenderFileName({ ...base, trackCount: 0 })).message).toContain(
      'trackCount 0',
    );
  });
});

describe('sanitizeRenderName', () => {
  it.each([
    ['Commando', 'Commando'],
    ['Ärger über Öl', 'Arger_uber_Ol'],
    ['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['  spaced  out  ', 'spaced_out_'],
    ['.hidden', 'hidden'],
    ['trailing...', 'trailing'],
    ['Tune-2', 'Tune_2'],
    ['Bad-Apple', 'Bad-Apple'],
    ['CON', 'CON_'],
    ['lpt1.txt', 'lpt1.txt_'],
    ['', 'untitled'],
    ['...', 'untitled'],
    ['///', 'untitled'],
    ["Rock'n'Roll (Remix) & More!", "Rock'n'Roll_(Remix)_&_More!"],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeRenderName(input)).toBe(expected);
  });

  it('caps the length at 200 characters', () => {
    expect(sanitizeRenderName('x'.repeat(500))).toHaveLength(200);
  });
});

describe('parseRenderFileName', () => {
  it('parses names with and without a track index', () => {
    expect(parseRenderFileName('Commando-2-sidplayfp-6581.flac')).toEqual({
      name: 'Commando',
      trackIndex: 2,
      platform: 'sidplayfp',
      chip: '6581',
      encoding: 'flac',
    });
    expect(parseRenderFileName('Bad-Apple-c64u-8580r5.wav')).toEqual({
      name: 'Bad-Apple',
      trackIndex: null,
      platform: 'c64u',
      chip: '8580r5',
      encoding: 'wav',
    });
    expect(parseRenderFileName('x-c64u_6581-sidflow-6581.m4a').name).toBe('x-c64u_6581');
    expect(parseRenderFileName('x-c64u-6581-sidflow-6581.m4a')).toMatchObject({
      name: 'x-c64u',
      trackIndex: 6581,
    });
  });

  it.each([
    'Commando.flac',
    'Commando-sidplayfp-6581.mp3',
    'Commando-sidplayfp-8580.flac',
    'Commando-0-sidplayfp-6581.flac',
    '-sidplayfp-6581.flac',
    'Commando-SIDPLAYFP-6581.flac',
  ])('rejects %j', (name) => {
    expect(thrown(() => parseRenderFileName(name)).code).toBe('RENDER_NAME_UNPARSABLE');
  });

  it('inverts formatRenderFileName for any name', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.option(fc.integer({ min: 1, max: 256 }), { nil: null }),
        fc.constantFrom('sidplayfp', 'c64u', 'sidflow', 'vice3'),
        fc.constantFrom<RenderChipTag>('6581', '8580r5'),
        fc.constantFrom<RenderEncoding>('wav', 'm4a', 'flac'),
        (name, trackIndex, platform, chip, encoding) => {
          const fileName = formatRenderFileName({ name, trackIndex, platform, chip, encoding });
          expect(parseRenderFileName(fileName)).toEqual({
            name: sanitizeRenderName(name),
            trackIndex,
            platform,
            chip,
            encoding,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

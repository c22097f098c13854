import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  applyConfigEnvOverrides,
  ConfigError,
  configEnvVariables,
  defaultSidflowConfig,
  describeValidationError,
  describeValue,
  formatIssuePath,
  loadConfig,
  parseConfigText,
  parseConfigValue,
} from '../src/config/index.js';

const temp = mkdtempSync(join(tmpdir(), 'sidflow-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

async function rejected(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('has a default for every setting, matching the product brief', () => {
    const config = defaultSidflowConfig();
    expect(config.render).toEqual({
      formats: ['wav', 'm4a', 'flac'],
      m4aBitrate: 256,
      flacLevel: 5,
      sampleRate: 44100,
    });
    expect(config.cache).toMatchObject({
      cacheWav: false,
      stopWavAtPercent: 70,
      stopFlacAtPercent: 80,
      stopAllAtPercent: 90,
      maxDiskUsePercent: 95,
    });
    expect(config.ultimate64).toEqual({ host: null, port: 80, https: false, password: null });
    expect(config.roms).toEqual({ kernal: null, basic: null, chargen: null });
    expect(config.sidplayfp.path).toBe('sidplayfp');
    expect(config.engine).toEqual({ clock: 'pal', chipModel: '6581', filter: true });
  });

  it('fills a partial section and keeps the given values', () => {
    const config = parseConfigText('{"render":{"flacLevel":8}}', { baseDir: '/b' });
    expect(config.render.flacLevel).toBe(8);
    expect(config.render.m4aBitrate).toBe(256);
  });
});

describe('parseConfigText', () => {
  it('resolves relative paths against the base folder and keeps bare command names', () => {
    const config = parseConfigText(
      JSON.stringify({
        hvscRoot: 'h',
        dataDir: '/abs/data',
        cache: { dir: 'c' },
        roms: { kernal: 'roms/k.bin' },
        sidplayfp: { path: 'sidplayfp' },
      }),
      { baseDir: '/base' },
    );
    expect(config.hvscRoot).toBe('/base/h');
    expect(config.dataDir).toBe('/abs/data');
    expect(config.cache.dir).toBe('/base/c');
    expect(config.roms.kernal).toBe('/base/roms/k.bin');
    expect(config.roms.basic).toBeNull();
    expect(config.sidplayfp.path).toBe('sidplayfp');
    expect(
      parseConfigText('{"sidplayfp":{"path":"bin/sidplayfp"}}', { baseDir: '/base' }).sidplayfp
        .path,
    ).toBe('/base/bin/sidplayfp');
  });

  it('names the offending path, expectation, value and file', () => {
    const error = thrown(() =>
      parseConfigText('{"render":{"m4aBitrate":"abc"}}', { source: '/x/.sidflow.json' }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.file).toBe('/x/.sidflow.json');
    expect(error.problems).toEqual([
      'render.m4aBitrate: expected integer ≥ 32 and ≤ 512, got "abc"',
    ]);
    expect(error.message).toBe(
      '/x/.sidflow.json: render.m4aBitrate: expected integer ≥ 32 and ≤ 512, got "abc"',
    );
  });

  it('rejects out-of-range numbers and wrong enum values', () => {
    const error = thrown(() =>
      parseConfigText(
        '{"render":{"flacLevel":9,"formats":["wav","ogg"]},"engine":{"clock":"secam"}}',
      ),
    );
    expect(error.problems).toContain('render.flacLevel: expected integer ≥ 0 and ≤ 8, got 9');
    expect(error.problems).toContain(
      'render.formats[1]: expected one of "wav" | "m4a" | "flac", got "ogg"',
    );
    expect(error.problems).toContain('engine.clock: expected one of "pal" | "ntsc", got "secam"');
  });

  it('rejects unknown keys with their path', () => {
    const error = thrown(() => parseConfigText('{"render":{"bitrate":1},"colour":"red"}'));
    expect(error.problems).toContain('render.bitrate: unknown key');
    expect(error.problems).toContain('colour: unknown key');
  });

  it('requires cache thresholds in increasing order', () => {
    const error = thrown(() =>
      parseConfigText('{"cache":{"stopWavAtPercent":85,"stopFlacAtPercent":80}}'),
    );
    expect(error.problems[0]).toMatch(
      /^cache\.stopFlacAtPercent: expected ≥ stopWavAtPercent \(85\), got 80$/,
    );
  });

  it('reports bad JSON and non-object documents', () => {
    expect(thrown(() => parseConfigText('{"a":', { source: 'f.json' })).code).toBe(
      'CONFIG_BAD_JSON',
    );
    const error = thrown(() => parseConfigText('[1]'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems[0]).toBe('(root): expected object, got [1]');
    expect(error.file).toBeNull();
    expect(error.message.startsWith('config: ')).toBe(true);
  });

  it('accepts a $schema key for editors', () => {
    expect(() => parseConfigText('{"$schema":"./schema.json"}')).not.toThrow();
  });
});

describe('environment overrides', () => {
  it('documents a variable for every leaf of the schema', () => {
    const leaves = (value: unknown, prefix: string[] = []): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]))
        : [prefix.join('.')];
    const documented = configEnvVariables.map((v) => v.path.join('.')).sort();
    expect(documented).toEqual(leaves(defaultSidflowConfig()).sort());
    expect(configEnvVariables.every((v) => v.name.startsWith('SIDFLOW_'))).toBe(true);
  });

  it('coerces integers, booleans, lists and nullable strings', () => {
    const config = parseConfigValue(
      { render: { m4aBitrate: 128 } },
      {
        baseDir: '/b',
        env: {
          SIDFLOW_M4A_BITRATE: ' 320 ',
          SIDFLOW_U64_HTTPS: 'yes',
          SIDFLOW_CACHE_WAV: 'off',
          SIDFLOW_RENDER_FORMATS: 'flac, m4a',
          SIDFLOW_U64_HOST: '192.168.1.64',
          SIDFLOW_U64_PASSWORD: '',
          SIDFLOW_ENGINE_CHIP: '8580',
        },
      },
    );
    expect(config.render.m4aBitrate).toBe(320);
    expect(config.ultimate64.https).toBe(true);
    expect(config.cache.cacheWav).toBe(false);
    expect(config.render.formats).toEqual(['flac', 'm4a']);
    expect(config.ultimate64.host).toBe('192.168.1.64');
    expect(config.ultimate64.password).toBeNull();
    expect(config.engine.chipModel).toBe('8580');
  });

  it('rejects uncoercible values naming the variable and path', () => {
    const error = thrown(() => parseConfigValue({}, { env: { SIDFLOW_FLAC_LEVEL: 'high' } }));
    expect(error.code).toBe('CONFIG_BAD_ENV');
    expect(error.message).toContain(
      'SIDFLOW_FLAC_LEVEL (render.flacLevel): expected integer, got "high"',
    );
    expect(thrown(() => parseConfigValue({}, { env: { SIDFLOW_U64_HTTPS: 'maybe' } })).code).toBe(
      'CONFIG_BAD_ENV',
    );
  });

  it('validates overridden values with the schema and says overrides were applied', () => {
    const error = thrown(() => parseConfigValue({}, { env: { SIDFLOW_M4A_BITRATE: '8' } }));
    expect(error.problems[0]).toBe('render.m4aBitrate: expected integer ≥ 32 and ≤ 512, got 8');
    expect(error.problems[1]).toContain('SIDFLOW_M4A_BITRATE');
    const empty = thrown(() => parseConfigValue({}, { env: { SIDFLOW_RENDER_FORMATS: '' } }));
    expect(empty.problems[0]).toBe('render.formats: expected at least one format, got []');
  });

  it('leaves non-object sections and documents for the schema to reject', () => {
    expect(applyConfigEnvOverrides([1], { SIDFLOW_DATA_DIR: 'd' })).toEqual({
      value: [1],
      applied: [],
    });
    const { value, applied } = applyConfigEnvOverrides({ render: 5 }, { SIDFLOW_FLAC_LEVEL: '3' });
    expect(value).toEqual({ render: 5 });
    expect(applied).toEqual([]);
  });

  it('rejects values that are not plain data', () => {
    const error = thrown(() => parseConfigValue({ hvscRoot: () => 'x' }, { env: {} }));
    expect(error.problems).toEqual(['(root): expected plain JSON data']);
  });

  it('does not modify the input', () => {
    const input = { render: { flacLevel: 1 } };
    applyConfigEnvOverrides(input, { SIDFLOW_FLAC_LEVEL: '3' });
    expect(input.render.flacLevel).toBe(1);
  });
});

describe('loadConfig', () => {
  it('uses defaults when the working directory has no .sidflow.json', async () => {
    const dir = mkdtempSync(join(temp, 'empty-'));
    const config = await loadConfig({ cwd: dir, env: { SIDFLOW_SAMPLE_RATE: '48000' } });
    expect(config.hvscRoot).toBe(join(dir, 'hvsc'));
    expect(config.render.sampleRate).toBe(48000);
  });

  it('reads .sidflow.json from the working directory, resolving paths next to it', async () => {
    const dir = mkdtempSync(join(temp, 'found-'));
    writeFileSync(join(dir, '.sidflow.json'), '{"dataDir":"d","render":{"m4aBitrate":192}}');
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.dataDir).toBe(join(dir, 'd'));
    expect(config.render.m4aBitrate).toBe(192);
  });

  it('reads an explicit file relative to cwd and names it in errors', async () => {
    const dir = mkdtempSync(join(temp, 'explicit-'));
    writeFileSync(join(dir, 'custom.json'), '{"ultimate64":{"port":0}}');
    const error = await rejected(loadConfig({ cwd: dir, file: 'custom.json', env: {} }));
    expect(error.file).toBe(join(dir, 'custom.json'));
    expect(error.message).toBe(
      `${join(dir, 'custom.json')}: ultimate64.port: expected integer ≥ 1 and ≤ 65535, got 0`,
    );
  });

  it('fails when an explicit file is missing or unreadable', async () => {
    const missing = await rejected(loadConfig({ cwd: temp, file: 'nope.json', env: {} }));
    expect(missing.code).toBe('CONFIG_NOT_FOUND');
    const unreadable = await rejected(loadConfig({ cwd: temp, file: '.', env: {} }));
    expect(unreadable.code).toBe('CONFIG_UNREADABLE');
  });

  it('defaults to process.cwd() and process.env', async () => {
    const config = await loadConfig({ file: join(temp, 'absent-ok.json') }).catch((e) => e);
    expect((config as ConfigError).code).toBe('CONFIG_NOT_FOUND');
  });
});

describe('message helpers', () => {
  it('quotes values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue('x'.repeat(100))).toHaveLength(60);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
    expect(describeValue(() => 1)).toContain('=>');
  });

  it('formats issue paths', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['a', 0, 'b'])).toBe('a[0].b');
  });
});

describe('describeValidationIssue and describeValidationError', () => {
  const describeAll = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected a validation failure');
    return describeValidationError(result.error, input);
  };

  it('renders bounds, formats, multiples and custom messages', () => {
    expect(describeAll(z.object({ n: z.number().max(3) }), { n: 4 })).toBe(
      'n: expected number ≤ 3, got 4',
    );
    expect(describeAll(z.number().lt(3), 3)).toBe('(root): expected number < 3, got 3');
    expect(describeAll(z.number().gt(3), 3)).toBe('(root): expected number > 3, got 3');
    expect(describeAll(z.string().email(), 'x')).toBe('(root): expected email, got "x"');
    expect(describeAll(z.number().multipleOf(4), 6)).toBe(
      '(root): expected a multiple of 4, got 6',
    );
    expect(
      describeAll(
        z.string().refine(() => false, 'must be nice'),
        'x',
      ),
    ).toBe('(root): must be nice, got "x"');
    expect(describeAll(z.object({ a: z.number(), b: z.string() }), { b: 1 })).toBe(
      'a: expected number, got nothing\nb: expected string, got 1',
    );
  });
});

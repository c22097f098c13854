import { z } from 'zod';
import type { SidflowConfig, SidflowConfigInput } from './sidflow-config.js';

/** An integer field whose every error message states the whole contract. */
function integerIn(min: number, max: number) {
  const error = `expected integer ≥ ${min} and ≤ ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A percentage of disk capacity, 1–100. */
function percent() {
  return integerIn(1, 100);
}

function nonEmptyString() {
  const error = 'expected non-empty string';
  return z.string({ error }).min(1, { error });
}

function nullableString() {
  const error = 'expected non-empty string or null';
  return z.string({ error }).min(1, { error }).nullable();
}

/** Encodings a render can produce. */
export const renderEncodingSchema = z.enum(['wav', 'm4a', 'flac']);

/** Where rendered audio is cached and when caching stops. */
export const cacheConfigSchema = z
  .strictObject({
    /** Cache directory, relative to the config file's folder unless absolute. */
    dir: nonEmptyString().default('.sidflow-cache'),
    /** WAV is large and cheap to re-create, so it is only cached on request. */
    cacheWav: z.boolean({ error: 'expected boolean' }).default(false),
    /** Disk use (percent of capacity) at which WAV files stop being cached. */
    stopWavAtPercent: percent().default(70),
    /** Disk use (percent) at which FLAC files stop being cached. */
    stopFlacAtPercent: percent().default(80),
    /** Disk use (percent) at which nothing more is cached. */
    stopAllAtPercent: percent().default(90),
    /** Disk use (percent) a render must never cross; such a render fails. */
    maxDiskUsePercent: percent().default(95),
  })
  .superRefine((cache, ctx) => {
    const order: [keyof typeof cache, number][] = [
      ['stopWavAtPercent', cache.stopWavAtPercent],
      ['stopFlacAtPercent', cache.stopFlacAtPercent],
      ['stopAllAtPercent', cache.stopAllAtPercent],
      ['maxDiskUsePercent', cache.maxDiskUsePercent],
    ];
    for (let i = 1; i < order.length; i++) {
      const [prevKey, prevValue] = order[i - 1];
      const [key, value] = order[i];
      if (value < prevValue) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `expected ≥ ${prevKey} (${prevValue})`,
        });
      }
    }
  });

/** Render defaults. */
export const renderConfigSchema = z.strictObject({
  /** Encodings produced by prepared renders. */
  formats: z
    .array(renderEncodingSchema, { error: 'expected array of "wav" | "m4a" | "flac"' })
    .min(1, { error: 'expected at least one format' })
    .default(['wav', 'm4a', 'flac']),
  /** AAC-LC bit rate in kbit/s. */
  m4aBitrate: integerIn(32, 512).default(256),
  /** FLAC compression level, 0 (fastest) to 8 (smallest). */
  flacLevel: integerIn(0, 8).default(5),
  /** Output sample rate in Hz. */
  sampleRate: integerIn(8000, 192000).default(44100),
});

/** User-supplied ROM images; `null` means none configured. */
export const romPathsConfigSchema = z.strictObject({
  /** KERNAL image (8192 bytes). */
  kernal: nullableString().default(null),
  /** BASIC image (8192 bytes). */
  basic: nullableString().default(null),
  /** Character generator image (4096 bytes). */
  chargen: nullableString().default(null),
});

/** How to reach an Ultimate 64 over its REST API. */
export const ultimate64ConfigSchema = z.strictObject({
  /** Host name or IP address; `null` when no device is configured. */
  host: nullableString().default(null),
  /** TCP port of the REST API. */
  port: integerIn(1, 65535).default(80),
  /** Whether to use HTTPS. */
  https: z.boolean({ error: 'expected boolean' }).default(false),
  /** Network password set on the device, if any. */
  password: nullableString().default(null),
});

/** The native `sidplayfp` player. */
export const sidplayfpConfigSchema = z.strictObject({
  /** Executable name (looked up on PATH) or path. */
  path: nonEmptyString().default('sidplayfp'),
});

/** Defaults of the TypeScript emulator. */
export const engineConfigSchema = z.strictObject({
  /** Video standard whose CPU clock the emulator runs at. */
  clock: z.enum(['pal', 'ntsc']).default('pal'),
  /** Chip used when neither the tune nor the user picks one. */
  chipModel: z.enum(['6581', '8580']).default('6581'),
  /** Whether the SID filter is emulated. */
  filter: z.boolean({ error: 'expected boolean' }).default(true),
});

/** The complete `.sidflow.json` schema. Every field has a default. */
export const sidflowConfigSchema: z.ZodType<SidflowConfig, SidflowConfigInput> = z.strictObject({
  /** Lets editors validate the file; ignored by SIDFlow. */
  $schema: z.string().optional(),
  /** Root of the HVSC tree (the folder holding `C64Music`). */
  hvscRoot: nonEmptyString().default('hvsc'),
  /** Root of canonical data (`classified/`, `feedback/`, `model/`, `audit/`). */
  dataDir: nonEmptyString().default('data'),
  /** Render cache location and limits. */
  cache: cacheConfigSchema.prefault({}),
  /** Render defaults. */
  render: renderConfigSchema.prefault({}),
  /** User-supplied ROM images. */
  roms: romPathsConfigSchema.prefault({}),
  /** The Ultimate 64 device. */
  ultimate64: ultimate64ConfigSchema.prefault({}),
  /** The native sidplayfp player. */
  sidplayfp: sidplayfpConfigSchema.prefault({}),
  /** The TypeScript emulator. */
  engine: engineConfigSchema.prefault({}),
});

/** The configuration used when there is no file and no environment override. */
export function defaultSidflowConfig(): SidflowConfig {
  return sidflowConfigSchema.parse({});
}

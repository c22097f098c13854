import { parseAuditTrail } from '../../src/canonical/audit-trail.js';
import { CanonicalDataError } from '../../src/canonical/canonical-data-error.js';
import { parseJsonl, stringifyJsonl } from '../../src/canonical/canonical-jsonl.js';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText } from '../../src/config/load-config.js';
import { parsePreferencesJson } from '../../src/config/migrate-preferences.js';
import { PreferencesError } from '../../src/config/preferences-error.js';
import type { FuzzTarget } from '../fuzz-harness.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const seed = (text: string) => encoder.encode(text);

const configSeeds = [
  '{}',
  '{"hvscRoot":"hvsc","dataDir":"data","render":{"formats":["m4a","flac"],"m4aBitrate":256,"flacLevel":5,"sampleRate":44100}}',
  '{"cache":{"dir":"cache","cacheWav":true,"stopWavAtPercent":70,"stopFlacAtPercent":80,"stopAllAtPercent":90,"maxDiskUsePercent":95}}',
  '{"roms":{"kernal":"roms/kernal.bin","basic":null,"chargen":null},"ultimate64":{"host":"10.0.0.64","port":80,"https":false,"password":null}}',
  '{"sidplayfp":{"path":"/usr/bin/sidplayfp"},"engine":{"clock":"ntsc","chipModel":"8580","filter":false}}',
].map(seed);

const preferenceSeeds = [
  '{"version":1,"preferHardware":true,"chip":"8580","theme":"dark","romSet":null,"playbackEngine":"sidplayfp"}',
  '{"version":2,"rendering":"hardware-only","chip":"song-else-8580r5","theme":"system","ultimate64":{"host":"u64","port":8080,"https":true,"password":"pw"}}',
  '{"version":3,"rendering":"hardware-if-available","chip":"always-6581","theme":"light","romSet":"mine","playbackEngine":"auto","trainingEnabled":false,"iterationBudget":50,"syncCadence":"daily"}',
  '{"version":3}',
].map(seed);

const jsonlSeeds = [
  '{"a":1,"b":[1,2.5,-3e-7],"c":{"d":null,"e":"x"}}\n{"f":true}\n',
  '{"action":"model.publish","actor":"admin","after":"' +
    'a'.repeat(64) +
    '","before":null,"target":"model/base.json","time":"2026-01-01T00:00:00.000Z"}\n',
  '[1,2,3]\n"s"\n42\n',
].map(seed);

/** Fuzz targets of the config, preferences and canonical data parsers. */
export const targets: FuzzTarget[] = [
  {
    name: 'config: .sidflow.json text',
    seeds: configSeeds,
    run: (input) => parseConfigText(decoder.decode(input), { env: {}, baseDir: '/base' }),
    isExpectedError: (error) => error instanceof ConfigError,
  },
  {
    name: 'config: stored preferences JSON',
    seeds: preferenceSeeds,
    run: (input) => parsePreferencesJson(decoder.decode(input)),
    isExpectedError: (error) => error instanceof PreferencesError,
  },
  {
    name: 'canonical: JSONL read and rewrite',
    seeds: jsonlSeeds,
    run: (input) => stringifyJsonl(parseJsonl(decoder.decode(input))),
    isExpectedError: (error) => error instanceof CanonicalDataError,
  },
  {
    name: 'canonical: audit trail JSONL',
    seeds: jsonlSeeds,
    run: (input) => parseAuditTrail(decoder.decode(input)),
    isExpectedError: (error) => error instanceof CanonicalDataError,
  },
];

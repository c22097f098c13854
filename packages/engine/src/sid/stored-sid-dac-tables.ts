import { sidDacParametersKey } from './sid-dac.js';
import { STORED_SID_DAC_TABLES } from './sid-dac-tables.generated.js';
import type { SidModel } from './sid-types.js';

/**
 * What a new SID chip reads from its DACs before any voice sounds (the
 * envelope DAC and a silent voice's waveform DAC output), stored with the
 * package so that a fresh process's first player does not run the ladder
 * model (in V8's interpreter, before anything is compiled) before its first
 * sample. The numbers are the computed single floats printed exactly and
 * decoded by the native `JSON.parse`. A stored entry carries the ladder
 * parameters it was computed from and is ignored (the tables computed) if they
 * change; `test/stored-sid-dac-tables.test.ts` compares it with the ladder
 * model bit for bit, and `scripts/gen-sid-dac-tables.ts` rewrites it.
 */
export interface StoredSidDacTables {
  /** Envelope DAC, 256 entries from 0 to 1 (as `buildEnvelopeDac`). */
  envelopeDac: Float32Array;
  /** Waveform DAC output of a silent voice (as `silentVoiceOutput`). */
  silentVoiceOutput: number;
}

/** The stored DAC tables of `model`, or undefined when the ladder parameters changed. */
export function storedSidDacTables(model: SidModel): StoredSidDacTables | undefined {
  const stored = STORED_SID_DAC_TABLES[model];
  if (stored.parameters !== sidDacParametersKey(model)) return undefined;
  return {
    envelopeDac: new Float32Array(JSON.parse(stored.envelopeDac) as number[]),
    silentVoiceOutput: stored.silentVoiceOutput,
  };
}

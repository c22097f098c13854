import { describe } from 'vitest';
import { sweepShard } from './support/machine-sweep.js';

describe('HVSC sample sweep, shard 3 of 4: every tune (SIDFLOW_SWEEP_SECONDS, default 5 s)', () =>
  sweepShard(2));

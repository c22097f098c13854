import { SidflowError } from '@sidflow/core';

/** A CPU snapshot was written by an incompatible layout version. */
export class CpuStateVersionError extends SidflowError {
  /** The layout version found in the snapshot. */
  readonly version: number;

  /** @param version - the layout version found in the snapshot */
  constructor(version: number) {
    super('CPU_STATE_VERSION', `CPU snapshot has layout version ${version}, expected 1`);
    this.version = version;
  }
}

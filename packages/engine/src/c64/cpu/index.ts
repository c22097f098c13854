export { ANE_MAGIC, CpuFlag, LXA_MAGIC } from './cpu-flags.js';
export { CpuStateVersionError } from './cpu-state-version-error.js';
export { Cpu6510 } from './cpu6510.js';
export { OPCODE_MNEMONICS, OPCODE_MODES } from './opcodes.generated.js';

/**
 * What the 6510 sees of the machine. Every call is exactly one CPU clock
 * cycle: the CPU performs all of its real bus accesses, dummy reads and the
 * double writes of read-modify-write instructions included, so the machine
 * can advance its chips by one cycle per call and stall reads during VIC-II
 * bad lines.
 */
export interface CpuBus {
  /** One read cycle. The machine advances one cycle (or more, if the VIC steals the bus) then returns the byte. */
  read(address: number): number;
  /** One write cycle. The machine advances one cycle, then stores the byte. */
  write(address: number, value: number): void;
}

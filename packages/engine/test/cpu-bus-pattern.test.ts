import { describe, expect, it } from 'vitest';
import { type CpuHarness, cpuWithProgram } from './support/cpu-harness.js';

/** Runs one step with recording on and returns its accesses as `R:aaaa` / `W:aaaa=vv`. */
function trace(h: CpuHarness): string[] {
  h.bus.recording = true;
  h.cpu.step();
  h.bus.recording = false;
  return h.bus.traceStrings();
}

describe('Cpu6510 per-cycle bus accesses', () => {
  it('implied: opcode fetch then a dummy read of the next byte', () => {
    expect(trace(cpuWithProgram([0xe8]))).toEqual(['R:0200', 'R:0201']);
  });

  it('zero page,X: dummy read of the unindexed address, index wraps in page 0', () => {
    const h = cpuWithProgram([0xb5, 0xf0]);
    h.cpu.x = 0x20;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:00f0', 'R:0010']);
  });

  it('absolute,X read with page cross: dummy read at the un-carried address', () => {
    const h = cpuWithProgram([0xbd, 0xf0, 0x10]);
    h.cpu.x = 0x20;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0202', 'R:1010', 'R:1110']);
  });

  it('absolute,X read without page cross: no dummy read', () => {
    const h = cpuWithProgram([0xbd, 0xf0, 0x10]);
    h.cpu.x = 0x05;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0202', 'R:10f5']);
  });

  it('read-modify-write absolute,X: R,R,R,R(dummy),R,W(old),W(new)', () => {
    const h = cpuWithProgram([0xfe, 0xf0, 0x10]);
    h.cpu.x = 0x05;
    h.bus.poke(0x10f5, [0x41]);
    expect(trace(h)).toEqual([
      'R:0200',
      'R:0201',
      'R:0202',
      'R:10f5',
      'R:10f5',
      'W:10f5=41',
      'W:10f5=42',
    ]);
  });

  it('read-modify-write zero page writes the old value before the new one', () => {
    const h = cpuWithProgram([0x06, 0x80]);
    h.bus.poke(0x80, [0x81]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0080', 'W:0080=81', 'W:0080=02']);
  });

  it('store absolute,Y always does the dummy read, even without a page cross', () => {
    const h = cpuWithProgram([0x99, 0xf0, 0x10]);
    h.cpu.y = 0x05;
    h.cpu.a = 0x77;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0202', 'R:10f5', 'W:10f5=77']);
  });

  it('(zp,X): dummy read of the pointer before indexing, pointer wraps in page 0', () => {
    const h = cpuWithProgram([0xa1, 0xfe]);
    h.cpu.x = 0x01;
    h.bus.poke(0xff, [0x34]);
    h.bus.poke(0x00, [0x12]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:00fe', 'R:00ff', 'R:0000', 'R:1234']);
  });

  it('(zp),Y store with page cross: dummy read at the un-carried address', () => {
    const h = cpuWithProgram([0x91, 0x80]);
    h.bus.poke(0x80, [0xf0, 0x10]);
    h.cpu.y = 0x20;
    h.cpu.a = 0x5a;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0080', 'R:0081', 'R:1010', 'W:1110=5a']);
  });

  it('JMP ($12FF) takes the high byte from $1200 (no carry into the page)', () => {
    const h = cpuWithProgram([0x6c, 0xff, 0x12]);
    h.bus.poke(0x12ff, [0x78]);
    h.bus.poke(0x1200, [0x56]);
    h.bus.poke(0x1300, [0x99]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0202', 'R:12ff', 'R:1200']);
    expect(h.cpu.pc).toBe(0x5678);
  });

  it('JSR: reads low byte, dummy stack read, pushes PCH and PCL, then reads high byte', () => {
    const h = cpuWithProgram([0x20, 0x34, 0x12]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:01ff', 'W:01ff=02', 'W:01fe=02', 'R:0202']);
    expect(h.cpu.pc).toBe(0x1234);
    expect(h.cpu.sp).toBe(0xfd);
  });

  it('RTS: dummy PC read, dummy stack read, pulls PC, dummy read at the pulled PC', () => {
    const h = cpuWithProgram([0x60]);
    h.cpu.sp = 0xfd;
    h.bus.poke(0x1fe, [0x02, 0x12]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:01fd', 'R:01fe', 'R:01ff', 'R:1202']);
    expect(h.cpu.pc).toBe(0x1203);
  });

  it('RTI pulls P, PCL, PCH after two dummy reads', () => {
    const h = cpuWithProgram([0x40]);
    h.cpu.sp = 0xfc;
    h.bus.poke(0x1fd, [0xc3, 0x34, 0x12]);
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:01fc', 'R:01fd', 'R:01fe', 'R:01ff']);
    expect(h.cpu.pc).toBe(0x1234);
    expect(h.cpu.status).toBe(0xe3);
  });

  it('PHA and PLA', () => {
    const h = cpuWithProgram([0x48, 0x68]);
    h.cpu.a = 0x99;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'W:01ff=99']);
    h.bus.accesses.length = 0;
    h.cpu.a = 0;
    expect(trace(h)).toEqual(['R:0201', 'R:0202', 'R:01fe', 'R:01ff']);
    expect(h.cpu.a).toBe(0x99);
  });

  it('PHP pushes B and bit 5 set', () => {
    const h = cpuWithProgram([0x08]);
    h.cpu.status = 0xc3;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'W:01ff=f3']);
  });

  it('BRK pushes PC+2 and P with B set, sets I, reads the vector at $FFFE', () => {
    const h = cpuWithProgram([0x00, 0xff]);
    h.cpu.status = 0x20;
    expect(trace(h)).toEqual([
      'R:0200',
      'R:0201',
      'W:01ff=02',
      'W:01fe=02',
      'W:01fd=30',
      'R:fffe',
      'R:ffff',
    ]);
    expect(h.cpu.pc).toBe(0x0300);
    expect(h.cpu.flagI).toBe(1);
  });

  it('taken branch across a page: dummy reads at the next opcode and the un-carried target', () => {
    const h = cpuWithProgram([0xd0, 0x10], 0x02f0);
    h.cpu.status = 0x20;
    expect(trace(h)).toEqual(['R:02f0', 'R:02f1', 'R:02f2', 'R:0202']);
    expect(h.cpu.pc).toBe(0x0302);
  });

  it('IRQ entry: two reads at PC, pushes PCH, PCL, P (B clear), reads $FFFE/$FFFF', () => {
    const h = cpuWithProgram([0xea, 0xea]);
    h.cpu.status = 0x20;
    h.cpu.setIrq(true);
    h.cpu.step();
    expect(trace(h)).toEqual([
      'R:0201',
      'R:0201',
      'W:01ff=02',
      'W:01fe=01',
      'W:01fd=20',
      'R:fffe',
      'R:ffff',
    ]);
    expect(h.cpu.pc).toBe(0x0300);
  });

  it('SHX abs,Y crossing a page writes to the address whose high byte is the stored value', () => {
    const h = cpuWithProgram([0x9e, 0xf0, 0x10]);
    h.cpu.x = 0x01;
    h.cpu.y = 0x20;
    expect(trace(h)).toEqual(['R:0200', 'R:0201', 'R:0202', 'R:1010', 'W:0110=01']);
  });
});

import { Op } from '../c64/kernal/opcodes.js';
import { CodeBuilder } from './code-builder.js';

/** Parameters the driver reads from its own variable block. */
export interface DriverParameters {
  /** Song number − 1, passed to init in A. */
  song: number;
  /** 0 = play on the VIC raster interrupt (VBI), 1 = on CIA 1 timer A. */
  speedCia: boolean;
  /** Init routine address. */
  initAddress: number;
  /** Play routine address (0 = the tune installs its own interrupt handler). */
  playAddress: number;
  /** Cycles-ish idle loop count before init (libsidplayfp's power-on delay; 0 here). */
  powerOnDelay: number;
  /** $01 value while init runs; 0 = real C64 environment (RSID), $37 kept and I flag cleared. */
  initBank: number;
  /** $01 value while play runs; 0 = no play routine. */
  playBank: number;
  /** 1 = the machine is PAL, 0 = NTSC. */
  videoPal: boolean;
  /** 1 = the tune was written for PAL, 0 = NTSC. */
  tunePal: boolean;
  /** Status register pushed before init (I flag set for PSID, clear for RSID). */
  initFlags: number;
}

/** The generated driver and its entry points. */
export interface DriverCode {
  /** Load address (page aligned). */
  base: number;
  /** The code and variables, to be copied to `base`. */
  bytes: Uint8Array;
  /** Cold start (the reset vector points here). */
  cold: number;
  /** IRQ handler calling play (installed in $0314 when there is a play routine). */
  irqJob: number;
  /** IRQ exit that acknowledges CIA 1 and returns (the default $0314). */
  irqReturn: number;
  /** A JAM: where BRK and NMI of a PSID go (they should never happen). */
  exception: number;
  /** Where init returns to; its first read means init returned. */
  afterInit: number;
  /** Re-entry that banks in init's $01 and calls init (BASIC's STOP vector hook). */
  setIoMap: number;
}

/**
 * Generates our PSID/RSID driver at `base`. It follows libsidplayfp's driver
 * step for step (the same instructions in the same order, so the cycles from
 * reset to init and from each interrupt to play match): quiet every interrupt
 * source, set full volume, load CIA 1 timer A with the 50/60 Hz value
 * ($4025 PAL, $4295 NTSC), set the raster compare (line $137 for RSIDs at their
 * own clock, line 0 otherwise), point $0314 at the play job when there is a
 * play routine, enable the raster IRQ (VBI) or CIA 1 timer A (CIA), bank $01,
 * call init with A = song − 1 and the chosen status flags, then idle (with CLI
 * for PSIDs) while interrupts call play with A = 0.
 */
export function buildDriverCode(base: number, p: DriverParameters): DriverCode {
  const b = new CodeBuilder(base);
  b.label('playnum').byte(p.song);
  b.label('speed').byte(p.speedCia ? 1 : 0);
  b.label('initvec').word(p.initAddress);
  b.label('playvec').word(p.playAddress);
  b.label('rndwait').word(p.powerOnDelay);
  b.label('initiomap').byte(p.initBank);
  b.label('playiomap').byte(p.playBank);
  b.label('video').byte(p.videoPal ? 1 : 0);
  b.label('clock').byte(p.tunePal ? 1 : 0);
  b.label('flags').byte(p.initFlags);
  b.label('play').abs(Op.JMP_IND, 'playvec');
  b.label('init').abs(Op.JMP_IND, 'initvec');

  b.label('cold').byte(Op.SEI);
  // Interrupts off, pending ones cleared.
  b.imm(Op.LDA_IMM, 0x00).abs(Op.STA_ABS, 0xd01a);
  b.abs(Op.LDA_ABS, 0xd019).abs(Op.STA_ABS, 0xd019);
  b.imm(Op.LDA_IMM, 0x7f).abs(Op.STA_ABS, 0xdc0d).abs(Op.STA_ABS, 0xdd0d);
  b.abs(Op.LDA_ABS, 0xdc0d).abs(Op.LDA_ABS, 0xdd0d);
  b.imm(Op.LDA_IMM, 0x0f).abs(Op.STA_ABS, 0xd418);
  // CIA 1 timer A: one PAL frame-ish / 60 Hz.
  b.abs(Op.LDA_ABS, 'video').branch(Op.BEQ, 'ntsc');
  b.imm(Op.LDX_IMM, 0x25).imm(Op.LDY_IMM, 0x40).abs(Op.JMP, 'timer');
  b.label('ntsc').imm(Op.LDX_IMM, 0x95).imm(Op.LDY_IMM, 0x42);
  b.label('timer').abs(Op.STX_ABS, 0xdc04).abs(Op.STY_ABS, 0xdc05);
  // Raster $137 only for RSIDs at their own clock; line 0 otherwise.
  b.imm(Op.LDX_IMM, 0x9b).imm(Op.LDY_IMM, 0x37);
  b.abs(Op.EOR_ABS, 'clock').abs(Op.ORA_ABS, 'initiomap').branch(Op.BEQ, 'vicinit');
  b.imm(Op.LDX_IMM, 0x1b).imm(Op.LDY_IMM, 0x00);
  b.label('vicinit').abs(Op.STX_ABS, 0xd011).abs(Op.STY_ABS, 0xd012);
  b.abs(Op.LDA_ABS, 'initiomap').branch(Op.BEQ, 'random');
  b.abs(Op.LDA_ABS, 'playiomap').branch(Op.BEQ, 'random');
  b.imm(Op.LDX_IMM, 'irqjob').abs(Op.STX_ABS, 0x0314);
  b.label('random').abs(Op.LDX_ABS, 'rndwait').abs(Op.LDY_ABS, 0);
  // LDY rndwait+1: patched below once the label is known.
  const ldyOperandAt = b.here - 2 - base;
  b.byte(Op.INX, Op.INY);
  b.label('wait').byte(Op.DEX).branch(Op.BNE, 'wait').byte(Op.DEY).branch(Op.BNE, 'wait');
  b.abs(Op.LDA_ABS, 'speed').branch(Op.BNE, 'ciainit');
  b.imm(Op.LDA_IMM, 0x81).abs(Op.STA_ABS, 0xd01a).abs(Op.JMP, 'setiomap');
  b.label('ciainit').imm(Op.LDA_IMM, 0x81).imm(Op.LDX_IMM, 0x01);
  b.abs(Op.STA_ABS, 0xdc0d).abs(Op.STX_ABS, 0xdc0e);
  b.label('setiomap').abs(Op.LDA_ABS, 'initiomap').branch(Op.BNE, 'setbank');
  b.imm(Op.LDA_IMM, 0x37);
  b.label('setbank').imm(Op.STA_ZP, 0x01);
  b.abs(Op.LDA_ABS, 'flags').byte(Op.PHA).abs(Op.LDA_ABS, 'playnum').byte(Op.PLP);
  b.abs(Op.JSR, 'init');
  b.label('afterinit').abs(Op.LDA_ABS, 'initiomap').branch(Op.BEQ, 'idle');
  b.abs(Op.LDA_ABS, 'playiomap').branch(Op.BEQ, 'run');
  b.imm(Op.LDA_IMM, 0x37).imm(Op.STA_ZP, 0x01);
  b.label('run').byte(Op.CLI);
  b.label('idle').abs(Op.JMP, 'idle');

  b.label('irqjob').imm(Op.LDA_ZP, 0x01).byte(Op.PHA);
  b.abs(Op.LDA_ABS, 'playiomap').imm(Op.STA_ZP, 0x01);
  b.imm(Op.LDA_IMM, 0x00).abs(Op.JSR, 'play');
  b.byte(Op.PLA).imm(Op.STA_ZP, 0x01);
  b.abs(Op.DEC_ABS, 0xd019);
  b.label('irqret').abs(Op.LDA_ABS, 0xdc0d);
  b.byte(Op.PLA, Op.TAY, Op.PLA, Op.TAX, Op.PLA, Op.RTI);
  b.label('exception').byte(Op.JAM);

  const bytes = b.finish();
  const rndHigh = b.addressOf('rndwait') + 1;
  bytes[ldyOperandAt] = rndHigh & 0xff;
  bytes[ldyOperandAt + 1] = (rndHigh >> 8) & 0xff;
  return {
    base,
    bytes,
    cold: b.addressOf('cold'),
    irqJob: b.addressOf('irqjob'),
    irqReturn: b.addressOf('irqret'),
    exception: b.addressOf('exception'),
    afterInit: b.addressOf('afterinit'),
    setIoMap: b.addressOf('setiomap'),
  };
}

import { readVideoHeader } from '../protocol/video-stream-format.js';
import { vicIndicesToRgba } from './vic-palette.js';

/** One assembled video frame. */
export interface VideoFrame {
  /** Frame number from the stream. */
  frame: number;
  /** Pixels per line. */
  width: number;
  /** Lines. */
  height: number;
  /** VIC colour index per pixel (0..15), row-major. */
  indices: Uint8Array;
  /** Lines that never arrived (left black). */
  missingLines: number;
  /** The frame as RGBA bytes through the VIC palette. */
  toRgba(): Uint8Array;
}

/**
 * Collects video datagrams into frames: a frame is complete when its last
 * datagram (line bit 15) arrives or the frame number moves on; lines of
 * datagrams that went missing stay black and are counted.
 */
export class VideoFrameAssembler {
  /** Datagrams that were not well-formed video packets. */
  malformed = 0;
  private current: {
    frame: number;
    width: number;
    lines: Map<number, Uint8Array>;
    lpp: number;
  } | null = null;

  /** @param onFrame - receives each finished frame */
  constructor(private readonly onFrame: (frame: VideoFrame) => void) {}

  /** Takes one datagram. */
  push(packet: Uint8Array): void {
    const header = readVideoHeader(packet);
    if (!header) {
      this.malformed++;
      return;
    }
    if (this.current && this.current.frame !== header.frame) this.complete();
    if (!this.current) {
      this.current = {
        frame: header.frame,
        width: header.pixelsPerLine,
        lines: new Map(),
        lpp: header.linesPerPacket,
      };
    }
    const bytesPerLine = header.pixelsPerLine / 2;
    for (let l = 0; l < header.linesPerPacket; l++) {
      const start = 12 + l * bytesPerLine;
      this.current.lines.set(header.line + l, packet.slice(start, start + bytesPerLine));
    }
    if (header.last) this.complete(header.line + header.linesPerPacket);
  }

  private complete(height?: number): void {
    const cur = this.current;
    this.current = null;
    if (!cur) return;
    const h = height ?? Math.max(...cur.lines.keys()) + 1;
    const w = cur.width;
    const indices = new Uint8Array(w * h);
    let missing = 0;
    for (let y = 0; y < h; y++) {
      const line = cur.lines.get(y);
      if (!line) {
        missing++;
        continue;
      }
      for (let x = 0; x < w; x += 2) {
        const b = line[x >> 1];
        indices[y * w + x] = b & 15;
        indices[y * w + x + 1] = b >> 4;
      }
    }
    this.onFrame({
      frame: cur.frame,
      width: w,
      height: h,
      indices,
      missingLines: missing,
      toRgba: () => vicIndicesToRgba(indices),
    });
  }
}

/** Bytes of the video datagram header. */
export const VIDEO_HEADER_BYTES = 12;
/** Pixels per line in the video stream. */
export const VIDEO_WIDTH = 384;
/** Lines per video datagram. */
export const VIDEO_LINES_PER_PACKET = 4;
/** Bytes of pixel data per video datagram (4 lines of 384 pixels, 4 bits each). */
export const VIDEO_PAYLOAD_BYTES = (VIDEO_WIDTH * VIDEO_LINES_PER_PACKET) / 2;
/** Bytes of one video datagram. */
export const VIDEO_PACKET_BYTES = VIDEO_HEADER_BYTES + VIDEO_PAYLOAD_BYTES;
/** Bit 15 of the line field marks the last datagram of a frame. */
export const VIDEO_LAST_PACKET_FLAG = 0x8000;

/** Frame geometry and rate of a video standard. */
export interface VideoGeometry {
  /** Pixels per line. */
  width: number;
  /** Lines per frame. */
  height: number;
  /** Frames per second. */
  frameRate: number;
}

/** PAL: 384×272 at 50.125 Hz (68 datagrams per frame). */
export const PAL_VIDEO: VideoGeometry = { width: 384, height: 272, frameRate: 50.125 };
/** NTSC: 384×240 at 59.826 Hz (60 datagrams per frame). */
export const NTSC_VIDEO: VideoGeometry = { width: 384, height: 240, frameRate: 59.826 };

/** The header fields of one video datagram. */
export interface VideoPacketHeader {
  /** Datagram sequence number (wraps at 65536). */
  sequence: number;
  /** Frame number (wraps at 65536). */
  frame: number;
  /** First line carried. */
  line: number;
  /** True on the last datagram of a frame. */
  last: boolean;
  /** Pixels per line (384). */
  pixelsPerLine: number;
  /** Lines carried (4). */
  linesPerPacket: number;
  /** Bits per pixel (4). */
  bitsPerPixel: number;
  /** 0 = raw. */
  encoding: number;
}

/** Reads a video datagram header; null when the datagram is not a well-formed raw video packet. */
export function readVideoHeader(packet: Uint8Array): VideoPacketHeader | null {
  if (packet.length < VIDEO_HEADER_BYTES) return null;
  const v = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const lineField = v.getUint16(4, true);
  const header: VideoPacketHeader = {
    sequence: v.getUint16(0, true),
    frame: v.getUint16(2, true),
    line: lineField & 0x7fff,
    last: (lineField & VIDEO_LAST_PACKET_FLAG) !== 0,
    pixelsPerLine: v.getUint16(6, true),
    linesPerPacket: v.getUint8(8),
    bitsPerPixel: v.getUint8(9),
    encoding: v.getUint16(10, true),
  };
  const payload = (header.pixelsPerLine * header.linesPerPacket * header.bitsPerPixel) / 8;
  if (
    header.encoding !== 0 ||
    header.bitsPerPixel !== 4 ||
    header.pixelsPerLine === 0 ||
    header.linesPerPacket === 0 ||
    packet.length !== VIDEO_HEADER_BYTES + payload
  ) {
    return null;
  }
  return header;
}

/** Writes a video datagram header into `packet` (at least 12 bytes). */
export function writeVideoHeader(packet: Uint8Array, header: VideoPacketHeader): void {
  const v = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  v.setUint16(0, header.sequence & 0xffff, true);
  v.setUint16(2, header.frame & 0xffff, true);
  v.setUint16(4, (header.line & 0x7fff) | (header.last ? VIDEO_LAST_PACKET_FLAG : 0), true);
  v.setUint16(6, header.pixelsPerLine, true);
  v.setUint8(8, header.linesPerPacket);
  v.setUint8(9, header.bitsPerPixel);
  v.setUint16(10, header.encoding, true);
}

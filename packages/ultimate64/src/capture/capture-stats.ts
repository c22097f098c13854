/** What a capture measured. */
export interface CaptureStats {
  /** Packets the requested duration spans (the loss denominator). */
  expected: number;
  /** Of those, packets that arrived. */
  received: number;
  /** Of those, packets that never arrived in time and were filled. */
  lost: number;
  /** lost ÷ expected. */
  lossRate: number;
  /** Packets that arrived after a later one and were put back in order. */
  reordered: number;
  /** Extra copies dropped. */
  duplicated: number;
  /** Packets that came after their slot was filled (dropped). */
  late: number;
  /** Times the sequence numbering jumped for good and the capture re-locked onto it. */
  resyncs: number;
  /** Datagrams of the wrong size. */
  malformed: number;
  /** Datagrams from other senders. */
  foreign: number;
  /** Stream sample rate (47,983 PAL / 47,940 NTSC). */
  streamRate: number;
  /** Output sample rate. */
  sampleRate: number;
  /** Output duration in seconds. */
  seconds: number;
  /** Wall time of the capture in ms. */
  wallMs: number;
}

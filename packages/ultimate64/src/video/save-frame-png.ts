import { writeFileAtomic } from '@sidflow/core';
import { encodePng } from './png-encoder.js';
import type { VideoFrame } from './video-frame-assembler.js';

/** Writes a captured frame as a PNG file (atomically: temp name, then rename). */
export async function saveFramePng(frame: VideoFrame, path: string): Promise<void> {
  await writeFileAtomic(path, encodePng(frame.toRgba(), frame.width, frame.height));
}

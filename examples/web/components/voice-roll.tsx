'use client';

import { useEffect, useRef } from 'react';
import { decodeVoices, noteNumber } from '../lib/sid-voices';

/** One frame of the three voices, as stored in the roll's history. */
interface RollFrame {
  notes: (number | null)[];
  gates: boolean[];
}

/** Frames kept: 10 s at 50 frames per second. */
const HISTORY = 500;
const LOWEST_NOTE = 24;
const HIGHEST_NOTE = 108;
const COLORS = ['#f2b84b', '#5fd0a5', '#6fa8ff'];

/** Receives register frames; the roll subscribes through it so React does not re-render per frame. */
export interface RegisterFeed {
  /** Calls `listener` with every frame's $D400–$D418 bytes; returns an unsubscribe function. */
  subscribe(listener: (registers: Uint8Array) => void): () => void;
}

/**
 * A scrolling piano roll of the three SID voices: time runs left to right,
 * pitch bottom to top, a bright line while the gate is open and a dim one
 * while the voice is releasing. Drawn from the facade's register events, so
 * it works with whatever adapter publishes them.
 */
export function VoiceRoll({ feed, muted }: { feed: RegisterFeed | null; muted: boolean[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const history = useRef<RollFrame[]>([]);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  useEffect(() => {
    if (!feed) return;
    history.current = [];
    return feed.subscribe((registers) => {
      const voices = decodeVoices(registers);
      const frames = history.current;
      frames.push({
        notes: voices.map((v) => noteNumber(v.frequency)),
        gates: voices.map((v) => v.gate),
      });
      if (frames.length > HISTORY) frames.splice(0, frames.length - HISTORY);
    });
  }, [feed]);

  useEffect(() => {
    let raf = 0;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      ctx.clearRect(0, 0, width, height);
      const frames = history.current;
      const dx = width / HISTORY;
      const offset = HISTORY - frames.length;
      const y = (note: number) =>
        height - ((note - LOWEST_NOTE) / (HIGHEST_NOTE - LOWEST_NOTE)) * height;
      for (let v = 0; v < 3; v++) {
        ctx.fillStyle = COLORS[v];
        for (let i = 0; i < frames.length; i++) {
          const note = frames[i].notes[v];
          if (note === null || note < LOWEST_NOTE || note > HIGHEST_NOTE) continue;
          ctx.globalAlpha = mutedRef.current[v] ? 0.1 : frames[i].gates[v] ? 1 : 0.25;
          ctx.fillRect((offset + i) * dx, y(note) - 2, Math.max(1, dx), 4);
        }
      }
      ctx.globalAlpha = 1;
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, []);

  return (
    <canvas
      ref={canvasRef}
      className="voices"
      aria-label="piano roll of the three SID voices"
      data-testid="voice-roll"
    />
  );
}

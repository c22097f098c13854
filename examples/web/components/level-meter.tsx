'use client';

import { useEffect, useState } from 'react';

/**
 * Shows the output level measured by an AnalyserNode tapped after the
 * player's output. The peak of the last 100 ms is also published as the
 * `data-peak` attribute (0–1), which the browser tests read to prove that
 * sound, not silence, reached the output.
 */
export function LevelMeter({ analyser }: { analyser: AnalyserNode | null }) {
  const [peak, setPeak] = useState(0);

  useEffect(() => {
    if (!analyser) {
      setPeak(0);
      return;
    }
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let max = 0;
      for (let i = 0; i < samples.length; i++) {
        const a = Math.abs(samples[i]);
        if (a > max) max = a;
      }
      setPeak(max);
    }, 100);
    return () => clearInterval(timer);
  }, [analyser]);

  return (
    <div className="meter" data-testid="level-meter" data-peak={peak.toFixed(4)}>
      <div style={{ width: `${Math.min(100, peak * 100)}%` }} />
    </div>
  );
}

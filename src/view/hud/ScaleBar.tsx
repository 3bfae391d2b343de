/**
 * A scale bar for the 3D view: a round length (1-2-5 steps, in m, km or Mm) and its width at the
 * distance of the point the camera looks at, updated from the frame loop by mutation.
 */

import { useEffect, useRef } from 'react';
import { formatRoundDistance } from '../model/format.ts';
import { scaleBar } from '../model/scale.ts';
import { onViewMetrics } from '../scene/viewMetrics.ts';

/** Longest bar, CSS px. */
const MAX_PX = 140;

/** The scale bar. */
export function ScaleBar() {
  const bar = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let lastPx = -1;
    let lastText = '';
    return onViewMetrics((m) => {
      const { lengthM, px } = scaleBar(m.metresPerPixel, MAX_PX);
      const w = Math.round(px);
      const label = formatRoundDistance(lengthM);
      if (w !== lastPx && bar.current) {
        bar.current.style.width = `${w}px`;
        lastPx = w;
      }
      if (label !== lastText && text.current) {
        text.current.textContent = label;
        lastText = label;
      }
    });
  }, []);
  return (
    <div className="scale-bar" data-testid="scale-bar">
      <span ref={text} className="scale-bar-text">
        —
      </span>
      <div ref={bar} className="scale-bar-line" />
    </div>
  );
}

/**
 * What the marks in the 3D view mean, and how much the models are enlarged to stay visible.
 */

import { useEffect, useRef } from 'react';
import { onViewMetrics } from '../scene/viewMetrics.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { teamColors } from '../model/teams.ts';

/** The legend. */
export function Legend() {
  const scale = useRef<HTMLSpanElement>(null);
  const scenario = useAppStore((s) => s.mission?.scenario);
  useEffect(() => {
    let last = '';
    return onViewMetrics((m) => {
      const s = m.modelScale;
      const text =
        s > 1.5
          ? `models enlarged ×${s >= 100 ? s.toFixed(0) : s.toPrecision(2)}`
          : 'models true size';
      if (text !== last && scale.current) {
        scale.current.textContent = text;
        last = text;
      }
    });
  }, []);
  return (
    <div className="legend" data-testid="legend">
      <span className="legend-item">
        <span className="legend-solid" /> flown
      </span>
      <span className="legend-item">
        <span className="legend-dashed" /> planned
      </span>
      <span className="legend-item">
        <span className="legend-arrow">➜</span> burn (Δv direction)
      </span>
      <span className="legend-item">
        <span className="legend-sphere" /> keep-out
      </span>
      {scenario &&
        teamColors(scenario).map((t) => (
          <span
            className="legend-item"
            key={t.team ?? ''}
            data-testid={`legend-team-${t.team ?? 'none'}`}
          >
            <span className="swatch" style={{ background: t.color }} /> {t.team ?? 'no team'}
          </span>
        ))}
      <span className="legend-item legend-scale" ref={scale} />
    </div>
  );
}

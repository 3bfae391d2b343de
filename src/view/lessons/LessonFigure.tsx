/**
 * The lesson's figure: the measured spacecraft's in-plane path (in-track I across, radial R up,
 * one scale on both axes so that shapes are true), in every model the lesson flies, with the
 * target at the origin and the spacecraft at the key moment. An SVG, so that it prints sharp.
 */

import type { LessonPath } from '../../scoring/lesson.ts';

const W = 360;
const H = 220;
const PAD = 34;
const MODEL_COLOURS: Record<string, string> = { cw: '#4cc9f0', nonlinear: '#ffb000' };

/** The figure of a lesson's paths. */
export function LessonFigure({ paths, keyLabel }: { paths: LessonPath[]; keyLabel: string }) {
  let minI = 0;
  let maxI = 0;
  let minR = 0;
  let maxR = 0;
  for (const p of paths) {
    minI = Math.min(minI, ...p.iM);
    maxI = Math.max(maxI, ...p.iM);
    minR = Math.min(minR, ...p.rM);
    maxR = Math.max(maxR, ...p.rM);
  }
  const spanM = Math.max(maxI - minI, maxR - minR, 1);
  const km = spanM >= 2000;
  const unit = km ? 'km' : 'm';
  const toUnit = (m: number) => (km ? m / 1000 : m);
  const scale = Math.min(
    (W - 2 * PAD) / Math.max(maxI - minI, 1e-9),
    (H - 2 * PAD) / Math.max(maxR - minR, 1e-9),
  );
  const cx = W / 2 - ((minI + maxI) / 2) * scale;
  const cy = H / 2 + ((minR + maxR) / 2) * scale;
  const x = (iM: number) => cx + iM * scale;
  const y = (rM: number) => cy - rM * scale;
  const tick = (m: number) => `${Number(toUnit(m).toPrecision(3))}`;
  return (
    <figure className="lesson-figure" data-testid="lesson-figure">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`In-plane path, ${unit}`}>
        <line className="axis" x1={PAD / 2} y1={y(0)} x2={W - PAD / 2} y2={y(0)} />
        <line className="axis" x1={x(0)} y1={PAD / 2} x2={x(0)} y2={H - PAD / 2} />
        <text className="axis-label" x={W - PAD / 2} y={y(0) - 4} textAnchor="end">
          I, in-track ({unit})
        </text>
        <text
          className="axis-label"
          x={x(0) > W / 2 ? x(0) - 4 : x(0) + 4}
          y={PAD / 2 + 8}
          textAnchor={x(0) > W / 2 ? 'end' : 'start'}
        >
          R, radial ({unit})
        </text>
        <text className="tick" x={x(minI)} y={H - 6} textAnchor="middle">
          {tick(minI)}
        </text>
        <text className="tick" x={x(maxI)} y={H - 6} textAnchor="middle">
          {tick(maxI)}
        </text>
        <text className="tick" x={4} y={y(maxR) + 3}>
          {tick(maxR)}
        </text>
        <text className="tick" x={4} y={y(minR) + 3}>
          {tick(minR)}
        </text>
        {paths.map((p) => (
          <g key={p.model}>
            <polyline
              fill="none"
              stroke={MODEL_COLOURS[p.model] ?? '#7cff6b'}
              strokeWidth={1.6}
              points={p.iM.map((v, k) => `${x(v).toFixed(1)},${y(p.rM[k]!).toFixed(1)}`).join(' ')}
            />
            <circle
              cx={x(p.keyRicM[1])}
              cy={y(p.keyRicM[0])}
              r={3.5}
              fill={MODEL_COLOURS[p.model] ?? '#7cff6b'}
            />
          </g>
        ))}
        <circle cx={x(0)} cy={y(0)} r={3} className="target-dot" />
      </svg>
      <figcaption>
        In-plane path {paths.length > 1 ? `(${paths.map((p) => p.model).join(' and ')})` : ''}; the
        target at the origin, the dot: {keyLabel}.
      </figcaption>
    </figure>
  );
}

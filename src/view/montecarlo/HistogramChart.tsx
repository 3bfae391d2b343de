/**
 * A histogram of one quantity over the trials (SVG): the bins over the central 99 % of the trials
 * (./histogram.ts), the trials outside counted at each end, the 5th, 50th and 95th percentiles as
 * dashed lines, and an optional limit (keep-out radius, delta-v budget) as a red line when it
 * falls inside the range drawn.
 */

import type { Distribution } from '../../montecarlo/stats.ts';
import { formatCount } from './format.ts';
import type { DisplayHistogram } from './histogram.ts';

/** Props of `HistogramChart`. */
export interface HistogramChartProps {
  title: string;
  hist: DisplayHistogram;
  /** The percentiles (from the summary). */
  dist: Distribution;
  /** Formats a value for the axis and the percentile labels. */
  format: (v: number) => string;
  /** Bar colour (the spacecraft's). */
  color: string;
  /** A limit drawn as a red line, same unit as the values; null: none. */
  limit?: { value: number; label: string } | null;
  testId?: string;
}

const W = 360;
const H = 104;
const PAD_X = 8;
const PAD_T = 16;
const PAD_B = 18;
/** Closest two percentile labels may be, viewBox units (~px). */
const LABEL_GAP = 26;

/** A histogram. */
export function HistogramChart({
  title,
  hist,
  dist,
  format,
  color,
  limit,
  testId,
}: HistogramChartProps) {
  const bins = hist.counts.length;
  const maxCount = Math.max(1, ...hist.counts);
  const flat = !(hist.binWidth > 0);
  // A single value: one bar in the middle of a range 10 % around it.
  const pad = flat ? Math.abs(hist.start) * 0.05 || 1 : 0;
  const x0 = hist.start - pad;
  const x1 = flat ? hist.start + pad : hist.start + hist.binWidth * bins;
  const plotW = W - 2 * PAD_X;
  const plotH = H - PAD_T - PAD_B;
  const base = H - PAD_B;
  const px = (v: number) => PAD_X + ((v - x0) / (x1 - x0)) * plotW;
  const barW = plotW / bins;
  const ticks: { name: string; v: number; label: boolean }[] = [
    { name: 'p5', v: dist.p5, label: false },
    { name: 'p50', v: dist.p50, label: true },
    { name: 'p95', v: dist.p95, label: false },
  ];
  ticks[0]!.label = px(dist.p50) - px(dist.p5) >= LABEL_GAP;
  ticks[2]!.label = px(dist.p95) - px(dist.p50) >= LABEL_GAP;
  const inside = (v: number) => v >= x0 && v <= x1;
  const showLimit = limit && inside(limit.value);
  // The limit's label on the side away from the bulk of the trials, if it fits there.
  const limitX = limit ? px(limit.value) : 0;
  const limitLeft = limit ? (limit.value < dist.p50 && limitX > 60) || limitX > W - 60 : false;
  const outside = (n: number, where: string) =>
    `${formatCount(n)} trial${n === 1 ? '' : 's'} ${where} the range drawn`;
  return (
    <figure className="mc-hist" data-testid={testId}>
      <figcaption>
        <span>{title}</span>
        <span className="mc-hist-range">
          {flat ? `all trials ${format(hist.start)}` : `${format(dist.min)} – ${format(dist.max)}`}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {hist.counts.map((c, k) => {
          if (c === 0) return null;
          const bh = Math.max(1, (c / maxCount) * plotH);
          const x = flat ? px(hist.start) - barW / 2 : PAD_X + k * barW;
          const from = hist.start + k * hist.binWidth;
          return (
            <rect
              key={k}
              x={x + 0.5}
              y={base - bh}
              width={Math.max(0.5, barW - 1)}
              height={bh}
              fill={color}
              fillOpacity={0.6}
            >
              <title>
                {flat
                  ? `${format(hist.start)}: ${formatCount(c)} trials`
                  : `${format(from)} – ${format(from + hist.binWidth)}: ${formatCount(c)} trials`}
              </title>
            </rect>
          );
        })}
        <line className="mc-hist-axis" x1={PAD_X} x2={W - PAD_X} y1={base} y2={base} />
        {!flat &&
          ticks.map((t) =>
            inside(t.v) ? (
              <g key={t.name} className="mc-hist-tick">
                <line x1={px(t.v)} x2={px(t.v)} y1={PAD_T - 3} y2={base} />
                {t.label && (
                  <text x={px(t.v)} y={PAD_T - 6} textAnchor="middle">
                    {t.name}
                  </text>
                )}
              </g>
            ) : null,
          )}
        {showLimit && (
          <g className="mc-hist-limit">
            <line x1={limitX} x2={limitX} y1={PAD_T - 3} y2={base} />
            <text
              x={limitX + (limitLeft ? -4 : 4)}
              y={PAD_T + 8}
              textAnchor={limitLeft ? 'end' : 'start'}
            >
              {limit.label}
            </text>
          </g>
        )}
        {!flat && (
          <>
            <text className="mc-hist-label" x={PAD_X} y={H - 4} textAnchor="start">
              {hist.below > 0 ? `‹ ${formatCount(hist.below)}  ` : ''}
              {format(x0)}
              {hist.below > 0 && <title>{outside(hist.below, 'below')}</title>}
            </text>
            <text className="mc-hist-label" x={W - PAD_X} y={H - 4} textAnchor="end">
              {format(x1)}
              {hist.above > 0 ? `  ${formatCount(hist.above)} ›` : ''}
              {hist.above > 0 && <title>{outside(hist.above, 'above')}</title>}
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}

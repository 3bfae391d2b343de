/**
 * A heatmap of one quantity over a sweep: one row per value of the first swept field, one column
 * per value of the second (a single column for a one-field sweep), each cell coloured on a
 * sequential scale with its value written in it where it fits, and a legend with the scale's ends
 * and unit. Cells report hover and click (the section shows the readout and opens the variant).
 * SVG, so every cell is an element a test and a screen reader can find.
 */

import { heatColor, isBright } from './heatColor.ts';

/** One cell. */
export interface HeatCell {
  /** Variant index in the sweep. */
  index: number;
  /** Its row and column in the grid. */
  row: number;
  col: number;
  /** The value coloured (null: invalid variant, or no trial flown). */
  value: number | null;
  /** Text written in the cell and its native tooltip. */
  text: string;
  title: string;
  /** data-* attributes of the cell (exact values for tests and tools). */
  data: Record<string, string>;
}

/** Props of SweepHeatmap. */
export interface SweepHeatmapProps {
  /** What is drawn, with its unit (`P(any violation)`, `Delta-v p50, m/s`). */
  title: string;
  /** Row labels (first field's values) and column labels (second field's; [''] for one field). */
  rowLabels: string[];
  colLabels: string[];
  /** Axis names: the swept paths (second empty for one field). */
  rowName: string;
  colName: string;
  /** Cells, in variant order. */
  cells: HeatCell[];
  /** Colour scale ends (the legend shows them with `formatEnd`). */
  min: number;
  max: number;
  formatEnd: (v: number) => string;
  /** Colour ramp. */
  ramp: 'risk' | 'cost';
  hovered: number | null;
  onHover: (index: number | null) => void;
  onOpen: (index: number) => void;
  testId: string;
}

const WIDTH = 400;
const LABEL_W = 74;
const HEAD_H = 16;
const ROW_H_MAX = 26;
const ROW_H_MIN = 12;
const LEGEND_H = 22;

/** The heatmap. */
export function SweepHeatmap(p: SweepHeatmapProps) {
  const rows = p.rowLabels.length;
  const cols = p.colLabels.length;
  const twoFields = p.colName !== '';
  const headH = twoFields ? HEAD_H : 0;
  const cellW = (WIDTH - LABEL_W) / cols;
  const cellH = Math.max(ROW_H_MIN, Math.min(ROW_H_MAX, 320 / rows));
  const gridH = headH + rows * cellH;
  const height = gridH + LEGEND_H;
  const span = p.max - p.min;
  const t = (v: number) => (span > 0 ? (v - p.min) / span : 0);
  const fontPx = Math.min(10, cellH - 3);
  const fits = cellW >= 30 && cellH >= 11;
  return (
    <figure className="sweep-map" data-testid={p.testId}>
      <figcaption className="sweep-map-title">{p.title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`${p.title} over ${p.rowName}${twoFields ? ` and ${p.colName}` : ''}`}
        onMouseLeave={() => p.onHover(null)}
      >
        {twoFields &&
          p.colLabels.map((label, j) => (
            <text
              key={`c${j}`}
              className="sweep-axis-label"
              x={LABEL_W + (j + 0.5) * cellW}
              y={HEAD_H - 5}
              textAnchor="middle"
            >
              {label}
            </text>
          ))}
        {p.rowLabels.map((label, i) => (
          <text
            key={`r${i}`}
            className="sweep-axis-label"
            x={LABEL_W - 5}
            y={headH + (i + 0.5) * cellH + 3.5}
            textAnchor="end"
          >
            {label}
          </text>
        ))}
        {p.cells.map((c) => {
          const x = LABEL_W + c.col * cellW;
          const y = headH + c.row * cellH;
          const fill = c.value === null ? 'url(#sweep-hatch)' : heatColor(p.ramp, t(c.value));
          const bright = c.value !== null && isBright(p.ramp, t(c.value));
          return (
            <g
              key={c.index}
              className={`sweep-cell${p.hovered === c.index ? ' hovered' : ''}`}
              data-testid={`${p.testId}-cell`}
              data-index={c.index}
              {...Object.fromEntries(Object.entries(c.data).map(([k, v]) => [`data-${k}`, v]))}
              role="button"
              tabIndex={0}
              aria-label={c.title}
              onMouseEnter={() => p.onHover(c.index)}
              onFocus={() => p.onHover(c.index)}
              onClick={() => p.onOpen(c.index)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  p.onOpen(c.index);
                }
              }}
            >
              <title>{c.title}</title>
              <rect x={x + 0.5} y={y + 0.5} width={cellW - 1} height={cellH - 1} fill={fill} />
              {fits && (
                <text
                  x={x + cellW / 2}
                  y={y + cellH / 2 + fontPx / 2.8}
                  textAnchor="middle"
                  fontSize={fontPx}
                  className={`sweep-cell-text${bright ? ' on-bright' : ''}`}
                >
                  {c.text}
                </text>
              )}
            </g>
          );
        })}
        <defs>
          <pattern id="sweep-hatch" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#1a2330" />
            <path d="M0 6L6 0" stroke="#3a4656" strokeWidth="1" />
          </pattern>
          <linearGradient id={`sweep-ramp-${p.ramp}`}>
            {[0, 0.25, 0.5, 0.75, 1].map((s) => (
              <stop key={s} offset={s} stopColor={heatColor(p.ramp, s)} />
            ))}
          </linearGradient>
        </defs>
        <text className="sweep-legend-text" x={LABEL_W - 5} y={gridH + 15} textAnchor="end">
          {p.formatEnd(p.min)}
        </text>
        <rect
          x={LABEL_W}
          y={gridH + 7}
          width={WIDTH - LABEL_W - 80}
          height={10}
          fill={`url(#sweep-ramp-${p.ramp})`}
        />
        <text className="sweep-legend-text" x={WIDTH - 75} y={gridH + 15}>
          {p.formatEnd(p.max)}
        </text>
      </svg>
      <div className="sweep-map-axes">
        rows: {p.rowName}
        {twoFields && ` · columns: ${p.colName}`}
      </div>
    </figure>
  );
}

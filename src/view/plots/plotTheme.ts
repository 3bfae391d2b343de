/**
 * Dark-theme styling shared by the uPlot charts: axes, grid, fonts, and the x axis in hours.
 */

import type uPlot from 'uplot';
import type { Mission } from '../model/mission.ts';

const AXIS_STROKE = '#8d99ab';
const GRID = { stroke: 'rgba(148, 163, 184, 0.10)', width: 1 };
const TICKS = { stroke: 'rgba(148, 163, 184, 0.25)', width: 1, size: 4 };
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * An axis in the app's style.
 *
 * @param label axis title with its unit
 * @param extra more axis options
 */
export function axis(label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: AXIS_STROKE,
    grid: GRID,
    ticks: TICKS,
    font: FONT,
    labelFont: LABEL_FONT,
    label,
    labelSize: 18,
    labelGap: 0,
    size: 40,
    gap: 3,
    ...extra,
  };
}

/** Tick labels of a time axis in hours since the epoch. */
export const hoursValues: uPlot.Axis['values'] = (_u, splits) =>
  splits.map((h) =>
    Number.isInteger(Math.round(h * 1e6) / 1e6) ? `${Math.round(h)}` : h.toFixed(1),
  );

/** Cursor without hover points or legend (mode 2): drag on x to zoom, double-click to reset. */
export const CURSOR: uPlot.Cursor = {
  drag: { x: true, y: false, setScale: true },
  points: { show: false },
  x: false,
  y: false,
};

/**
 * The series of a mode-2 chart: one line per spacecraft in its colour, each an (x, y) facet pair
 * on the `x` and `y` scales.
 */
export function craftSeries(mission: Mission): uPlot.Series[] {
  return [
    {},
    ...mission.crafts.map((c) => ({
      label: c.id,
      stroke: c.color,
      width: 1.5,
      points: { show: false },
      facets: [
        { scale: 'x', auto: false },
        { scale: 'y', auto: false },
      ],
    })),
  ] as uPlot.Series[];
}

/**
 * Saves the chart's canvas state and clips it to the plot area, for drawing in hooks; the caller
 * restores it (`u.ctx.restore()`).
 */
export function clipToPlotArea(u: uPlot): CanvasRenderingContext2D {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  return ctx;
}

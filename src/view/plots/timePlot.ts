/**
 * Definition of a time plot (value against hours since the epoch), one series per spacecraft,
 * M4-decimated to the plot width for the visible window.
 */

import type uPlot from 'uplot';
import { decimateM4, type SeriesSource } from '../model/decimate.ts';
import type { Mission } from '../model/mission.ts';
import { paddedRange } from '../model/plotSeries.ts';
import { axis, craftSeries, CURSOR, hoursValues } from './plotTheme.ts';
import type { Facet, PlotDefinition } from './useUPlot.ts';

/** What varies between time plots. */
export interface TimePlotSpec {
  mission: Mission;
  /** Per spacecraft, where the values are. */
  source: (craftIndex: number) => SeriesSource;
  /** Multiplies the values (e.g. 1/1000 for km). */
  yScale: number;
  yLabel: string;
  /** Fixed lower bound of the y axis (e.g. 0 for a range). */
  yMin?: number;
  /** Values that the y axis must include (e.g. the keep-out radius). */
  yInclude?: number[];
  /** Logarithmic y axis (values > 0; yMin is then ignored). */
  yLog?: boolean;
  /** Extra drawing on the plot (canvas px). */
  draw?: (u: uPlot) => void;
}

const scratch = new Float64Array(6);

/** Builds a time plot definition. */
export function timePlot(spec: TimePlotSpec): PlotDefinition {
  const { mission, source, yScale } = spec;
  const durationH = mission.durationS / 3600;
  // y range from the full-resolution data (once per trajectory, no copy).
  let lo = Infinity;
  let hi = -Infinity;
  mission.crafts.forEach((_, k) => {
    const s = source(k);
    for (let j = 0, o = s.offset; j < s.count; j++, o += s.stride) {
      const y = s.values[o]!;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  });
  const extremes = Number.isFinite(lo) ? [lo * yScale, hi * yScale] : [];
  const yr = paddedRange([Float64Array.from([...extremes, ...(spec.yInclude ?? [])])], 0.08, 0.02);
  let yMin = spec.yMin ?? yr.min;
  let yMax = yr.max;
  if (spec.yLog) {
    // Half a decade of margin below the smallest positive value and a tenth above the largest.
    let pos = Infinity;
    mission.crafts.forEach((_, k) => {
      const s = source(k);
      for (let j = 0, o = s.offset; j < s.count; j++, o += s.stride) {
        const y = s.values[o]!;
        if (y > 0 && y < pos) pos = y;
      }
    });
    yMin = Number.isFinite(pos) ? (pos * yScale) / Math.sqrt(10) : 1e-3;
    yMax = Math.max(yMin * 10, hi * yScale * 1.25, ...(spec.yInclude ?? []));
  }
  const options: PlotDefinition['options'] = {
    legend: { show: false },
    cursor: CURSOR,
    padding: [8, 10, 0, 0],
    scales: {
      x: { time: false, auto: false, range: (_u, min, max) => [min ?? 0, max ?? durationH] },
      y: spec.yLog
        ? { auto: false, distr: 3, log: 10, range: () => [yMin, yMax] }
        : { auto: false, range: () => [yMin, yMax] },
    },
    axes: [
      axis('hours since epoch', { values: hoursValues, size: 30 }),
      axis(spec.yLabel, { size: 46 }),
    ],
    series: craftSeries(mission),
    hooks: spec.draw ? { draw: [spec.draw] } : {},
  };
  return {
    key: `time:${spec.yLabel}:${spec.yLog ? 'log' : 'lin'}:${mission.crafts.map((c) => c.color).join(',')}`,
    options,
    fit: () => ({ x: [0, durationH], y: [yMin, yMax] }),
    data(widthPx, _h, xWindow) {
      const [h0, h1] = xWindow ?? [0, durationH];
      return mission.crafts.map((_, k): Facet => {
        const d = decimateM4(source(k), h0 * 3600, h1 * 3600, widthPx, 1 / 3600, yScale);
        return [d.x, d.y];
      });
    },
    cursorX: (tS) => tS / 3600,
    dots: (tS) =>
      mission.crafts.map((c, k) => {
        const s = source(k);
        c.ephemeris.stateAt(tS, scratch);
        // Values from the state when the source is the ephemeris, else the nearest sample.
        const y =
          s.values === c.ephemeris.stateRic
            ? scratch[s.offset]! * yScale
            : Math.hypot(scratch[0]!, scratch[1]!, scratch[2]!) * yScale;
        return { x: tS / 3600, y, color: c.color };
      }),
    seekTime: (h) => Math.min(Math.max(h * 3600, 0), mission.durationS),
  };
}

/**
 * Definition of the in-plane relative motion plot: in-track I horizontal, radial R vertical, km
 * (the textbook V-bar / R-bar picture, here with I increasing to the right as in the 3D view),
 * with the target and its keep-out circle, at one scale on both axes so shapes are true (a
 * football is a 2:1 ellipse); a drag zooms to any box, a double-click returns. Tracks are
 * simplified to half a pixel with the trail's Douglas-Peucker hierarchy; zooming re-simplifies.
 */

import type uPlot from 'uplot';
import type { Mission } from '../model/mission.ts';
import { equalAspectRanges, inPlaneSeries, paddedRange } from '../model/plotSeries.ts';
import { axis, clipToPlotArea, craftSeries, CURSOR } from './plotTheme.ts';
import type { Facet, PlotDefinition } from './useUPlot.ts';

const scratch = new Float64Array(6);

/** Builds the in-plane plot of a mission. */
export function inPlanePlot(mission: Mission): PlotDefinition {
  const coarse = mission.crafts.map((c) => inPlaneSeries(c, Math.max(1, mission.extentM / 2000)));
  const keepOut = mission.keepOut;
  // The target and its keep-out zone always in view.
  const [aR, aI] = keepOut ? [keepOut.semiAxesM[0] / 1000, keepOut.semiAxesM[1] / 1000] : [0, 0];
  const xr = paddedRange(coarse.map((s) => s.iKm).concat([Float64Array.of(-aI, aI)]), 0.06, 0.5);
  const yr = paddedRange(coarse.map((s) => s.rKm).concat([Float64Array.of(-aR, aR)]), 0.12, 0.5);
  /** Everything in view, one km as long on both axes. */
  const fit = (widthPx: number, heightPx: number) => {
    const r = equalAspectRanges(xr, yr, widthPx, heightPx);
    return { x: [r.x.min, r.x.max] as [number, number], y: [r.y.min, r.y.max] as [number, number] };
  };

  const drawTarget = (u: uPlot) => {
    const x0 = u.valToPos(0, 'x', true);
    const y0 = u.valToPos(0, 'y', true);
    const pr = devicePixelRatio || 1;
    const ctx = clipToPlotArea(u);
    if (keepOut) {
      // Semi-axes along I (x) and R (y), km.
      const rx = Math.abs(u.valToPos(keepOut.semiAxesM[1] / 1000, 'x', true) - x0);
      const ry = Math.abs(u.valToPos(keepOut.semiAxesM[0] / 1000, 'y', true) - y0);
      ctx.beginPath();
      ctx.ellipse(x0, y0, Math.max(rx, 1), Math.max(ry, 1), 0, 0, 2 * Math.PI);
      ctx.fillStyle = 'rgba(255, 179, 71, 0.12)';
      ctx.strokeStyle = 'rgba(255, 179, 71, 0.8)';
      ctx.lineWidth = pr;
      ctx.fill();
      ctx.stroke();
    }
    ctx.strokeStyle = '#e6edf5';
    ctx.lineWidth = 1.5 * pr;
    const s = 5 * pr;
    ctx.beginPath();
    ctx.moveTo(x0 - s, y0);
    ctx.lineTo(x0 + s, y0);
    ctx.moveTo(x0, y0 - s);
    ctx.lineTo(x0, y0 + s);
    ctx.stroke();
    ctx.restore();
  };

  const options: PlotDefinition['options'] = {
    legend: { show: false },
    cursor: { ...CURSOR, drag: { x: true, y: true, setScale: true, uni: 20 } },
    padding: [8, 10, 0, 0],
    scales: {
      x: {
        time: false,
        auto: false,
        range: (u, min, max) =>
          min !== null && max !== null ? [min, max] : fit(u.bbox.width, u.bbox.height).x,
      },
      y: {
        auto: false,
        range: (u, min, max) =>
          min !== null && max !== null ? [min, max] : fit(u.bbox.width, u.bbox.height).y,
      },
    },
    axes: [axis('I in-track (km) →', { size: 30 }), axis('R radial (km) ↑', { size: 46 })],
    series: craftSeries(mission),
    hooks: { drawClear: [drawTarget] },
  };
  return {
    key: `in-plane:${mission.crafts.map((c) => c.color).join(',')}`,
    options,
    fit,
    data(widthPx, heightPx, xWindow) {
      const spanX = xWindow ? xWindow[1] - xWindow[0] : xr.max - xr.min;
      // Half the smaller pixel size of the two axes, m (y assumed at full range when zoomed in x).
      const tolM = 0.5 * 1000 * Math.min(spanX / widthPx, (yr.max - yr.min) / heightPx);
      return mission.crafts.map((c): Facet => {
        const s = inPlaneSeries(c, Math.max(tolM, 1e-3));
        return [s.iKm, s.rKm];
      });
    },
    dots: (tS) =>
      mission.crafts.map((c) => {
        c.ephemeris.stateAt(tS, scratch);
        return { x: scratch[1]! / 1000, y: scratch[0]! / 1000, color: c.color };
      }),
  };
}

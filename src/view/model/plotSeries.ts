/**
 * Series for the plots beside the scene, decimated so that 172,800 samples per spacecraft stay
 * interactive: time plots by M4 per pixel column (./decimate.ts), the parametric in-plane plot
 * by the trail's Douglas-Peucker hierarchy (./simplify.ts) at half a pixel.
 */

import type { SeriesSource } from './decimate.ts';
import type { CraftView } from './mission.ts';
import { selectCandidates } from './simplify.ts';

/** Cross-track position C (RIC, m) of a spacecraft as a decimation source. */
export function crossTrackSource(craft: CraftView): SeriesSource {
  const e = craft.ephemeris;
  return { tS: e.tS, values: e.stateRic, stride: 6, offset: 2, count: e.count };
}

/** Range to the target (m) of a spacecraft as a decimation source. */
export function rangeSource(craft: CraftView): SeriesSource {
  const e = craft.ephemeris;
  return { tS: e.tS, values: craft.rangeM, stride: 1, offset: 0, count: e.count };
}

/** The in-plane track of a spacecraft: in-track I and radial R, km, as drawn. */
export interface InPlaneSeries {
  /** In-track I, km. */
  iKm: Float64Array;
  /** Radial R, km. */
  rKm: Float64Array;
  /** Sample times of the points kept, s. */
  tS: Float64Array;
}

/**
 * The in-plane track simplified to `tolM`. The importance is that of the 3D trail: projecting
 * onto the R-I plane shortens every distance, so the 2D error stays below `tolM` too.
 *
 * @param craft the spacecraft
 * @param tolM tolerance, m (half the smaller pixel size of the plot's two axes)
 */
export function inPlaneSeries(craft: CraftView, tolM: number): InPlaneSeries {
  const e = craft.ephemeris;
  const idx = selectCandidates(craft.importance, craft.candidates, tolM);
  const iKm = new Float64Array(idx.length);
  const rKm = new Float64Array(idx.length);
  const tS = new Float64Array(idx.length);
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    rKm[j] = e.stateRic[k * 6]! / 1000;
    iKm[j] = e.stateRic[k * 6 + 1]! / 1000;
    tS[j] = e.tS[k]!;
  }
  return { iKm, rKm, tS };
}

/** A closed interval with some margin, for plot axes. */
export interface AxisRange {
  min: number;
  max: number;
}

/**
 * Range of a set of values with a relative margin, never thinner than `minSpan`.
 *
 * @param values the values
 * @param margin fraction of the span added on each side
 * @param minSpan smallest span (same unit as the values)
 */
export function paddedRange(
  values: Iterable<ArrayLike<number>>,
  margin = 0.08,
  minSpan = 0.01,
): AxisRange {
  let min = Infinity;
  let max = -Infinity;
  for (const arr of values) {
    for (let k = 0; k < arr.length; k++) {
      const v = arr[k]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) return { min: -1, max: 1 };
  let span = max - min;
  if (span < minSpan) {
    const mid = (min + max) / 2;
    min = mid - minSpan / 2;
    max = mid + minSpan / 2;
    span = minSpan;
  }
  return { min: min - margin * span, max: max + margin * span };
}

/**
 * The two ranges widened so that one unit spans as many pixels on both axes (true shapes: a
 * football is a 2:1 ellipse, a keep-out sphere a circle). Each range keeps its centre; the one
 * with fewer units per pixel grows. A plot of no size gets the ranges back unchanged.
 *
 * @param x horizontal range, data units
 * @param y vertical range, same units
 * @param widthPx plot area width, px
 * @param heightPx plot area height, px
 */
export function equalAspectRanges(
  x: AxisRange,
  y: AxisRange,
  widthPx: number,
  heightPx: number,
): { x: AxisRange; y: AxisRange } {
  if (!(widthPx > 0 && heightPx > 0)) return { x, y };
  const perPx = Math.max((x.max - x.min) / widthPx, (y.max - y.min) / heightPx);
  const around = (r: AxisRange, px: number): AxisRange => {
    const mid = (r.min + r.max) / 2;
    return { min: mid - (perPx * px) / 2, max: mid + (perPx * px) / 2 };
  };
  return { x: around(x, widthPx), y: around(y, heightPx) };
}

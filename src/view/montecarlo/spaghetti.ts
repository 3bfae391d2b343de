/**
 * The "spaghetti" of a Monte Carlo run: a thinned set of dispersed trajectories drawn faintly
 * over the nominal one. Pure functions: which trials to show, how to decimate one trajectory to a
 * few hundred points, and the line-segment buffers the 3D view draws.
 *
 * Decimation keeps the points of largest Douglas-Peucker importance [1] (the tolerance at which
 * the classic algorithm would still keep them; src/view/model/simplify.ts), so a budget of a few
 * hundred points goes to the corners (burns, the turns of a loop) rather than to straight coasts.
 *
 * References:
 * [1] D. Douglas, T. Peucker, "Algorithms for the reduction of the number of points required to
 *     represent a digitized line or its caricature", Cartographica 10(2), 1973.
 */

import { ricToWorld } from '../model/axes.ts';
import { douglasPeuckerImportance } from '../model/simplify.ts';
import { pathCount, type PathBundle } from './protocol.ts';

/** Trajectories drawn by default. */
export const SPAGHETTI_TRIALS = 50;
/** Points kept per trajectory, at most. */
export const SPAGHETTI_POINTS = 300;
/** Colour of the worst trial's line (the theme's violation red, lighter). */
export const WORST_COLOR = '#ff6b6e';

/**
 * About `count` trial indices spread evenly over 0..done-1 (first and last included), plus the
 * worst trial, ascending and without repeats.
 *
 * @param done trials available (the contiguous prefix of the run)
 * @param count wanted
 * @param worst index always included, or null
 */
export function spaghettiTrials(done: number, count: number, worst: number | null): number[] {
  const out = new Set<number>();
  const n = Math.max(0, Math.floor(done));
  const m = Math.min(n, Math.max(0, Math.floor(count)));
  if (m === 1) out.add(0);
  else for (let k = 0; k < m; k++) out.add(Math.round((k * (n - 1)) / (m - 1)));
  if (worst !== null && worst >= 0 && worst < n) out.add(worst);
  return [...out].sort((a, b) => a - b);
}

/**
 * Indices of at most `maxPoints` points to keep (ascending, both ends always): the most important
 * ones, down to the classic Douglas-Peucker result for the largest tolerance that fits the budget.
 *
 * The tolerance is the importance of the first point the budget leaves out, and only points
 * strictly more important than it are kept: when the cut falls inside a run of equal importances
 * (a point clamped to its parent's), the whole run is dropped rather than split. The result is
 * then exactly the classic algorithm's at that tolerance, so no point lies farther than the
 * largest importance dropped from the kept polyline; the price is that fewer than `maxPoints`
 * points may be kept (never fewer than the two ends).
 *
 * @param importance Douglas-Peucker importance per point (ends Infinity)
 * @param maxPoints budget, at least 2
 */
export function decimateByImportance(importance: Float64Array, maxPoints: number): Uint32Array {
  const n = importance.length;
  const budget = Math.max(2, Math.floor(maxPoints));
  if (n <= budget) {
    const all = new Uint32Array(n);
    for (let k = 0; k < n; k++) all[k] = k;
    return all;
  }
  // The ends are kept whatever their importance; the interior gets budget - 2 places. The
  // tolerance is the (budget - 1)-th largest interior importance: at most budget - 2 interior
  // points are strictly above it. (n > budget, so there are at least budget - 1 interior points.)
  const interior = importance.slice(1, n - 1).sort();
  const tol = interior[interior.length - (budget - 1)]!;
  let count = 2;
  for (let k = 1; k < n - 1; k++) if (importance[k]! > tol) count++;
  const out = new Uint32Array(count);
  let j = 0;
  out[j++] = 0;
  for (let k = 1; k < n - 1; k++) if (importance[k]! > tol) out[j++] = k;
  out[j] = n - 1;
  return out;
}

/**
 * Decimated RIC positions of an ephemeris (6 numbers per sample, m and m/s).
 *
 * @param stateRic samples [x, y, z, xd, yd, zd], RIC, m and m/s
 * @param count samples
 * @param maxPoints budget: at most this many points are kept (`decimateByImportance`)
 * @returns positions (R, I, C), m, 3 per kept point
 */
export function decimateTrajectory(
  stateRic: Float64Array,
  count: number,
  maxPoints: number,
): Float32Array {
  const importance = douglasPeuckerImportance({ coords: stateRic, stride: 6, dims: 3, count });
  const keep = decimateByImportance(importance, maxPoints);
  const out = new Float32Array(keep.length * 3);
  for (let j = 0; j < keep.length; j++) {
    const o = keep[j]! * 6;
    out[3 * j] = stateRic[o]!;
    out[3 * j + 1] = stateRic[o + 1]!;
    out[3 * j + 2] = stateRic[o + 2]!;
  }
  return out;
}

/**
 * World positions (km, three.js axes, src/view/model/axes.ts) of the paths chosen by `select`,
 * as line-segment pairs (a `LineSegments` draws every path in one call).
 *
 * @param paths the bundle
 * @param select which paths to include, by path index
 * @returns 6 floats per segment: start x, y, z, end x, y, z
 */
export function segmentPositions(
  paths: PathBundle,
  select: (pathIndex: number) => boolean,
): Float32Array {
  const n = pathCount(paths);
  let segments = 0;
  for (let k = 0; k < n; k++) {
    if (select(k)) segments += Math.max(0, paths.offsets[k + 1]! - paths.offsets[k]! - 1);
  }
  const out = new Float32Array(segments * 6);
  const p = paths.ricM;
  let w = 0;
  for (let k = 0; k < n; k++) {
    if (!select(k)) continue;
    const a = paths.offsets[k]!;
    const b = paths.offsets[k + 1]!;
    for (let j = a; j + 1 < b; j++) {
      ricToWorld(out, p[3 * j]!, p[3 * j + 1]!, p[3 * j + 2]!, w);
      ricToWorld(out, p[3 * j + 3]!, p[3 * j + 4]!, p[3 * j + 5]!, w + 3);
      w += 6;
    }
  }
  return out;
}

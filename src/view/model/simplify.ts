/**
 * Polyline simplification for trails and parametric plots: Douglas-Peucker [1] computed once as a
 * hierarchy, so that the simplification for any tolerance is a linear scan.
 *
 * Classic Douglas-Peucker keeps the point of a span farthest from the span's chord when that
 * distance exceeds the tolerance, then recurses on both halves. Which point is chosen does not
 * depend on the tolerance, only whether the recursion goes on does. So one full run records, for
 * every split point, `importance = min(its distance, its parent's importance)`; the classic result
 * for tolerance `tol` is then exactly the set of points with `importance > tol` (plus the two
 * ends) [2]. Every dropped point lies within `tol` of the chord between the kept points around it.
 *
 * A 48 h ephemeris at 1 s has 172,800 samples: the hierarchy takes a few tens of ms once per
 * scenario; re-selecting for a new zoom is ~1 ms, cheap enough to do whenever the zoom changes
 * by a factor of two.
 *
 * References:
 * [1] D. Douglas, T. Peucker, "Algorithms for the reduction of the number of points required to
 *     represent a digitized line or its caricature", Cartographica 10(2), 1973.
 * [2] J. Hershberger, J. Snoeyink, "Speeding up the Douglas-Peucker line-simplification
 *     algorithm", Proc. 5th Symp. on Data Handling, 1992 (the hierarchy as a by-product).
 */

/** Points as a flat array: point k has coordinates `coords[k * stride + j]`, j < dims. */
export interface PointArray {
  coords: ArrayLike<number>;
  /** Numbers between consecutive points (e.g. 6 for an ephemeris state). */
  stride: number;
  /** Coordinates used per point: 2 or 3. */
  dims: 2 | 3;
  /** Number of points. */
  count: number;
}

/**
 * Distance from point k to the segment a-b (same units as the coordinates). A degenerate
 * segment (a = b) gives the distance to a.
 */
export function pointSegmentDistance(p: PointArray, k: number, a: number, b: number): number {
  const c = p.coords;
  const s = p.stride;
  const ka = a * s;
  const kb = b * s;
  const kk = k * s;
  const ax = c[ka]!;
  const ay = c[ka + 1]!;
  const az = p.dims === 3 ? c[ka + 2]! : 0;
  const dx = c[kb]! - ax;
  const dy = c[kb + 1]! - ay;
  const dz = p.dims === 3 ? c[kb + 2]! - az : 0;
  const px = c[kk]! - ax;
  const py = c[kk + 1]! - ay;
  const pz = p.dims === 3 ? c[kk + 2]! - az : 0;
  const len2 = dx * dx + dy * dy + dz * dz;
  let u = len2 > 0 ? (px * dx + py * dy + pz * dz) / len2 : 0;
  if (u < 0) u = 0;
  else if (u > 1) u = 1;
  const ex = px - u * dx;
  const ey = py - u * dy;
  const ez = pz - u * dz;
  return Math.sqrt(ex * ex + ey * ey + ez * ez);
}

/**
 * Douglas-Peucker importance of every point: the largest tolerance at which the point is kept.
 * Ends get `Infinity`; points that never matter above `floor` get 0.
 *
 * @param p the polyline
 * @param floor tolerance below which the recursion stops (coordinate units), e.g. 1 mm
 * @returns one importance per point, coordinate units
 */
export function douglasPeuckerImportance(p: PointArray, floor = 0): Float64Array {
  const n = p.count;
  const importance = new Float64Array(n);
  if (n === 0) return importance;
  importance[0] = Infinity;
  importance[n - 1] = Infinity;
  if (n < 3) return importance;
  // Explicit stack of spans [a, b] with their parent's importance: no recursion depth limit.
  const stackA: number[] = [0];
  const stackB: number[] = [n - 1];
  const stackImp: number[] = [Infinity];
  while (stackA.length > 0) {
    const a = stackA.pop()!;
    const b = stackB.pop()!;
    const parent = stackImp.pop()!;
    if (b - a < 2) continue;
    let best = -1;
    let bestD = -1;
    for (let k = a + 1; k < b; k++) {
      const d = pointSegmentDistance(p, k, a, b);
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    if (!(bestD > floor)) continue;
    const imp = Math.min(bestD, parent);
    importance[best] = imp;
    stackA.push(a, best);
    stackB.push(best, b);
    stackImp.push(imp, imp);
  }
  return importance;
}

/**
 * Indices of the points kept at tolerance `tol` (ascending; always both ends).
 *
 * @param importance from `douglasPeuckerImportance`
 * @param tol tolerance, coordinate units
 * @param mandatory indices always kept (e.g. burn samples), ascending or not
 */
export function selectByImportance(
  importance: Float64Array,
  tol: number,
  mandatory: readonly number[] = [],
): Uint32Array {
  const n = importance.length;
  let count = 0;
  for (let k = 0; k < n; k++) if (importance[k]! > tol) count++;
  const keep = new Uint8Array(n);
  for (const k of mandatory) if (k >= 0 && k < n) keep[k] = 1;
  let extra = 0;
  for (let k = 0; k < n; k++) if (keep[k] === 1 && !(importance[k]! > tol)) extra++;
  const out = new Uint32Array(count + extra);
  let j = 0;
  for (let k = 0; k < n; k++) if (importance[k]! > tol || keep[k] === 1) out[j++] = k;
  return out;
}

/**
 * Largest distance from any dropped point to the kept polyline chord that spans it: the actual
 * error of a simplification (for tests and diagnostics).
 *
 * @param p the polyline
 * @param kept ascending indices kept, including both ends
 */
export function simplificationError(p: PointArray, kept: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 0; j + 1 < kept.length; j++) {
    const a = kept[j]!;
    const b = kept[j + 1]!;
    for (let k = a + 1; k < b; k++) worst = Math.max(worst, pointSegmentDistance(p, k, a, b));
  }
  return worst;
}

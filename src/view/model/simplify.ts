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
 * A 48 h ephemeris at 1 s has 172,800 samples: the hierarchy takes about 10 ms per run (in the
 * simulation worker, after every edit); re-selecting for a new zoom is ~1 ms, cheap enough to do
 * whenever the zoom changes by a factor of two.
 *
 * After an edit the hierarchy is on the way to the screen, so it is made cheap: a one-pass
 * Reumann-Witkam strip filter [3] first drops the points within `eps` of a straight run (a 1 s
 * ephemeris is dense: most points are), then Douglas-Peucker runs on the points left
 * (`prefilteredImportance`). A simplification at `tol` is then within `tol + 2 eps` of every
 * sample; with `eps` = 0.25 mm that is far below a pixel at any zoom the camera allows.
 *
 * References:
 * [1] D. Douglas, T. Peucker, "Algorithms for the reduction of the number of points required to
 *     represent a digitized line or its caricature", Cartographica 10(2), 1973.
 * [2] J. Hershberger, J. Snoeyink, "Speeding up the Douglas-Peucker line-simplification
 *     algorithm", Proc. 5th Symp. on Data Handling, 1992 (the hierarchy as a by-product).
 * [3] K. Reumann, A. Witkam, "Optimizing curve segmentation in computer graphics", Proc. Int.
 *     Computing Symposium, 1974 (the strip algorithm).
 */

import { freshArrays, type ArrayAllocator } from '../../core/arrays.ts';

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
  const c = p.coords;
  const stride = p.stride;
  const is3 = p.dims === 3;
  const floor2 = floor * floor;
  // Explicit stack of spans [a, b] with their parent's importance: no recursion depth limit, no
  // allocation per span. A span pushes two, so n + 1 entries always suffice.
  const stackA = new Int32Array(n + 1);
  const stackB = new Int32Array(n + 1);
  const stackImp = new Float64Array(n + 1);
  stackA[0] = 0;
  stackB[0] = n - 1;
  stackImp[0] = Infinity;
  let top = 1;
  while (top > 0) {
    top--;
    const a = stackA[top]!;
    const b = stackB[top]!;
    const parent = stackImp[top]!;
    if (b - a < 2) continue;
    // The inner loop is pointSegmentDistance inlined, on squared distances (one sqrt per span):
    // this is the whole cost of a scenario's simplification.
    const ka = a * stride;
    const kb = b * stride;
    const ax = c[ka]!;
    const ay = c[ka + 1]!;
    const az = is3 ? c[ka + 2]! : 0;
    const dx = c[kb]! - ax;
    const dy = c[kb + 1]! - ay;
    const dz = is3 ? c[kb + 2]! - az : 0;
    const len2 = dx * dx + dy * dy + dz * dz;
    const inv = len2 > 0 ? 1 / len2 : 0;
    let best = -1;
    let bestD2 = -1;
    for (let k = a + 1, kk = ka + stride; k < b; k++, kk += stride) {
      const px = c[kk]! - ax;
      const py = c[kk + 1]! - ay;
      const pz = is3 ? c[kk + 2]! - az : 0;
      let u = (px * dx + py * dy + pz * dz) * inv;
      u = u < 0 ? 0 : u > 1 ? 1 : u;
      const ex = px - u * dx;
      const ey = py - u * dy;
      const ez = pz - u * dz;
      const d2 = ex * ex + ey * ey + ez * ez;
      if (d2 > bestD2) {
        bestD2 = d2;
        best = k;
      }
    }
    if (!(bestD2 > floor2)) continue;
    const d = Math.sqrt(bestD2);
    const imp = d < parent ? d : parent;
    importance[best] = imp;
    stackA[top] = a;
    stackB[top] = best;
    stackImp[top] = imp;
    top++;
    stackA[top] = best;
    stackB[top] = b;
    stackImp[top] = imp;
    top++;
  }
  return importance;
}

/**
 * Reumann-Witkam strip filter: from each kept point, the points that stay within `eps` of the
 * line through it and its successor, and keep moving forward along that line, are dropped; the
 * last one before the strip is left (or the path turns back) is kept. One pass, O(n). Every
 * dropped point lies within `2 eps` of the chord between the kept points around it.
 *
 * @param p the polyline
 * @param eps strip half-width (coordinate units)
 * @param arrays where the result's buffer comes from
 * @returns ascending indices kept, both ends included (a view on a buffer of `p.count` indices)
 */
export function stripFilter(
  p: PointArray,
  eps: number,
  arrays: ArrayAllocator = freshArrays,
): Uint32Array {
  const n = p.count;
  const out = arrays.uint32(Math.max(n, 0));
  if (n <= 2) {
    for (let k = 0; k < n; k++) out[k] = k;
    return out.subarray(0, n);
  }
  const c = p.coords;
  const stride = p.stride;
  const is3 = p.dims === 3;
  const eps2 = eps * eps;
  let m = 0;
  let key = 0;
  out[m++] = 0;
  while (key < n - 1) {
    // The strip: the line through the key point and the next point farther than eps from it
    // (the points skipped on the way are within eps of the key, so of the strip). A direction from
    // a nearer point can be too short to normalise (1e-162 m squares to zero or a denormal).
    const ka = key * stride;
    const ax = c[ka]!;
    const ay = c[ka + 1]!;
    const az = is3 ? c[ka + 2]! : 0;
    let j = key + 1;
    let dx = 0;
    let dy = 0;
    let dz = 0;
    let len2 = 0;
    while (j < n) {
      const kj = j * stride;
      dx = c[kj]! - ax;
      dy = c[kj + 1]! - ay;
      dz = is3 ? c[kj + 2]! - az : 0;
      len2 = dx * dx + dy * dy + dz * dz;
      if (len2 > eps2 && Number.isFinite(1 / len2)) break;
      j++;
    }
    if (j >= n) break;
    const inv = 1 / len2;
    let lastU = 1;
    let k = j + 1;
    for (let kk = k * stride; k < n; k++, kk += stride) {
      const px = c[kk]! - ax;
      const py = c[kk + 1]! - ay;
      const pz = is3 ? c[kk + 2]! - az : 0;
      const u = (px * dx + py * dy + pz * dz) * inv;
      if (u < lastU) break; // turning back along the line
      const ex = px - u * dx;
      const ey = py - u * dy;
      const ez = pz - u * dz;
      if (ex * ex + ey * ey + ez * ez > eps2) break;
      lastU = u;
    }
    // Points j .. k-1 stayed in the strip: k-1 is the next key.
    key = k - 1;
    out[m++] = key;
  }
  if (out[m - 1] !== n - 1) out[m++] = n - 1;
  return out.subarray(0, m);
}

/**
 * Douglas-Peucker importance after the strip filter: the points the filter drops get 0, the
 * others their importance among the kept points. A simplification at `tol` is within
 * `tol + 2 eps` of every point; computing it costs a pass over all points plus Douglas-Peucker
 * over the (far fewer) points kept.
 *
 * @param p the polyline
 * @param floor Douglas-Peucker recursion floor (coordinate units)
 * @param eps strip half-width of the prefilter (coordinate units)
 * @param arrays where the two result arrays come from
 */
export function prefilteredImportance(
  p: PointArray,
  floor: number,
  eps: number,
  arrays: ArrayAllocator = freshArrays,
): { importance: Float64Array; candidates: Uint32Array } {
  const kept = stripFilter(p, eps, arrays);
  const m = kept.length;
  const dims = p.dims;
  const coords = new Float64Array(m * dims);
  for (let j = 0; j < m; j++) {
    const o = kept[j]! * p.stride;
    for (let d = 0; d < dims; d++) coords[j * dims + d] = p.coords[o + d]!;
  }
  const sub = douglasPeuckerImportance({ coords, stride: dims, dims, count: m }, floor);
  const importance = arrays.float64(p.count).fill(0);
  for (let j = 0; j < m; j++) importance[kept[j]!] = sub[j]!;
  return { importance, candidates: kept };
}

/**
 * `selectByImportance` over the only points that can be kept (the strip filter's, in order):
 * the same indices, in a pass over the candidates instead of every point.
 *
 * @param importance importance of every point
 * @param candidates ascending indices of the points with importance > 0 (ends included)
 * @param tol tolerance, coordinate units
 */
export function selectCandidates(
  importance: Float64Array,
  candidates: Uint32Array,
  tol: number,
): Uint32Array {
  let count = 0;
  for (let j = 0; j < candidates.length; j++) if (importance[candidates[j]!]! > tol) count++;
  const out = new Uint32Array(count);
  let i = 0;
  for (let j = 0; j < candidates.length; j++) {
    const k = candidates[j]!;
    if (importance[k]! > tol) out[i++] = k;
  }
  return out;
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

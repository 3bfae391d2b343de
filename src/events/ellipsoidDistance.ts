/**
 * Signed Euclidean distance from a point to the surface of an axis-aligned ellipsoid (and an
 * ellipse), positive outside and negative inside: the keep-out and approach-ellipsoid margins.
 *
 * Eberly's method [1]: with semi-axes e0 >= e1 >= e2 and the point folded into the first octant,
 * the closest surface point is x_i = r_i y_i / (s + r_i) (r_i = (e_i / e2)^2), where s is the
 * unique root, on a known bracket, of the secular function
 *   F(s) = sum_i (r_i z_i / (s + r_i))^2 - 1   (z_i = y_i / e_i),
 * found by safeguarded Newton steps on u = s + 1 (F is convex and decreasing there; [1] uses
 * bisection, several times slower: about 60 halvings against 5-8 Newton steps). Solving for
 * s + 1 keeps the relative precision of a root near s = -1, a point near the minor axis. Points
 * on a coordinate plane reduce to the ellipse of the other two axes, except inside near the centre where the
 * closest point leaves that plane; both cases have the closed forms of [1]. Plain numbers only:
 * nothing is allocated, so it runs per integration step.
 *
 * References:
 * [1] D. Eberly, "Distance from a Point to an Ellipse, an Ellipsoid, or a Hyperellipsoid",
 *     Geometric Tools, 2013 (rev. 2020), sections 2.9 and 3.
 */

/** Root-finding steps at most (Newton converges in a handful; bisection in under 1100). */
const MAX_ITERATIONS = 1200;

const sq = (x: number) => x * x;

/** sqrt(a^2 + b^2 + c^2) without overflow for large arguments. */
function robustLength3(a: number, b: number, c: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  if (m === 0) return 0;
  const p = a / m;
  const q = b / m;
  const r = c / m;
  return m * Math.sqrt(p * p + q * q + r * r);
}

/**
 * Root u = s + 1 of F(u) = (n0 / (u + d0))^2 + (n1 / (u + d1))^2 + (z2 / u)^2 - 1 on the
 * bracket [lo, hi] where F(lo) >= 0 >= F(hi) (d0, d1 >= 0; n1 = 0 for an ellipse). F is convex
 * and decreasing there, so Newton's method started on either side never leaves the bracket after
 * its first step and then climbs monotonically to the root from the left, quadratically near it;
 * a step that would leave the bracket (rounding) bisects instead. A step below 1e-9 of u ends
 * it: the error left after it is of the order of its square. Solving for s + 1 rather than s
 * keeps full relative precision when the root is near s = -1 (a point near the minor axis).
 */
function secularRoot(
  n0: number,
  d0: number,
  n1: number,
  d1: number,
  z2: number,
  lo: number,
  hi: number,
): number {
  let u = hi;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const p0 = u + d0;
    const p1 = u + d1;
    const a = n0 / p0;
    const b = n1 / p1;
    const c = z2 / u;
    const f = a * a + b * b + c * c - 1;
    if (f === 0) return u;
    if (f > 0) lo = u;
    else hi = u;
    const slope = -2 * ((a * a) / p0 + (b * b) / p1 + (c * c) / u);
    let next = u - f / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next === u || next === lo || next === hi) return next;
    if (Math.abs(next - u) <= 1e-9 * u) return next;
    u = next;
  }
  return u;
}

/**
 * Unsigned distance from (y0, y1) to the ellipse with semi-axes e0 >= e1 > 0 (y0, y1 >= 0), m.
 */
function ellipseDistance(e0: number, e1: number, y0: number, y1: number): number {
  if (y1 > 0) {
    if (y0 > 0) {
      const z0 = y0 / e0;
      const z1 = y1 / e1;
      const g = z0 * z0 + z1 * z1 - 1;
      if (g === 0) return 0;
      const r0 = (e0 / e1) * (e0 / e1);
      const d0 = ((e0 - e1) * (e0 + e1)) / (e1 * e1);
      const u = secularRoot(r0 * z0, d0, 0, 0, z1, z1, g < 0 ? 1 : robustLength3(r0 * z0, z1, 0));
      const x0 = (r0 * y0) / (u + d0);
      const x1 = y1 / u;
      return Math.sqrt(sq(x0 - y0) + sq(x1 - y1));
    }
    return Math.abs(y1 - e1);
  }
  const numer0 = e0 * y0;
  const denom0 = e0 * e0 - e1 * e1;
  if (numer0 < denom0) {
    const xde0 = numer0 / denom0;
    const x0 = e0 * xde0;
    const x1 = e1 * Math.sqrt(Math.max(0, 1 - xde0 * xde0));
    return Math.sqrt(sq(x0 - y0) + x1 * x1);
  }
  return Math.abs(y0 - e0);
}

/**
 * Unsigned distance from (y0, y1, y2) >= 0 to the ellipsoid with semi-axes e0 >= e1 >= e2 > 0, m.
 */
function ellipsoidDistance(
  e0: number,
  e1: number,
  e2: number,
  y0: number,
  y1: number,
  y2: number,
): number {
  if (y2 > 0) {
    if (y1 > 0) {
      if (y0 > 0) {
        const z0 = y0 / e0;
        const z1 = y1 / e1;
        const z2 = y2 / e2;
        const g = z0 * z0 + z1 * z1 + z2 * z2 - 1;
        if (g === 0) return 0;
        const r0 = (e0 / e2) * (e0 / e2);
        const r1 = (e1 / e2) * (e1 / e2);
        const d0 = ((e0 - e2) * (e0 + e2)) / (e2 * e2);
        const d1 = ((e1 - e2) * (e1 + e2)) / (e2 * e2);
        const n0 = r0 * z0;
        const n1 = r1 * z1;
        const u = secularRoot(n0, d0, n1, d1, z2, z2, g < 0 ? 1 : robustLength3(n0, n1, z2));
        const x0 = (r0 * y0) / (u + d0);
        const x1 = (r1 * y1) / (u + d1);
        const x2 = y2 / u;
        return Math.sqrt(sq(x0 - y0) + sq(x1 - y1) + sq(x2 - y2));
      }
      return ellipseDistance(e1, e2, y1, y2);
    }
    if (y0 > 0) return ellipseDistance(e0, e2, y0, y2);
    return Math.abs(y2 - e2);
  }
  // On the plane of the two largest axes: the closest point leaves the plane only from inside,
  // near the centre.
  const denom0 = e0 * e0 - e2 * e2;
  const denom1 = e1 * e1 - e2 * e2;
  const numer0 = e0 * y0;
  const numer1 = e1 * y1;
  if (numer0 < denom0 && numer1 < denom1) {
    const xde0 = numer0 / denom0;
    const xde1 = numer1 / denom1;
    const discr = 1 - xde0 * xde0 - xde1 * xde1;
    if (discr > 0) {
      const x0 = e0 * xde0;
      const x1 = e1 * xde1;
      const x2 = e2 * Math.sqrt(discr);
      return Math.sqrt(sq(x0 - y0) + sq(x1 - y1) + x2 * x2);
    }
  }
  return ellipseDistance(e0, e1, y0, y1);
}

/**
 * Signed distance from a point to an axis-aligned ellipsoid centred at the origin, m: positive
 * outside, zero on the surface, negative inside (minus the distance to the nearest surface point).
 *
 * @param a semi-axis along the first coordinate, m (> 0)
 * @param b semi-axis along the second coordinate, m (> 0)
 * @param c semi-axis along the third coordinate, m (> 0)
 * @param x first coordinate of the point, m
 * @param y second coordinate, m
 * @param z third coordinate, m
 */
export function signedDistanceToEllipsoidM(
  a: number,
  b: number,
  c: number,
  x: number,
  y: number,
  z: number,
): number {
  return ordered(a, Math.abs(x), b, Math.abs(y), c, Math.abs(z));
}

/** Sorts the axes (the coordinates with them) so that e0 >= e1 >= e2, then signs the distance. */
function ordered(e0: number, y0: number, e1: number, y1: number, e2: number, y2: number): number {
  if (e0 < e1) return ordered(e1, y1, e0, y0, e2, y2);
  if (e1 < e2) return ordered(e0, y0, e2, y2, e1, y1);
  const q0 = y0 / e0;
  const q1 = y1 / e1;
  const q2 = y2 / e2;
  const d = ellipsoidDistance(e0, e1, e2, y0, y1, y2);
  return q0 * q0 + q1 * q1 + q2 * q2 < 1 ? -d : d;
}

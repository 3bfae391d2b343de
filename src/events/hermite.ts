/**
 * Cubic Hermite dense output between two integration nodes, and a bracketing root finder on it.
 *
 * Between nodes the integrator gives no trajectory; the cubic through both positions and
 * velocities is fourth-order accurate (error h^4 |x''''| / 384, about 1e-5 m for a 10 km GEO
 * trajectory at 300 s steps), as good as the RK4 nodes themselves. Events (closest approach,
 * zone entry and exit) are located on it.
 *
 * References:
 * [1] Hairer, Norsett and Wanner, Solving Ordinary Differential Equations I, sec. II.6 (dense output).
 * [2] Dowell and Jarratt, "A modified regula falsi method", BIT 11, 1971 (Illinois algorithm).
 * [3] Farin, Curves and Surfaces for CAGD, 5th ed., sec. 4.2 (Bezier form of the cubic Hermite
 *     interpolant, convex hull property).
 */

/** Cubic Hermite segment of a RIC relative state over [t0S, t1S]; set once, evaluated often. */
export class HermiteSegment {
  t0S = 0;
  hS = 1;
  private readonly p0 = new Float64Array(3);
  private readonly v0 = new Float64Array(3);
  private readonly p1 = new Float64Array(3);
  private readonly v1 = new Float64Array(3);

  /**
   * @param t0S start time, s; @param s0 RIC state at t0S [x,y,z,xd,yd,zd]
   * @param t1S end time, s (> t0S); @param s1 RIC state at t1S
   */
  set(t0S: number, s0: ArrayLike<number>, t1S: number, s1: ArrayLike<number>): void {
    this.setAt(t0S, s0, 0, t1S, s1, 0);
  }

  /** As `set`, with the states starting at offsets `o0` and `o1` of their arrays. */
  setAt(
    t0S: number,
    s0: ArrayLike<number>,
    o0: number,
    t1S: number,
    s1: ArrayLike<number>,
    o1: number,
  ): void {
    this.t0S = t0S;
    this.hS = t1S - t0S;
    for (let i = 0; i < 3; i++) {
      this.p0[i] = s0[o0 + i]!;
      this.v0[i] = s0[o0 + i + 3]!;
      this.p1[i] = s1[o1 + i]!;
      this.v1[i] = s1[o1 + i + 3]!;
    }
  }

  /** Interpolated RIC state at fraction `tau` in [0, 1] of the segment, into `out` (6 numbers). */
  evalState(tau: number, out: Float64Array): void {
    const h = this.hS;
    const t2 = tau * tau;
    const t3 = t2 * tau;
    const h00 = 2 * t3 - 3 * t2 + 1;
    const h10 = (t3 - 2 * t2 + tau) * h;
    const h01 = -2 * t3 + 3 * t2;
    const h11 = (t3 - t2) * h;
    const d00 = (6 * t2 - 6 * tau) / h;
    const d10 = 3 * t2 - 4 * tau + 1;
    const d01 = (-6 * t2 + 6 * tau) / h;
    const d11 = 3 * t2 - 2 * tau;
    const { p0, v0, p1, v1 } = this;
    for (let i = 0; i < 3; i++) {
      out[i] = h00 * p0[i]! + h10 * v0[i]! + h01 * p1[i]! + h11 * v1[i]!;
      out[i + 3] = d00 * p0[i]! + d10 * v0[i]! + d01 * p1[i]! + d11 * v1[i]!;
    }
  }
}

/**
 * A lower bound of the range (distance from the origin) along the cubic Hermite segment between
 * two states, m. The cubic is a Bezier curve with control points P0, P0 + h V0 / 3,
 * P1 - h V1 / 3, P1, so it stays in their convex hull [3], whose points are no farther from P0
 * than the farthest control point. Cheap: it lets a closest-approach search skip the root finding
 * on segments that cannot beat the minimum already found.
 *
 * @param s0 first state [x, y, z, xd, yd, zd] at offset o0 (RIC, m and m/s)
 * @param s1 second state at offset o1
 * @param hS segment length, s
 */
export function segmentRangeLowerBoundM(
  s0: ArrayLike<number>,
  o0: number,
  s1: ArrayLike<number>,
  o1: number,
  hS: number,
): number {
  const k = hS / 3;
  const x0 = s0[o0]!;
  const y0 = s0[o0 + 1]!;
  const z0 = s0[o0 + 2]!;
  // control points relative to P0
  const ax = k * s0[o0 + 3]!;
  const ay = k * s0[o0 + 4]!;
  const az = k * s0[o0 + 5]!;
  const dx = s1[o1]! - x0;
  const dy = s1[o1 + 1]! - y0;
  const dz = s1[o1 + 2]! - z0;
  const bx = dx - k * s1[o1 + 3]!;
  const by = dy - k * s1[o1 + 4]!;
  const bz = dz - k * s1[o1 + 5]!;
  const reach2 = Math.max(
    ax * ax + ay * ay + az * az,
    bx * bx + by * by + bz * bz,
    dx * dx + dy * dy + dz * dz,
  );
  return Math.sqrt(x0 * x0 + y0 * y0 + z0 * z0) - Math.sqrt(reach2);
}

/**
 * Root of `f` on [a, b] where f(a) and f(b) have opposite signs (Illinois regula falsi).
 * @param f the function, called with a fraction in [a, b]
 * @param tolerance width of the final bracket in the argument's units
 */
export function bracketRoot(
  f: (tau: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  tolerance: number,
): number {
  let lo = a;
  let hi = b;
  let flo = fa;
  let fhi = fb;
  let side = 0;
  for (let i = 0; i < 200 && hi - lo > tolerance; i++) {
    let m = (lo * fhi - hi * flo) / (fhi - flo);
    if (!(m > lo && m < hi)) m = 0.5 * (lo + hi);
    const fm = f(m);
    if (fm === 0) return m;
    if (fm < 0 === flo < 0) {
      lo = m;
      flo = fm;
      if (side === -1) fhi *= 0.5;
      side = -1;
    } else {
      hi = m;
      fhi = fm;
      if (side === 1) flo *= 0.5;
      side = 1;
    }
  }
  return 0.5 * (lo + hi);
}

/**
 * Probability of collision of a short encounter (2D Pc): the combined position covariance and the
 * miss vector projected onto the encounter plane (perpendicular to the relative velocity at the
 * time of closest approach, TCA), and the 2D Gaussian integrated over the hard-body circle.
 *
 * Assumptions (Foster and Estes [1], Chan [2]): the relative motion is a straight line at constant
 * speed through the encounter, the position uncertainty does not change during it and the two
 * objects' errors are independent Gaussians. `encounter.ts` tests the first assumption.
 *
 * Encounter frame (the convention of NASA CARA's Pc2D_Foster [3]): r = r2 - r1, v = v2 - v1;
 * y along v, z along r x v, x = y x z (so at TCA, where r is perpendicular to v, the miss lies
 * along +x). The plane's axes are (x, z).
 *
 * Integration (Foster's integral [1], evaluated as Alfano's one-dimensional form [4] in the
 * principal axes of the 2 x 2 covariance, with sigma_x <= sigma_y along x, y, miss (xm, ym)):
 *   Pc = int_{-R}^{R} phi((x - xm)/sx)/sx * [Phi((s - ym)/sy) - Phi((-s - ym)/sy)] dx,
 *   s = sqrt(R^2 - x^2),
 * with x = R sin(theta) to remove the square-root end points, on adaptive Gauss-Kronrod (7, 15)
 * panels split where the Gaussian peaks, to 1e-12 relative, and the bracket computed as a
 * difference of tail probabilities (no cancellation), so that Pc = 1e-30 has as many digits as
 * Pc = 0.1.
 *
 * References:
 * [1] Foster and Estes, "A parametric analysis of orbital debris collision probability and
 *     maneuver rate for space vehicles", NASA JSC-25898, 1992.
 * [2] Chan, "Collision probability analyses for Earth-orbiting satellites", Advances in the
 *     Astronautical Sciences 96, 1997; Spacecraft Collision Probability, Aerospace Press, 2008.
 * [3] NASA CARA Analysis Tools, DistributedMatlab/ProbabilityOfCollision/Pc2D_Foster.m
 *     (github.com/nasa/CARA_Analysis_Tools).
 * [4] Alfano, "A numerical implementation of spherical object collision probability", Journal of
 *     the Astronautical Sciences 53(1), 2005.
 */

import { normalInterval } from './special.ts';

/** The encounter plane at TCA: miss and combined covariance in its axes. */
export interface EncounterPlane {
  /** Unit vectors of the plane's x and z axes and of the relative velocity, inertial frame. */
  xHat: [number, number, number];
  zHat: [number, number, number];
  vHat: [number, number, number];
  /** Miss vector in the plane (x, z), m. */
  missM: [number, number];
  /** Combined position covariance in the plane, [cxx, cxz, czz], m^2. */
  covM2: [number, number, number];
  /** Relative speed, m/s. */
  relativeSpeedMps: number;
}

type V3 = [number, number, number];

function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}
function unit(a: V3): V3 {
  const m = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / m, a[1] / m, a[2] / m];
}
function quad(u: V3, c: ArrayLike<number>, w: V3): number {
  let s = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += u[i]! * c[i * 3 + j]! * w[j]!;
  return s;
}

/**
 * Projects a conjunction onto its encounter plane.
 * @param relPosM secondary minus primary position at TCA, inertial, m
 * @param relVelMps secondary minus primary velocity, inertial, m/s
 * @param covPosM2 combined 3 x 3 position covariance (row-major), same inertial frame, m^2
 * @throws RangeError when the relative velocity is zero or parallel to the miss vector
 */
export function encounterPlane(
  relPosM: ArrayLike<number>,
  relVelMps: ArrayLike<number>,
  covPosM2: ArrayLike<number>,
): EncounterPlane {
  const r: V3 = [relPosM[0]!, relPosM[1]!, relPosM[2]!];
  const v: V3 = [relVelMps[0]!, relVelMps[1]!, relVelMps[2]!];
  const speed = Math.hypot(v[0], v[1], v[2]);
  if (!(speed > 0)) throw new RangeError('relative velocity is zero: no encounter plane');
  const vHat = unit(v);
  const h = cross(r, v);
  let zHat: V3;
  if (
    Math.hypot(h[0], h[1], h[2]) > 1e-12 * speed * Math.hypot(r[0], r[1], r[2]) &&
    dot(r, r) > 0
  ) {
    zHat = unit(h);
  } else {
    // zero miss (or miss along v): any axis perpendicular to v serves; take the one nearest to
    // the inertial axis least aligned with v
    const ax: V3 =
      Math.abs(vHat[0]) < 0.6 ? [1, 0, 0] : Math.abs(vHat[1]) < 0.6 ? [0, 1, 0] : [0, 0, 1];
    zHat = unit(cross(ax, vHat));
  }
  const xHat = cross(vHat, zHat);
  return {
    xHat,
    zHat,
    vHat,
    missM: [dot(r, xHat), dot(r, zHat)],
    covM2: [quad(xHat, covPosM2, xHat), quad(xHat, covPosM2, zHat), quad(zHat, covPosM2, zHat)],
    relativeSpeedMps: speed,
  };
}

// Gauss-Kronrod (7, 15) nodes and weights on [-1, 1] (QUADPACK qk15)
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945,
  0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592,
  0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function gk15(f: (t: number) => number, a: number, b: number): [number, number] {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = fc * WGK[7]!;
  let g = fc * WG[3]!;
  for (let j = 0; j < 7; j++) {
    const x = h * XGK[j]!;
    const s = f(c - x) + f(c + x);
    k += WGK[j]! * s;
    if (j % 2 === 1) g += WG[(j - 1) / 2]! * s;
  }
  return [k * h, Math.abs((k - g) * h)];
}

/**
 * Adaptive Gauss-Kronrod quadrature to a relative tolerance of the whole integral: panels are
 * bisected, largest error first, until the summed error estimate is below relTol of the sum.
 */
export function integrate(
  f: (t: number) => number,
  breaks: readonly number[],
  relTol = 1e-12,
  maxPanels = 4000,
): number {
  type Panel = { a: number; b: number; v: number; e: number };
  const panels: Panel[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) {
    const a = breaks[i]!;
    const b = breaks[i + 1]!;
    if (!(b > a)) continue;
    const [v, e] = gk15(f, a, b);
    panels.push({ a, b, v, e });
  }
  for (let iter = 0; iter < maxPanels; iter++) {
    let total = 0;
    let err = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      total += panels[i]!.v;
      err += panels[i]!.e;
      if (panels[i]!.e > panels[worst]!.e) worst = i;
    }
    if (err <= relTol * Math.abs(total) || err === 0) return total;
    const p = panels[worst]!;
    const m = 0.5 * (p.a + p.b);
    if (!(m > p.a && m < p.b)) return total;
    const [v1, e1] = gk15(f, p.a, m);
    const [v2, e2] = gk15(f, m, p.b);
    panels[worst] = { a: p.a, b: m, v: v1, e: e1 };
    panels.push({ a: m, b: p.b, v: v2, e: e2 });
  }
  return panels.reduce((s, p) => s + p.v, 0);
}

/**
 * Foster's 2D Pc: the probability that a Gaussian of mean `missM` and covariance `covM2` in the
 * encounter plane falls inside the circle of radius `hbrM` about the origin.
 * @param missM miss vector in the plane, m
 * @param covM2 [cxx, cxz, czz], m^2 (positive definite)
 * @param hbrM combined hard-body radius, m
 * @throws RangeError when the covariance is not positive definite
 */
export function pc2dFoster(
  missM: [number, number],
  covM2: [number, number, number],
  hbrM: number,
): number {
  const [a, b, c] = covM2;
  // principal axes of [[a, b], [b, c]]: eigenvalues l1 <= l2, rotation angle of l1's axis
  const half = 0.5 * (a + c);
  const rad = Math.hypot(0.5 * (a - c), b);
  const l2 = half + rad;
  const l1 = (a * c - b * b) / l2; // product of eigenvalues over the larger one: no cancellation
  if (!(l1 > 0) || !(l2 > 0) || !Number.isFinite(l1)) {
    throw new RangeError(
      `encounter-plane covariance is not positive definite (eigenvalues ${l1}, ${l2} m^2)`,
    );
  }
  const angle = 0.5 * Math.atan2(2 * b, a - c); // axis of l2
  const cs = Math.cos(angle);
  const sn = Math.sin(angle);
  // coordinates along the l1 axis (x) and the l2 axis (y)
  const ym = cs * missM[0] + sn * missM[1];
  const xm = -sn * missM[0] + cs * missM[1];
  return pc2dPrincipal(xm, ym, Math.sqrt(l1), Math.sqrt(l2), hbrM);
}

/**
 * Foster's 2D Pc in the principal axes of the covariance (Chan's test-case form).
 * @param xm miss along the axis of sx, m
 * @param ym miss along the axis of sy, m
 * @param sx standard deviation along x, m (the integration runs along this axis)
 * @param sy standard deviation along y, m
 * @param hbrM hard-body radius, m
 */
export function pc2dPrincipal(
  xm: number,
  ym: number,
  sx: number,
  sy: number,
  hbrM: number,
): number {
  if (!(hbrM > 0)) throw new RangeError(`hard-body radius must be positive, got ${hbrM} m`);
  const R = hbrM;
  const norm = 1 / (Math.sqrt(2 * Math.PI) * sx);
  // integrand in theta, x = R sin(theta), dx = R cos(theta) d theta, s = R cos(theta)
  const f = (theta: number): number => {
    const x = R * Math.sin(theta);
    const s = R * Math.cos(theta);
    const u = (x - xm) / sx;
    const g = norm * Math.exp(-0.5 * u * u);
    if (g === 0) return 0;
    return g * normalInterval((-s - ym) / sy, (s - ym) / sy) * s;
  };
  // panel breaks where the Gaussian in x peaks and falls off, mapped to theta
  const breaks = new Set<number>([-Math.PI / 2, Math.PI / 2]);
  for (const k of [-8, -4, -2, -1, 0, 1, 2, 4, 8]) {
    const x = xm + k * sx;
    if (x > -R && x < R) breaks.add(Math.asin(x / R));
  }
  const sorted = [...breaks].sort((p, q) => p - q);
  return Math.min(1, Math.max(0, integrate(f, sorted)));
}

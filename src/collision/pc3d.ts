/**
 * The long-encounter (3D) collision probability: Coppola's Pc with velocity uncertainty [1], the
 * expected number of entries of the secondary into the primary's hard-body sphere over the
 * conjunction, Nc = integral of dNc/dt, which is what NASA CARA's 3D-Nc [2, 3] computes too
 * (Pc3D_Hall.m returns min(1, Nc)). It holds when the 2D assumptions fail: slow, long GEO
 * encounters where the relative trajectory curves and the covariance changes during the pass.
 *
 * - Each object's mean state moves on its two-body orbit from TCA (kepler.ts); its 6 x 6
 *   covariance is carried linearly by the two-body state transition matrix Phi_i(t), obtained by
 *   central differences of that propagation (1 m, 1 mm/s steps: relative error ~1e-8). The
 *   relative state X = x2 - x1 at time t is Gaussian with mean mu(t) = [r, v] and covariance
 *   P(t) = Phi1 C1 Phi1^T + Phi2 C2 Phi2^T (independent errors), blocks A (position), B
 *   (velocity-position), Cv (velocity).
 * - The collision rate [1] eq. (19): the probability flux into the sphere |X_r| = R,
 *   dNc/dt = R^2 integral over unit vectors n of p_r(R n) E[(-n . v)^+ | r = R n] dOmega, where
 *   p_r is the position density N(r, A) and, given the position, the velocity is Gaussian with
 *   mean v + B A^-1 (R n - r) and covariance Cv - B A^-1 B^T, so n . v ~ N(m, s^2) and
 *   E[(-n . v)^+] = s phi(m/s) - m Phi(-m/s).
 * - Quadrature: Gauss-Legendre in cos(theta) times the trapezoid rule in the azimuth (exact for
 *   the periodic azimuth to spectral order), the polar axis along the direction of least position
 *   uncertainty, where the density varies fastest over the sphere; adaptive Gauss-Kronrod in time.
 * - Time span: Coppola's linear-motion bounds [4] at gamma = 1e-16 about TCA, clipped, as CARA
 *   does, to the maxima of the mean relative distance on either side of TCA (within +- 1.1 of
 *   the longer period), or to +- half the shorter period when there are none.
 *
 * The linearisation is in Cartesian coordinates, where CARA's implementation propagates the
 * covariance in equinoctial elements [3]: over hours of a GEO pass the two Gaussians differ a
 * little (test/collision/pc3d.test.ts records by how much on CARA's cases).
 *
 * References:
 * [1] Coppola, "Including velocity uncertainty in the probability of collision between space
 *     objects", AAS 12-247, 2012.
 * [2] Hall, Casali, Johnson, Skrehart, Baars, "High fidelity collision probabilities estimated
 *     using brute force Monte Carlo simulations", AAS 18-244, 2018.
 * [3] Hall, "Expected collision rates for tracked satellites", J. Spacecraft and Rockets 58(3),
 *     2021; NASA CARA Analysis Tools, Pc3D_Hall.m (github.com/nasa/CARA_Analysis_Tools).
 * [4] Coppola, "Evaluating the short encounter assumption of the probability of collision
 *     formula", AAS 12-248, 2012.
 * [5] Press, Teukolsky, Vetterling, Flannery, Numerical Recipes in C, 2nd ed., 1992.
 */

import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { cwStm } from '../dynamics/cw.ts';
import { conjunctionBounds, orbitalPeriodS, relativeAtTca } from './encounter.ts';
import { KeplerOrbit } from './kepler.ts';
import { block3, congruence, matAdd } from './matrix.ts';
import { integrate } from './pc2d.ts';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Method name of the 3D Pc in reports. */
export const METHOD_3D = 'coppola-3d';

/** Gauss-Legendre points in cos(theta) and trapezoid points in azimuth of the sphere quadrature. */
const N_POLAR = 64;
const N_AZIMUTH = 128;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * erfc(x) to 1.2e-7 relative everywhere: the Chebyshev fit of Numerical Recipes [5] sec. 6.2
 * (`erfcc`). The rate integrand calls it at every node of the sphere at every time, where the
 * exact erfc of special.ts (continued fraction) costs ten times more; 1.2e-7 is far inside the
 * 1e-5 tolerance of the integral. test/collision/pc3d.test.ts checks the bound.
 */
export function erfcFast(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

/** One object at TCA: inertial state (m, m/s) and 6 x 6 covariance, row-major. */
export interface Pc3dObject {
  stateM: ArrayLike<number>;
  covInertial: ArrayLike<number>;
}

/** Options of {@link pc3d}. */
export interface Pc3dOptions {
  hbrM: number;
  muM3S2?: number;
  /** Explicit time span, s relative to TCA (default: Coppola's bounds, clipped as above). */
  windowS?: [number, number];
  /** Relative tolerance of the time integral (default 1e-4). */
  relTol?: number;
}

/** The 3D Pc of one conjunction. */
export interface Pc3d {
  /** min(1, Nc): the collision probability. */
  pc: number;
  /** Expected number of entries into the hard-body sphere over the span. */
  nc: number;
  /** Integration span, s relative to TCA. */
  windowS: [number, number];
  method: typeof METHOD_3D;
}

/** Gauss-Legendre nodes and weights on [-1, 1] by Newton's method on P_n (cold path, once). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const step = p1 / dp;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/** The polar Gauss-Legendre rule, built on first use (not when the module loads: every run imports it). */
let polarRule: { x: Float64Array; w: Float64Array } | null = null;

/** Two-body mean state and state transition matrix from TCA. */
class Propagated {
  private readonly orbit: KeplerOrbit;
  private readonly plus = new Float64Array(6);
  private readonly minus = new Float64Array(6);
  private readonly shifted = new Float64Array(6);
  private readonly steps = [1, 1, 1, 1e-3, 1e-3, 1e-3];
  readonly state = new Float64Array(6);
  /** Phi(t), row-major 6 x 6. */
  readonly phi = new Float64Array(36);

  constructor(
    private readonly x0: ArrayLike<number>,
    mu: number,
  ) {
    this.orbit = new KeplerOrbit(mu);
    if (!this.orbit.set(x0)) throw new RangeError('3D Pc: an object is not on an elliptic orbit');
  }

  at(tS: number): void {
    const n = this.orbit.meanMotionRadPerS;
    this.orbit.set(this.x0);
    this.orbit.propagate(tS, n * tS, this.state);
    for (let j = 0; j < 6; j++) {
      const h = this.steps[j]!;
      for (const sign of [1, -1]) {
        for (let k = 0; k < 6; k++) this.shifted[k] = this.x0[k]!;
        this.shifted[j]! += sign * h;
        this.orbit.set(this.shifted);
        this.orbit.propagate(tS, n * tS, sign > 0 ? this.plus : this.minus);
      }
      for (let i = 0; i < 6; i++) this.phi[i * 6 + j] = (this.plus[i]! - this.minus[i]!) / (2 * h);
    }
  }
}

function inverse3(a: ArrayLike<number>): { inv: Float64Array; det: number } {
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = Array.from(a) as number[];
  const c0 = a4! * a8! - a5! * a7!;
  const c1 = a5! * a6! - a3! * a8!;
  const c2 = a3! * a7! - a4! * a6!;
  const det = a0! * c0 + a1! * c1 + a2! * c2;
  const inv = Float64Array.from([
    c0,
    a2! * a7! - a1! * a8!,
    a1! * a5! - a2! * a4!,
    c1,
    a0! * a8! - a2! * a6!,
    a2! * a3! - a0! * a5!,
    c2,
    a1! * a6! - a0! * a7!,
    a0! * a4! - a1! * a3!,
  ]).map((v) => v / det);
  return { inv, det };
}

/** Eigen-decomposition of a symmetric 3 x 3 matrix (row-major). */
export function eigSym3(a: ArrayLike<number>): EigenvalueDecomposition {
  return new EigenvalueDecomposition(
    new Matrix([
      [a[0]!, a[1]!, a[2]!],
      [a[3]!, a[4]!, a[5]!],
      [a[6]!, a[7]!, a[8]!],
    ]),
    { assumeSymmetric: true },
  );
}

/**
 * The collision rate dNc/dt (1/s) of a Gaussian relative state.
 * @param mean [r, v] relative (secondary minus primary), m and m/s
 * @param cov its 6 x 6 covariance, row-major
 * @param hbrM combined hard-body radius, m
 */
export function collisionRate(
  mean: ArrayLike<number>,
  cov: ArrayLike<number>,
  hbrM: number,
): number {
  const rule = (polarRule ??= gaussLegendre(N_POLAR));
  const a = block3(cov, 0, 0);
  const b = block3(cov, 3, 0);
  const cv = block3(cov, 3, 3);
  const { inv: ainv, det } = inverse3(a);
  if (!(det > 0)) throw new RangeError('3D Pc: the relative position covariance is singular');
  // gain G = B A^-1 and the conditional velocity covariance Cv - G B^T
  const g = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += b[i * 3 + k]! * ainv[k * 3 + j]!;
      g[i * 3 + j] = s;
    }
  const cc = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = cv[i * 3 + j]!;
      for (let k = 0; k < 3; k++) s -= g[i * 3 + k]! * b[j * 3 + k]!;
      cc[i * 3 + j] = s;
    }
  // polar axis: the eigenvector of A with the least variance
  const eig = eigSym3(a);
  const values = eig.realEigenvalues;
  let kMin = 0;
  for (let k = 1; k < 3; k++) if (values[k]! < values[kMin]!) kMin = k;
  const vec = eig.eigenvectorMatrix;
  const ez = [vec.get(0, kMin), vec.get(1, kMin), vec.get(2, kMin)];
  const ex = Math.abs(ez[0]!) < 0.9 ? [0, ez[2]!, -ez[1]!] : [-ez[2]!, 0, ez[0]!];
  const exn = Math.hypot(ex[0]!, ex[1]!, ex[2]!);
  for (let k = 0; k < 3; k++) ex[k]! /= exn;
  const ey = [
    ez[1]! * ex[2]! - ez[2]! * ex[1]!,
    ez[2]! * ex[0]! - ez[0]! * ex[2]!,
    ez[0]! * ex[1]! - ez[1]! * ex[0]!,
  ];
  const logNorm = -0.5 * Math.log((2 * Math.PI) ** 3 * det);
  const r = [mean[0]!, mean[1]!, mean[2]!];
  const v = [mean[3]!, mean[4]!, mean[5]!];
  const dphi = (2 * Math.PI) / N_AZIMUTH;
  const d = [0, 0, 0];
  const n = [0, 0, 0];
  let total = 0;
  for (let i = 0; i < N_POLAR; i++) {
    const u = rule.x[i]!;
    const sinT = Math.sqrt(1 - u * u);
    let ring = 0;
    for (let j = 0; j < N_AZIMUTH; j++) {
      const phi = j * dphi;
      const cp = Math.cos(phi) * sinT;
      const sp = Math.sin(phi) * sinT;
      for (let k = 0; k < 3; k++) {
        n[k] = cp * ex[k]! + sp * ey[k]! + u * ez[k]!;
        d[k] = hbrM * n[k]! - r[k]!;
      }
      let q = 0;
      for (let k = 0; k < 3; k++) {
        let row = 0;
        for (let l = 0; l < 3; l++) row += ainv[k * 3 + l]! * d[l]!;
        q += d[k]! * row;
      }
      // n . v | r ~ N(m, s^2)
      let m = 0;
      let s2 = 0;
      for (let k = 0; k < 3; k++) {
        let gd = v[k]!;
        let cn = 0;
        for (let l = 0; l < 3; l++) {
          gd += g[k * 3 + l]! * d[l]!;
          cn += cc[k * 3 + l]! * n[l]!;
        }
        m += n[k]! * gd;
        s2 += n[k]! * cn;
      }
      const s = Math.sqrt(Math.max(0, s2));
      let flux: number;
      if (s > 0) {
        const z = m / s;
        flux = s * (INV_SQRT_2PI * Math.exp(-0.5 * z * z) - 0.5 * z * erfcFast(z * Math.SQRT1_2));
      } else {
        flux = 0;
      }
      if (m < 0) flux = Math.max(flux, -m);
      if (flux > 0) ring += Math.exp(logNorm - 0.5 * q) * flux;
    }
    total += rule.w[i]! * ring * dphi;
  }
  return hbrM * hbrM * total;
}

/**
 * The time limits of a conjunction, s relative to TCA: the maxima of the mean relative distance
 * on either side of TCA and of Coppola's mid-time (within +- 1.1 of the longer period), or +- half
 * the shorter period when there are none (CARA's Pc3D_Hall.m does the same).
 */
export function conjunctionLimits(
  s1: ArrayLike<number>,
  s2: ArrayLike<number>,
  midS: number,
  mu: number,
): [number, number] {
  const period1 = orbitalPeriodS(s1, mu);
  const period2 = orbitalPeriodS(s2, mu);
  const half = 0.5 * Math.min(period1, period2);
  const span = Math.min(1.1 * Math.max(period1, period2), 2.2 * Math.min(period1, period2));
  const o1 = new KeplerOrbit(mu);
  const o2 = new KeplerOrbit(mu);
  o1.set(s1);
  o2.set(s2);
  const a = new Float64Array(6);
  const b = new Float64Array(6);
  const samples = 2000;
  const dist = (t: number) => {
    o1.propagate(t, o1.meanMotionRadPerS * t, a);
    o2.propagate(t, o2.meanMotionRadPerS * t, b);
    return Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!);
  };
  const ts = Array.from({ length: samples + 1 }, (_, k) => -span + (2 * span * k) / samples);
  const ds = ts.map(dist);
  let lo = Number.NaN;
  let hi = Number.NaN;
  for (let k = 1; k < samples; k++) {
    if (ds[k]! >= ds[k - 1]! && ds[k]! >= ds[k + 1]!) {
      const t = ts[k]!;
      if (t < Math.min(0, midS)) lo = t;
      else if (t > Math.max(0, midS) && Number.isNaN(hi)) hi = t;
    }
  }
  if (Number.isNaN(lo) || Number.isNaN(hi)) return [-half, half];
  return [lo, hi];
}

/**
 * Nc over a span: the adaptive Gauss-Kronrod integral of a collision rate, in panels cut at the
 * marks inside the span (Coppola's bounds and TCA, where the rate peaks: it may be a small part
 * of the span), each gap cut in 8.
 * @param rate dNc/dt at a time, 1/s @param windowS the span, s relative to TCA
 */
export function integrateRate(
  rate: (tS: number) => number,
  windowS: [number, number],
  marks: readonly number[],
  relTol: number,
): Pc3d {
  const [t0, t1] = windowS;
  const cuts = [t0, t1, ...marks].filter((t) => t >= t0 && t <= t1).sort((x, y) => x - y);
  const breaks: number[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    for (let k = 0; k < 8; k++) breaks.push(cuts[i]! + ((cuts[i + 1]! - cuts[i]!) * k) / 8);
  }
  breaks.push(t1);
  const nc = integrate(rate, breaks, relTol, 100);
  return { pc: Math.min(1, nc), nc, windowS, method: METHOD_3D };
}

/**
 * The 3D Pc of a conjunction from both objects' inertial states and covariances at TCA, each
 * object on its two-body orbit.
 * @throws RangeError when an orbit is not elliptic or the covariance is singular
 */
export function pc3d(primary: Pc3dObject, secondary: Pc3dObject, options: Pc3dOptions): Pc3d {
  const { hbrM } = options;
  if (!(hbrM > 0)) throw new RangeError(`3D Pc: hard-body radius ${hbrM} m is not positive`);
  const mu = options.muM3S2 ?? MU_EARTH_M3_S2;
  const s1 = primary.stateM;
  const s2 = secondary.stateM;
  const { r, v, covPos } = relativeAtTca(primary, secondary);
  const { tau0S, tau1S } = conjunctionBounds(r, v, covPos, hbrM);
  const windowS = options.windowS ?? conjunctionLimits(s1, s2, 0.5 * (tau0S + tau1S), mu);
  const o1 = new Propagated(s1, mu);
  const o2 = new Propagated(s2, mu);
  const mean = new Float64Array(6);
  const rate = (tS: number): number => {
    o1.at(tS);
    o2.at(tS);
    for (let k = 0; k < 6; k++) mean[k] = o2.state[k]! - o1.state[k]!;
    const cov = matAdd(
      congruence(o1.phi, primary.covInertial, 6),
      congruence(o2.phi, secondary.covInertial, 6),
    );
    return collisionRate(mean, cov, hbrM);
  };
  return integrateRate(rate, windowS, [tau0S, tau1S, 0], options.relTol ?? 1e-4);
}

/**
 * The 3D Pc of a relative RIC state under Clohessy-Wiltshire motion (the scenario's model): the
 * relative state and its covariance at closest approach carried by the CW state transition
 * matrix over the span. The sphere is crossed at the same times in the rotating RIC frame as in
 * an inertial one (the rotation keeps the range), so the rate is computed in RIC.
 * @param stateRic relative state at closest approach, m and m/s
 * @param covRic its 6 x 6 covariance @param nRadPerS target mean motion, rad/s
 * @param windowS span, s relative to closest approach @param marks times inside it where the
 *   rate may peak (Coppola's bounds, 0)
 */
export function pc3dCw(
  stateRic: ArrayLike<number>,
  covRic: ArrayLike<number>,
  hbrM: number,
  nRadPerS: number,
  windowS: [number, number],
  marks: readonly number[],
): Pc3d {
  const phi = new Float64Array(36);
  const mean = new Float64Array(6);
  const rate = (tS: number): number => {
    cwStm(nRadPerS, tS, phi);
    for (let i = 0; i < 6; i++) {
      let acc = 0;
      for (let k = 0; k < 6; k++) acc += phi[i * 6 + k]! * stateRic[k]!;
      mean[i] = acc;
    }
    return collisionRate(mean, congruence(phi, covRic, 6), hbrM);
  };
  return integrateRate(rate, windowS, marks, 1e-4);
}

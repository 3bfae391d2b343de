/**
 * Hall's 3D-Nc collision probability [1], ported from NASA CARA's `Pc3D_Hall.m` and its helpers
 * (`PeakOverlapPos.m`, `EquinoctialMatrices.m`, `RetrogradeReorientation.m`, `CovRemEigValClip.m`;
 * the element conversions and Jacobians live in equinoctial.ts) of
 * NASA CARA Analysis Tools (github.com/nasa/CARA_Analysis_Tools, commit a80d016), released under
 * the NASA Open Source Agreement 1.3: Copyright (c) 2023-2025 United States Government as
 * represented by the Administrator of the National Aeronautics and Space Administration. All
 * Rights Reserved. Provided "as is", without any warranty (NOSA 1.3 sec. 5).
 *
 * Why not the Cartesian linearisation of pc3d.ts: each object's covariance is a Gaussian in
 * equinoctial elements (n, af, ag, chi, psi, lM) at TCA, carried exactly by two-body motion (only
 * lM drifts, by n t). A km-level in-track uncertainty is a banana along the orbit in Cartesian
 * space; the linear map from elements to position is taken not at the mean state but at the
 * "peak overlap position" (POP) of the two objects' position densities, iterated at each time,
 * so the Gaussian is right where the collision happens. On CARA's real conjunctions that their
 * 2D usage test flags, the Cartesian version is off by up to hundreds of orders of magnitude and
 * this one matches CARA (test/collision/pc3dHall.test.ts).
 *
 * At each time t: the POP linearisation gives the relative state (ru, vu) and covariance Ps; the
 * collision rate dNc/dt is Coppola's flux of that Gaussian into the hard-body sphere (pc3d.ts
 * `collisionRate`, 64 x 128 nodes where CARA uses a 5810-point Lebedev rule); Nc is its time
 * integral (adaptive Gauss-Kronrod where CARA refines a trapezoid ephemeris) over an explicit
 * window, the whole encounter segment (the maxima of the mean relative distance on either side
 * of TCA, CARA's Tmin_limit, Tmax_limit) or by default the span CARA's refinement finds from
 * Coppola's bounds. Pc = min(1, Nc).
 *
 * Not ported: CARA's covariance cross-correlation corrections (a CDM's DCP terms; none in the
 * CDMs read here) and the equinoctial covariance remediation (off by default in CARA too).
 *
 * [1] Hall, "Expected collision rates for tracked satellites", J. Spacecraft and Rockets 58(3),
 *     715-728, 2021.
 */

import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { conjunctionBounds, relativeAtTca } from './encounter.ts';
import {
  cartesianToEquinoctial,
  cosInclination,
  jacobianE0ToXt,
  jacobianEquinoctialToCartesian,
  wrapPi,
} from './equinoctial.ts';
import {
  collisionRate,
  conjunctionLimits,
  eigSym3,
  integrateRate,
  type Pc3d,
  type Pc3dObject,
  type Pc3dOptions,
} from './pc3d.ts';
import { inverse, Matrix } from 'ml-matrix';

/** Method name of Hall's 3D-Nc in reports. */
export const METHOD_3D_HALL = 'hall-3d-nc';

/** CARA's 3D-Nc usage cutoffs (PcMultiStep.m `Nc3DExtendedCutoff`, `Nc3DOffsetCutoff`). */
export const NC3D_EXTENDED_CUTOFF = 0.5;
export const NC3D_OFFSET_CUTOFF = 0.75;

/** Eigenvalue floor of position covariances, relative to HBR^2 (CARA's `Fclip` squared). */
const F_CLIP = 1e-4;
/** Mahalanobis distance^2 beyond which the rate is zero (exp(-1491/2) underflows). */
const MD2_CUT = 1491;
/** Share of Nc outside the conjunction's span at either end (CARA's `Ncdotgam`). */
const NCDOT_GAMMA = 1e-6;
/**
 * Rates below this share of the peak are outside the conjunction: the standard normal density
 * at the two-sided 1e-6 quantile, exp(-x^2 / 2) / sqrt(2 pi), x = sqrt(2) erfcinv(1e-6).
 */
const NCDOT_RED = Math.exp(-0.5 * 4.891638475698 ** 2) / Math.sqrt(2 * Math.PI);
/** Ephemeris times per grid (CARA's `Neph`). */
const N_EPH = 101;
/**
 * Ephemeris times over a whole window or segment (CARA's unit test uses 1000): a re-encounter
 * hours from TCA in GEO is a peak narrower than a 101-point grid's spacing.
 */
const N_EPH_SEGMENT = 1001;

/** Why a 3D-Nc value is not to be relied on (CARA's 3D-Nc usage violations). */
export type Nc3dViolation = 'not-converged' | 'extended' | 'offset';

/**
 * Options of {@link pc3dHall}: hbrM (m), muM3S2, windowS (an explicit span, s relative to TCA),
 * relTol of the time integral (default 1e-4).
 */
export interface Pc3dHallOptions extends Pc3dOptions {
  /**
   * Without windowS: integrate the whole encounter segment (CARA's PcMultiStep does when the
   * 2D methods' duration tests fail; Nc then counts every entry in the segment) instead of the
   * span CARA's Pc3D_Hall refines outward from Coppola's bounds (the default).
   */
  fullSegment?: boolean;
}

/** Hall's 3D-Nc of one conjunction. */
export interface Pc3dHall extends Omit<Pc3d, 'method'> {
  /** windowS: the encounter segment (or the explicit span), s relative to TCA. */
  /** Where the collision rate is appreciable (CARA's TaConj, TbConj), s relative to TCA. */
  conjunctionS: [number, number];
  /** (Tb - Ta) / (TB - TA): share of the segment the conjunction fills (cutoff 0.5). */
  extendedIndicator: number;
  /** max(Ta / TA, Tb / TB): how close the conjunction reaches a segment end (cutoff 0.75). */
  offsetIndicator: number;
  /** Whether the peak-overlap iteration converged wherever the rate matters. */
  converged: boolean;
  /** CARA's usage test: converged, not extended, not offset. */
  valid3d: boolean;
  /** The violations found (empty when valid3d). */
  violations: Nc3dViolation[];
  method: typeof METHOD_3D_HALL;
}

// ---------------------------------------------------------------------------------------------
// small dense helpers (6 x 6 and 3 x 3, row-major)

/** J Q J^T, symmetrised. */
function sandwich6(j: ArrayLike<number>, q: ArrayLike<number>, out: Float64Array): void {
  const t = new Float64Array(36);
  for (let i = 0; i < 6; i++)
    for (let k = 0; k < 6; k++) {
      let s = 0;
      for (let l = 0; l < 6; l++) s += j[i * 6 + l]! * q[l * 6 + k]!;
      t[i * 6 + k] = s;
    }
  for (let i = 0; i < 6; i++)
    for (let k = 0; k < 6; k++) {
      let s = 0;
      for (let l = 0; l < 6; l++) s += t[i * 6 + l]! * j[k * 6 + l]!;
      out[i * 6 + k] = s;
    }
  for (let i = 0; i < 6; i++)
    for (let k = i + 1; k < 6; k++) {
      const m = 0.5 * (out[i * 6 + k]! + out[k * 6 + i]!);
      out[i * 6 + k] = m;
      out[k * 6 + i] = m;
    }
}

/** 3 x 3 symmetric: eigenvalues floored at lClip; returns the floored inverse, det, matrix. */
function clipSym3(
  a: ArrayLike<number>,
  lClip: number,
): { inv: Float64Array; det: number; rem: Float64Array } {
  const eig = eigSym3(a);
  const l = eig.realEigenvalues.map((x) => Math.max(x, lClip));
  const vec = eig.eigenvectorMatrix;
  const inv = new Float64Array(9);
  const rem = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      let t = 0;
      for (let k = 0; k < 3; k++) {
        s += (vec.get(i, k) * vec.get(j, k)) / l[k]!;
        t += vec.get(i, k) * vec.get(j, k) * l[k]!;
      }
      inv[i * 3 + j] = s;
      rem[i * 3 + j] = t;
    }
  return { inv, det: l[0]! * l[1]! * l[2]!, rem };
}

function mul3v(m: ArrayLike<number>, v: ArrayLike<number>): number[] {
  return [0, 1, 2].map((i) => m[i * 3]! * v[0]! + m[i * 3 + 1]! * v[1]! + m[i * 3 + 2]! * v[2]!);
}

function mul33(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const o = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      o[i * 3 + j] = a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
  return o;
}

/** Rows 0-2 / 3-5 and columns 0-2 of a 6 x 6: position block A and velocity-position block B. */
function blocks(p: ArrayLike<number>): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(9);
  const b = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      a[i * 3 + j] = p[i * 6 + j]!;
      b[i * 3 + j] = p[(i + 3) * 6 + j]!;
    }
  return { a, b };
}

// ---------------------------------------------------------------------------------------------
// peak overlap position (PeakOverlapPos.m)

interface Mean {
  /** Equinoctial elements at TCA (prograde, fr = +1) and their covariance. */
  e0: Float64Array;
  q0: Float64Array;
}

interface PopResult {
  converged: boolean;
  /** Relative state (secondary minus primary) of the linearisation, m and m/s. */
  xu: Float64Array;
  /** Relative covariance at the expansion points. */
  ps: Float64Array;
}

/** Energy of the centre-of-line point a fraction x from rs to mup (AdjustPOPCoL's CalcCoLEnergy). */
function colEnergy(
  x: number,
  rs: ArrayLike<number>,
  mup: ArrayLike<number>,
  xu: ArrayLike<number>,
  beta: ArrayLike<number>,
  mu: number,
  rOut?: number[],
): number {
  const r = [0, 1, 2].map((k) => rs[k]! + x * (mup[k]! - rs[k]!));
  const dr = [r[0]! - xu[0]!, r[1]! - xu[1]!, r[2]! - xu[2]!];
  const bd = mul3v(beta, dr);
  const v = [xu[3]! + bd[0]!, xu[4]! + bd[1]!, xu[5]! + bd[2]!];
  if (rOut) for (let k = 0; k < 3; k++) rOut[k] = r[k]!;
  return 0.5 * (v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2) - mu / Math.hypot(r[0]!, r[1]!, r[2]!);
}

const MAX_REL_ENERGY_CHANGE = 0.1;

/**
 * AdjustPOPCoL: move the expansion centre from rs toward the POP mup, but no further than a 10 %
 * change of orbital energy.
 */
function adjustPop(
  mup: number[],
  rs: ArrayLike<number>,
  beta: Float64Array,
  xu: ArrayLike<number>,
  mu: number,
): { r: number[]; energy: number; frac: number } {
  const ea = colEnergy(0, rs, mup, xu, beta, mu);
  const eb = colEnergy(1, rs, mup, xu, beta, mu);
  if (ea >= 0 || Math.abs(eb - ea) / Math.abs(ea) <= MAX_REL_ENERGY_CHANGE)
    return { r: mup.slice(), energy: eb, frac: 1 };
  const fun = (x: number) =>
    (Math.abs(colEnergy(x, rs, mup, xu, beta, mu) / ea - 1) - MAX_REL_ENERGY_CHANGE) ** 2;
  const N = 201;
  let imin = 0;
  let ymin = Infinity;
  for (let i = 0; i < N; i++) {
    const y = fun(i / (N - 1));
    if (y < ymin) {
      ymin = y;
      imin = i;
    }
  }
  let xmin = imin / (N - 1);
  if (imin < 9) {
    // refine the minimum near the start (CARA: bounded bisection to 5e-4); golden section
    let lo = Math.max(0, imin - 1) / (N - 1);
    let hi = Math.min(N - 1, imin + 1) / (N - 1);
    const gr = (Math.sqrt(5) - 1) / 2;
    while (hi - lo > 5e-4) {
      const c = hi - gr * (hi - lo);
      const d = lo + gr * (hi - lo);
      if (fun(c) < fun(d)) hi = d;
      else lo = c;
    }
    xmin = 0.5 * (lo + hi);
  }
  if (xmin <= 0) xmin = 1 / (N - 1);
  const r = [0, 0, 0];
  const energy = colEnergy(xmin, rs, mup, xu, beta, mu, r);
  return { r, energy, frac: xmin };
}

/** PeakOverlapPos.m at time tS after TCA (both objects' epoch at TCA). */
function peakOverlap(tS: number, m1: Mean, m2: Mean, hbrM: number, mu: number): PopResult {
  const maxiter = 100;
  const avgiter = 35;
  const acciter = 25;
  const osciter = 15;
  const md2tol = [1e-12, 1e-6];
  const lClip = (hbrM * F_CLIP) ** 2;
  const ms = [m1, m2];
  const xs = [new Float64Array(6), new Float64Array(6)];
  const js = [new Float64Array(36), new Float64Array(36)];
  const es = [m1.e0.slice(), m2.e0.slice()];
  for (let o = 0; o < 2; o++) jacobianE0ToXt(tS, ms[o]!.e0, 1, mu, js[o]!, xs[o]!);
  const xu = [new Float64Array(6), new Float64Array(6)];
  const dE = [new Float64Array(6), new Float64Array(6)];
  const ps = [new Float64Array(36), new Float64Array(36)];
  let mupOld = [NaN, NaN, NaN];
  let mupOld2 = [NaN, NaN, NaN];
  let iterAdj = -Infinity;
  let iteration = 0;
  let converged = false;
  const updateXu = () => {
    for (let o = 0; o < 2; o++) {
      const eb = ms[o]!.e0;
      const e = es[o]!;
      for (let k = 0; k < 5; k++) dE[o]![k] = eb[k]! - e[k]!;
      dE[o]![5] = Math.asin(
        Math.sin(eb[5]!) * Math.cos(e[5]!) - Math.cos(eb[5]!) * Math.sin(e[5]!),
      );
      for (let i = 0; i < 6; i++) {
        let s = xs[o]![i]!;
        for (let k = 0; k < 6; k++) s += js[o]![i * 6 + k]! * dE[o]![k]!;
        xu[o]![i] = s;
      }
    }
  };
  for (;;) {
    if (iteration === 0) {
      xu[0]!.set(xs[0]!);
      xu[1]!.set(xs[1]!);
    } else updateXu();
    const ainv: Float64Array[] = [];
    const beta: Float64Array[] = [];
    for (let o = 0; o < 2; o++) {
      sandwich6(js[o]!, ms[o]!.q0, ps[o]!);
      const { a, b } = blocks(ps[o]!);
      const inv = clipSym3(a, lClip).inv;
      ainv.push(inv);
      beta.push(mul33(b, inv));
    }
    const sigpInv = new Float64Array(9);
    for (let k = 0; k < 9; k++) sigpInv[k] = ainv[0]![k]! + ainv[1]![k]!;
    // CARA floors the eigenvalues of this inverse (km^-2) at the same number as the lengths^2
    // (km^2): in SI that floor is lClip * 1e-12 m^-2
    const sigp = clipSym3(sigpInv, lClip * 1e-12).inv;
    const w1 = mul3v(ainv[0]!, xu[0]!);
    const w2 = mul3v(ainv[1]!, xu[1]!);
    let mup = mul3v(sigp, [w1[0]! + w2[0]!, w1[1]! + w2[1]!, w1[2]! + w2[2]!]);
    const sigpRem = Float64Array.from(sigp);
    for (let k = 0; k < 3; k++) sigpRem[k * 4] = sigpRem[k * 4]! + hbrM * hbrM;
    const sigpRemInv = inverse(
      new Matrix([
        [sigpRem[0]!, sigpRem[1]!, sigpRem[2]!],
        [sigpRem[3]!, sigpRem[4]!, sigpRem[5]!],
        [sigpRem[6]!, sigpRem[7]!, sigpRem[8]!],
      ]),
    ).to1DArray();
    const md2 = (d: number[]) => {
      const q = mul3v(sigpRemInv, d);
      return d[0]! * q[0]! + d[1]! * q[1]! + d[2]! * q[2]!;
    };
    if (iteration > avgiter && iteration > iterAdj + 2)
      mup = mup.map((x, k) => 0.5 * (x + mupOld[k]!));
    const adj = [0, 1].map((o) => adjustPop(mup, xs[o]!, beta[o]!, xu[o]!, mu));
    if (adj[0]!.frac !== 1 || adj[1]!.frac !== 1) iterAdj = iteration;
    const vup = [0, 1].map((o) => {
      const d = [0, 1, 2].map((k) => adj[o]!.r[k]! - xu[o]![k]!);
      const bd = mul3v(beta[o]!, d);
      return [0, 1, 2].map((k) => xu[o]![k + 3]! + bd[k]!);
    });
    if (adj[0]!.energy >= 0 || adj[1]!.energy >= 0)
      return { converged: false, xu: new Float64Array(6), ps: new Float64Array(36) };
    for (let o = 0; o < 2; o++) {
      for (let k = 0; k < 3; k++) {
        xs[o]![k] = adj[o]!.r[k]!;
        xs[o]![k + 3] = vup[o]![k]!;
      }
    }
    let iterating = true;
    if (iteration > 0) {
      const dMD2 = md2(mupOld.map((x, k) => x - mup[k]!));
      if (dMD2 <= md2tol[0]! && iteration !== iterAdj) {
        iterating = false;
        converged = true;
      } else if (iteration >= maxiter) {
        return { converged: false, xu: new Float64Array(6), ps: new Float64Array(36) };
      } else if (iteration > osciter && iteration > iterAdj + 2) {
        const dMD2osc = md2(mupOld2.map((x, k) => x - mup[k]!));
        if (dMD2osc <= md2tol[0]!) {
          iterating = false;
          converged = true;
        } else {
          let cut: number;
          if (iteration > avgiter) cut = md2tol[1]!;
          else if (iteration <= acciter) cut = md2tol[0]!;
          else {
            const frc = (iteration - acciter) / (avgiter - acciter);
            cut = Math.exp((1 - frc) * Math.log(md2tol[0]!) + frc * Math.log(md2tol[1]!));
          }
          if (dMD2 <= cut) {
            iterating = false;
            converged = true;
          }
        }
      }
    }
    // new expansion centres: their elements at TCA and Jacobians at t
    for (let o = 0; o < 2; o++) {
      const e = es[o]!;
      if (!cartesianToEquinoctial(xs[o]!, 1, mu, e))
        return { converged: false, xu: new Float64Array(6), ps: new Float64Array(36) };
      e[5] = wrapPi(e[5]! - e[0]! * tS);
      jacobianE0ToXt(tS, e, 1, mu, js[o]!, new Float64Array(6));
    }
    if (!iterating) break;
    mupOld2 = mupOld;
    mupOld = mup;
    iteration++;
  }
  updateXu();
  const out = new Float64Array(6);
  const p = new Float64Array(36);
  const p2 = new Float64Array(36);
  sandwich6(js[0]!, m1.q0, p);
  sandwich6(js[1]!, m2.q0, p2);
  for (let k = 0; k < 36; k++) p[k] = p[k]! + p2[k]!;
  for (let k = 0; k < 6; k++) out[k] = xu[1]![k]! - xu[0]![k]!;
  return { converged, xu: out, ps: p };
}

// ---------------------------------------------------------------------------------------------

/** Retrograde orbit: 1 + h_z / |h| below 1e-6 (RetrogradeReorientation.m). */
function retrograde(x: ArrayLike<number>): boolean {
  return 1 + cosInclination(x) < 1e-6;
}

/** Axes (x, y, z) -> (y, z, x): the state and covariance in the reoriented frame. */
function reorient(o: Pc3dObject): { stateM: Float64Array; covInertial: Float64Array } {
  const perm = [1, 2, 0, 4, 5, 3];
  const s = new Float64Array(6);
  const c = new Float64Array(36);
  for (let i = 0; i < 6; i++) {
    s[i] = o.stateM[perm[i]!]!;
    for (let j = 0; j < 6; j++) c[i * 6 + j] = o.covInertial[perm[i]! * 6 + perm[j]!]!;
  }
  return { stateM: s, covInertial: c };
}

/** EquinoctialMatrices.m: elements at TCA and their covariance K C K^T, K = J^-1. */
function equinoctialMean(o: Pc3dObject, mu: number): Mean {
  const e0 = new Float64Array(6);
  if (!cartesianToEquinoctial(o.stateM, 1, mu, e0))
    throw new RangeError('3D Pc (Hall): an object is not on a bound prograde orbit');
  const j = new Float64Array(36);
  jacobianEquinoctialToCartesian(e0, o.stateM, 1, mu, j);
  const k = inverse(
    new Matrix(Array.from({ length: 6 }, (_, i) => Array.from(j.subarray(i * 6, i * 6 + 6)))),
  );
  const q0 = new Float64Array(36);
  sandwich6(k.to1DArray(), o.covInertial, q0);
  return { e0, q0 };
}

/**
 * The collision rate dNc/dt (1/s) at tS seconds after TCA, linearised at the peak overlap
 * position; NaN when the peak overlap iteration fails.
 */
function collisionRateHall(m1: Mean, m2: Mean, hbrM: number, mu: number): (tS: number) => number {
  const lClip = (hbrM * F_CLIP) ** 2;
  return (tS) => {
    const pop = peakOverlap(tS, m1, m2, hbrM, mu);
    if (!pop.converged) return Number.NaN;
    const { a } = blocks(pop.ps);
    const clip = clipSym3(a, lClip);
    const ru = [pop.xu[0]!, pop.xu[1]!, pop.xu[2]!];
    const ar = mul3v(clip.inv, ru);
    const ms2 =
      ru[0]! * ar[0]! +
      ru[1]! * ar[1]! +
      ru[2]! * ar[2]! -
      2 * hbrM * Math.hypot(ar[0]!, ar[1]!, ar[2]!);
    if (ms2 > MD2_CUT) return 0;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) pop.ps[i * 6 + j] = clip.rem[i * 3 + j]!;
    return collisionRate(pop.xu, pop.ps, hbrM);
  };
}

/** Both objects in CARA's frame (reoriented when an orbit is retrograde), as equinoctial means. */
function hallMeans(
  primary: Pc3dObject,
  secondary: Pc3dObject,
  mu: number,
): { p1: Pc3dObject; p2: Pc3dObject; m1: Mean; m2: Mean } {
  let p1 = primary;
  let p2 = secondary;
  if (retrograde(p1.stateM) || retrograde(p2.stateM)) {
    p1 = reorient(p1);
    p2 = reorient(p2);
  }
  return { p1, p2, m1: equinoctialMean(p1, mu), m2: equinoctialMean(p2, mu) };
}

/**
 * Hall's collision rate dNc/dt (1/s) of a conjunction as a function of time after TCA (s): NaN
 * where the peak overlap iteration fails.
 */
export function hallRate(
  primary: Pc3dObject,
  secondary: Pc3dObject,
  hbrM: number,
  muM3S2: number = MU_EARTH_M3_S2,
): (tS: number) => number {
  const { m1, m2 } = hallMeans(primary, secondary, muM3S2);
  return collisionRateHall(m1, m2, hbrM, muM3S2);
}

/**
 * Hall's 3D-Nc of a conjunction from both objects' inertial states and covariances at TCA
 * (m, m/s; row-major 6 x 6, m^2, m^2/s, m^2/s^2), each object on its two-body orbit.
 * @throws RangeError when an orbit is not bound or the hard-body radius is not positive
 */
export function pc3dHall(
  primary: Pc3dObject,
  secondary: Pc3dObject,
  options: Pc3dHallOptions,
): Pc3dHall {
  const { hbrM } = options;
  if (!(hbrM > 0)) throw new RangeError(`3D Pc (Hall): hard-body radius ${hbrM} m is not positive`);
  const mu = options.muM3S2 ?? MU_EARTH_M3_S2;
  const { p1, p2, m1, m2 } = hallMeans(primary, secondary, mu);
  const { r, v, covPos } = relativeAtTca(p1, p2);
  const { tau0S, tau1S } = conjunctionBounds(r, v, covPos, hbrM);
  const explicit = options.windowS !== undefined;
  const windowS =
    options.windowS ?? conjunctionLimits(p1.stateM, p2.stateM, 0.5 * (tau0S + tau1S), mu);
  const hallRate = collisionRateHall(m1, m2, hbrM, mu);
  const samples: { t: number; rate: number }[] = [];
  const failures: number[] = [];
  const rate = (tS: number): number => {
    const value = hallRate(tS);
    if (Number.isNaN(value)) failures.push(tS);
    const ok = Number.isNaN(value) ? 0 : value;
    samples.push({ t: tS, rate: ok });
    return ok;
  };
  const [t0, t1] = windowS;
  const grid = (lo: number, hi: number, n = N_EPH) => {
    for (let k = 0; k < n; k++) rate(k === n - 1 ? hi : lo + ((hi - lo) * k) / (n - 1));
  };
  // ephemeris: N_EPH times over Coppola's bounds (where a short encounter's rate lives), and
  // over the whole window when one is given
  let lo = Math.max(tau0S, t0);
  let hi = Math.min(tau1S, t1);
  if (!(hi > lo)) [lo, hi] = [t0, t1];
  grid(lo, hi);
  if (explicit || options.fullSegment) {
    grid(t0, t1, N_EPH_SEGMENT);
    [lo, hi] = [t0, t1];
  } else {
    // CARA's refinement from Coppola's bounds: step outward while the rate at an end is above
    // the cut or peaks there, within the encounter segment
    const step = Math.max((hi - lo) / 2, Math.abs(t0) / 83, Math.abs(t1) / 83);
    const at = (t: number) => samples.find((s) => s.t === t)?.rate ?? rate(t);
    for (let guard = 0; guard < 500; guard++) {
      const peak = Math.max(...samples.map((s) => s.rate));
      const cut = peak * NCDOT_RED;
      if (lo > t0 && (at(lo) > cut || (peak > 0 && at(lo) === peak))) {
        lo = Math.max(lo - step, t0);
        rate(lo);
      } else if (hi < t1 && (at(hi) > cut || (peak > 0 && at(hi) === peak))) {
        hi = Math.min(hi + step, t1);
        rate(hi);
      } else break;
    }
    // a larger rate elsewhere in the segment (a conjunction offset from TCA, which CARA's
    // PcMultiStep reaches by integrating the full segment): integrate the full segment
    const inside = Math.max(0, ...samples.map((q) => q.rate));
    grid(t0, t1);
    if (Math.max(...samples.map((q) => q.rate)) > inside) [lo, hi] = [t0, t1];
  }
  // adaptive Gauss-Kronrod on the panels between ephemeris times where the rate is appreciable
  const eph = [...new Set(samples.map((s) => s.t))]
    .filter((t) => t >= lo && t <= hi)
    .sort((x, y) => x - y);
  const rateAt = new Map(samples.map((s) => [s.t, s.rate]));
  const peak0 = Math.max(0, ...samples.map((s) => s.rate));
  const live = eph.map((t) => rateAt.get(t)! > peak0 * 1e-12 && peak0 > 0);
  const first = live.indexOf(true);
  const last = live.lastIndexOf(true);
  // over the span where any sampled rate is appreciable, panels cut at Coppola's bounds and TCA
  const from = first < 0 ? 0 : eph[Math.max(0, first - 1)]!;
  const to = first < 0 ? 0 : eph[Math.min(eph.length - 1, last + 1)]!;
  const nc =
    to > from ? integrateRate(rate, [from, to], [tau0S, tau1S, 0], options.relTol ?? 1e-4).nc : 0;
  // the conjunction's span: rates above 1e-6's Gaussian-ordinate share of the peak, widened to
  // where the cumulative Nc passes 1e-6 and 1 - 1e-6 (CARA's TaConj, TbConj)
  const span = samples.filter((q) => q.t >= lo && q.t <= hi).sort((x, y) => x.t - y.t);
  const peak = Math.max(0, ...span.map((s) => s.rate));
  const cut = peak * NCDOT_RED;
  const above = span.filter((s) => s.rate >= cut && s.rate > 0);
  let ta = above.length ? above[0]!.t : 0;
  let tb = above.length ? above[above.length - 1]!.t : 0;
  let cum = 0;
  const cums = span.map((s, i) => {
    if (i > 0) cum += 0.5 * (s.rate + span[i - 1]!.rate) * (s.t - span[i - 1]!.t);
    return cum;
  });
  if (cum > 0) {
    const inside = span.filter((_, i) => {
      const f = cums[i]! / cum;
      return Math.min(f, 1 - f) > NCDOT_GAMMA;
    });
    if (inside.length) {
      ta = Math.min(ta, inside[0]!.t);
      tb = Math.max(tb, inside[inside.length - 1]!.t);
    }
  }
  // CARA: not converged when the iteration failed everywhere, or where the rate is appreciable
  const converged =
    failures.length < samples.length &&
    failures.every((t) => t < ta || t > tb) &&
    Number.isFinite(nc);
  const extendedIndicator = (tb - ta) / (t1 - t0);
  const offsetIndicator = Math.max(ta / t0, tb / t1);
  const violations: Nc3dViolation[] = [];
  if (!converged) violations.push('not-converged');
  if (extendedIndicator > NC3D_EXTENDED_CUTOFF) violations.push('extended');
  if (offsetIndicator > NC3D_OFFSET_CUTOFF) violations.push('offset');
  return {
    pc: Math.min(1, nc),
    nc,
    windowS,
    conjunctionS: [ta, tb],
    extendedIndicator,
    offsetIndicator,
    converged,
    valid3d: violations.length === 0,
    violations,
    method: METHOD_3D_HALL,
  };
}

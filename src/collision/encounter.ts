/**
 * How long an encounter lasts, and whether the short-encounter (2D) Pc may be used for it.
 *
 * - Conjunction time bounds: Coppola's linear-motion bounds [1] (eqs. 12-16), as NASA CARA
 *   computes them (conj_bounds_Coppola.m and LinearConjDuration.m in [2]): in the frame with x
 *   along the relative velocity v0 at TCA, A the combined relative position covariance there,
 *   eta2 = A_xx, w = A_(yz)x, b = A_(yz)(yz)^-1 w, sv2 = sqrt(2 (eta2 - b.w)), q0 = b . r_(yz),
 *   dmin = -HBR |b|, dmax = HBR sqrt(1 + |b|^2), alpha = erfcinv(gamma), then
 *   tau0 = (q0 - dmax - alpha sv2) / |v0|, tau1 = (q0 - dmin + alpha sv2) / |v0|:
 *   outside [TCA + tau0, TCA + tau1] the linear-motion Pc grows by less than gamma.
 *   CARA's default gamma is 1e-16. The short-term encounter validity interval (STEVI, [1] eq. 17,
 *   CARA's LinearConjDuration.m) is TCA +- delt, delt = max(tau1 - tau0, |tau0|, |tau1|): the
 *   span about TCA over which the straight-line, constant-covariance assumptions must hold.
 * - Validity of the 2D Pc: CARA flags an "extended" conjunction when its duration is too large
 *   a fraction of the shorter orbital period (PcMultiStep.m in [2]: Extended indicator
 *   = span / min period, default cutoff 0.02 for the 2D Pc; Hall [3] explains why: over a
 *   longer span the relative trajectory curves and the covariance changes, both of which the 2D
 *   method ignores). We apply that cutoff to the STEVI span 2 delt, which also catches a
 *   conjunction offset from TCA (Alfano's case 4: bounds +1050..+2366 s, 2D Pc 0.049 against a
 *   Monte Carlo 0.074). CARA's own 2D-Pc
 *   indicator (UsageViolationPc2D.m) adds a curvilinear peak-overlap analysis that we do not
 *   reproduce, so our flag can differ from theirs near the cutoff.
 *
 * References:
 * [1] Coppola, "Evaluating the short encounter assumption of the probability of collision
 *     formula", AAS 12-248, 2012.
 * [2] NASA CARA Analysis Tools, DistributedMatlab/ProbabilityOfCollision
 *     (github.com/nasa/CARA_Analysis_Tools).
 * [3] Hall, "Implementation recommendations and usage boundaries for the two-dimensional
 *     probability of collision calculation", AAS 19-632, 2019.
 */

import { block3, matAdd } from './matrix.ts';
import { erfcInv } from './special.ts';

/** CARA's default precision factor gamma of the conjunction bounds. */
export const CONJ_BOUNDS_GAMMA = 1e-16;

/** CARA's default cutoff of duration / shorter orbital period for the 2D Pc (PcMultiStep). */
export const PC2D_EXTENDED_CUTOFF = 0.02;

/** Time bounds of a conjunction, s relative to TCA. */
export interface ConjunctionBounds {
  tau0S: number;
  tau1S: number;
}

/**
 * Coppola's conjunction time bounds [1].
 * @param relPosM secondary minus primary position at TCA, inertial, m
 * @param relVelMps secondary minus primary velocity, m/s
 * @param covPosM2 combined 3 x 3 relative position covariance, row-major, m^2
 * @param hbrM combined hard-body radius, m
 * @param gamma precision factor (CONJ_BOUNDS_GAMMA)
 */
export function conjunctionBounds(
  relPosM: ArrayLike<number>,
  relVelMps: ArrayLike<number>,
  covPosM2: ArrayLike<number>,
  hbrM: number,
  gamma = CONJ_BOUNDS_GAMMA,
): ConjunctionBounds {
  const v0 = Math.hypot(relVelMps[0]!, relVelMps[1]!, relVelMps[2]!);
  if (!(v0 > 0)) return { tau0S: -Infinity, tau1S: Infinity };
  const x = [relVelMps[0]! / v0, relVelMps[1]! / v0, relVelMps[2]! / v0];
  const rx = relPosM[0]! * x[0]! + relPosM[1]! * x[1]! + relPosM[2]! * x[2]!;
  let y = [relPosM[0]! - rx * x[0]!, relPosM[1]! - rx * x[1]!, relPosM[2]! - rx * x[2]!];
  let ym = Math.hypot(y[0]!, y[1]!, y[2]!);
  if (!(ym > 0)) {
    // zero miss: any direction perpendicular to v will do
    const ax = Math.abs(x[0]!) < 0.6 ? [1, 0, 0] : [0, 1, 0];
    const d = ax[0]! * x[0]! + ax[1]! * x[1]! + ax[2]! * x[2]!;
    y = [ax[0]! - d * x[0]!, ax[1]! - d * x[1]!, ax[2]! - d * x[2]!];
    ym = Math.hypot(y[0]!, y[1]!, y[2]!);
  }
  y = y.map((c) => c / ym);
  const z = [
    x[1]! * y[2]! - x[2]! * y[1]!,
    x[2]! * y[0]! - x[0]! * y[2]!,
    x[0]! * y[1]! - x[1]! * y[0]!,
  ];
  const e = [x, y, z];
  const a = (i: number, j: number): number => {
    let s = 0;
    for (let k = 0; k < 3; k++)
      for (let l = 0; l < 3; l++) s += e[i]![k]! * covPosM2[k * 3 + l]! * e[j]![l]!;
    return s;
  };
  const r = e.map((u) => u[0]! * relPosM[0]! + u[1]! * relPosM[1]! + u[2]! * relPosM[2]!);
  const eta2 = a(0, 0);
  const w1 = a(1, 0);
  const w2 = a(2, 0);
  const p11 = a(1, 1);
  const p12 = a(1, 2);
  const p22 = a(2, 2);
  const det = p11 * p22 - p12 * p12;
  const b1 = (p22 * w1 - p12 * w2) / det;
  const b2 = (p11 * w2 - p12 * w1) / det;
  const sv2 = Math.sqrt(Math.max(0, 2 * (eta2 - (b1 * w1 + b2 * w2))));
  const q0 = b1 * r[1]! + b2 * r[2]!;
  const bTb = b1 * b1 + b2 * b2;
  const dmin = -hbrM * Math.sqrt(bTb);
  const dmax = hbrM * Math.sqrt(1 + bTb);
  const t = erfcInv(gamma) * sv2;
  return { tau0S: (q0 - dmax - t) / v0, tau1S: (q0 - dmin + t) / v0 };
}

/**
 * Orbital period of a two-body orbit, s (Infinity when not bound).
 * @param stateM [x, y, z, vx, vy, vz], inertial, m and m/s
 */
export function orbitalPeriodS(stateM: ArrayLike<number>, muM3S2: number): number {
  const r = Math.hypot(stateM[0]!, stateM[1]!, stateM[2]!);
  const v2 = stateM[3]! ** 2 + stateM[4]! ** 2 + stateM[5]! ** 2;
  const alpha = 2 / r - v2 / muM3S2;
  if (!(alpha > 0)) return Infinity;
  return 2 * Math.PI * Math.sqrt(1 / (alpha * alpha * alpha * muM3S2));
}

/**
 * The relative position and velocity (secondary minus primary, m and m/s) and the combined
 * 3 x 3 position covariance (m^2) of two objects at TCA, from their inertial states and 6 x 6
 * covariances (independent errors).
 */
export function relativeAtTca(
  primary: { stateM: ArrayLike<number>; covInertial: ArrayLike<number> },
  secondary: { stateM: ArrayLike<number>; covInertial: ArrayLike<number> },
): { r: number[]; v: number[]; covPos: Float64Array } {
  const s1 = primary.stateM;
  const s2 = secondary.stateM;
  return {
    r: [s2[0]! - s1[0]!, s2[1]! - s1[1]!, s2[2]! - s1[2]!],
    v: [s2[3]! - s1[3]!, s2[4]! - s1[4]!, s2[5]! - s1[5]!],
    covPos: matAdd(block3(primary.covInertial, 0, 0), block3(secondary.covInertial, 0, 0)),
  };
}

/** The short-encounter test of one conjunction. */
export interface ShortEncounterTest {
  /** Coppola bounds at gamma = 1e-16, s relative to TCA. */
  tau0S: number;
  tau1S: number;
  /** tau1 - tau0, s. */
  durationS: number;
  /** Half-width delt of the short-term encounter validity interval TCA +- delt, s. */
  validityHalfWidthS: number;
  /** The shorter of the two orbital periods, s. */
  periodMinS: number;
  /** 2 delt / periodMinS (CARA's "Extended" indicator, in our linear form). */
  extendedIndicator: number;
  /** True when extendedIndicator <= PC2D_EXTENDED_CUTOFF: the 2D Pc may be used. */
  valid2d: boolean;
}

/**
 * Tests the short-encounter assumption of one conjunction.
 * @param relPosM, relVelMps secondary minus primary at TCA, inertial, m and m/s
 * @param covPosM2 combined relative position covariance, m^2
 * @param periodMinS the shorter orbital period of the two objects, s
 */
export function shortEncounterTest(
  relPosM: ArrayLike<number>,
  relVelMps: ArrayLike<number>,
  covPosM2: ArrayLike<number>,
  hbrM: number,
  periodMinS: number,
): ShortEncounterTest {
  const { tau0S, tau1S } = conjunctionBounds(relPosM, relVelMps, covPosM2, hbrM);
  const durationS = tau1S - tau0S;
  const validityHalfWidthS = Math.max(durationS, Math.abs(tau0S), Math.abs(tau1S));
  const extendedIndicator = (2 * validityHalfWidthS) / periodMinS;
  return {
    tau0S,
    tau1S,
    durationS,
    validityHalfWidthS,
    periodMinS,
    extendedIndicator,
    valid2d: extendedIndicator <= PC2D_EXTENDED_CUTOFF,
  };
}

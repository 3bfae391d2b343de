/**
 * Linear covariance propagation of a RIC relative state (m, m/s) under Clohessy-Wiltshire motion,
 * with the execution errors of impulsive burns added at each burn.
 *
 * - Propagation: P(t) = Phi(t) P0 Phi(t)^T with the closed-form CW state transition matrix Phi
 *   (src/dynamics/cw.ts): exact for CW dynamics, since the state error evolves by the same linear
 *   map as the state.
 * - A burn dv (RIC, m/s) executed with the `dispersions` model of the README ("Monte Carlo"): its
 *   magnitude scaled by 1 + N(0, s_m) (s_m = burnMagnitudePct / 100) and its direction rotated by
 *   an angle N(0, s_p) (s_p = pointingDeg in rad) about a uniformly random axis perpendicular to
 *   it. To first order the velocity error is |dv| (e_m u + theta w), u = dv / |dv|, w a uniformly
 *   random unit vector perpendicular to u (E[w w^T] = (I - u u^T) / 2), so the burn adds
 *     Q = |dv|^2 (s_m^2 u u^T + (s_p^2 / 2) (I - u u^T))
 *   to the velocity block. The neglected terms are of order s_p^2 relative (the mean shortening
 *   of a burn by cos theta), 1.5e-4 at 1 deg.
 *
 * References:
 * [1] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 10.6 (propagating a
 *     covariance through the state transition matrix).
 * [2] Gelb (ed.), Applied Optimal Estimation, MIT Press, 1974, ch. 4.
 */

import { cwStm } from '../dynamics/cw.ts';
import { congruence } from './matrix.ts';

/**
 * The 6 x 6 RIC covariance of independent per-axis standard deviations.
 * @param sigmaPositionM [R, I, C] standard deviations, m
 * @param sigmaVelocityMps [R, I, C] standard deviations, m/s
 */
export function diagonalCovariance(
  sigmaPositionM: readonly number[],
  sigmaVelocityMps: readonly number[],
): Float64Array {
  const p = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    p[i * 7] = sigmaPositionM[i]! ** 2;
    p[(i + 3) * 7] = sigmaVelocityMps[i]! ** 2;
  }
  return p;
}

/**
 * Propagates a RIC covariance through CW motion.
 * @param nRadPerS target mean motion, rad/s
 * @param p0 6 x 6 covariance at t = 0, row-major, m and m/s
 * @param tS elapsed time, s
 */
export function propagateCovarianceCw(
  nRadPerS: number,
  p0: ArrayLike<number>,
  tS: number,
): Float64Array {
  return congruence(cwStm(nRadPerS, tS, new Float64Array(36)), p0, 6);
}

/**
 * The velocity covariance a burn's execution errors add (first order).
 * @param dvRicMps commanded burn, RIC, m/s
 * @param magnitudeSigma 1-sigma relative magnitude error (burnMagnitudePct / 100)
 * @param pointingSigmaRad 1-sigma pointing error, rad (the RMS cone angle)
 * @returns 3 x 3 covariance, (m/s)^2
 */
export function burnExecutionCovariance(
  dvRicMps: readonly number[],
  magnitudeSigma: number,
  pointingSigmaRad: number,
): Float64Array {
  const q = new Float64Array(9);
  const m = Math.hypot(dvRicMps[0]!, dvRicMps[1]!, dvRicMps[2]!);
  if (m === 0) return q;
  const u = [dvRicMps[0]! / m, dvRicMps[1]! / m, dvRicMps[2]! / m];
  const along = m * m * magnitudeSigma * magnitudeSigma;
  const across = 0.5 * m * m * pointingSigmaRad * pointingSigmaRad;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const uu = u[i]! * u[j]!;
      q[i * 3 + j] = along * uu + across * ((i === j ? 1 : 0) - uu);
    }
  }
  return q;
}

/** An impulsive burn for covariance propagation. */
export interface CovarianceBurn {
  /** Time of the burn, s since the start. */
  tS: number;
  /** Commanded burn, RIC, m/s. */
  dvRicMps: readonly number[];
}

/**
 * Propagates a RIC covariance through CW motion and a sequence of impulsive burns, each adding its
 * execution covariance to the velocity block at its time.
 * @param nRadPerS target mean motion, rad/s
 * @param p0 covariance at t = 0 (m, m/s)
 * @param burns in time order, all within [0, tS]
 * @param tS time of the answer, s
 */
export function propagateWithBurnsCw(
  nRadPerS: number,
  p0: ArrayLike<number>,
  burns: readonly CovarianceBurn[],
  magnitudeSigma: number,
  pointingSigmaRad: number,
  tS: number,
): Float64Array {
  let p: Float64Array = Float64Array.from(p0 as ArrayLike<number>);
  let t = 0;
  for (const b of burns) {
    if (b.tS < t || b.tS > tS)
      throw new RangeError(`burn at ${b.tS} s is out of order or after ${tS} s`);
    p = propagateCovarianceCw(nRadPerS, p, b.tS - t);
    const q = burnExecutionCovariance(b.dvRicMps, magnitudeSigma, pointingSigmaRad);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) p[(i + 3) * 6 + j + 3]! += q[i * 3 + j]!;
    t = b.tS;
  }
  return propagateCovarianceCw(nRadPerS, p, tS - t);
}

/**
 * Two-impulse transfer targeting in the CW model, and its refinement for nonlinear dynamics.
 *
 * CW: v0+ = phiRV^-1 (rf - phiRR r0); the arrival burn matches the wanted velocity. phiRV is
 * singular when the transfer lasts a whole number of orbits (in-plane) or half orbits
 * (cross-track): there the position after the coast does not depend on the departure velocity
 * in that plane, and the planner is told so instead of receiving an enormous burn.
 * Nonlinear: the CW solution seeds a differential correction on the integrated arc (chord Newton
 * with the CW Jacobian, then finite-difference Newton if that stalls).
 *
 * References:
 * [1] Curtis, Orbital Mechanics for Engineering Students, 3rd ed., sec. 7.5 (two-impulse rendezvous).
 * [2] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 3.3.
 * [3] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 6.8.
 */

import { Matrix, solve } from 'ml-matrix';
import { oneMinusCos, sinMinusX } from '../dynamics/cw.ts';

/** Smallest ratio of singular values of the in-plane phiRV block that is still targetable. */
export const IN_PLANE_CONDITION_LIMIT = 1e-7;

/** Why a CW transfer of a given duration cannot be solved. */
export type TransferSingularity = 'in-plane' | 'cross-track';

/**
 * Conditioning of the in-plane phiRV block for a transfer of `durationS`: the ratio of its
 * smallest to largest singular value (1 well posed, 0 singular).
 */
export function inPlaneConditioning(nRadPerS: number, durationS: number): number {
  const nt = nRadPerS * durationS;
  // phiRV in-plane block scaled by n: [[s, 2(1-c)], [2(c-1), 4s - 3nt]]
  const a = Math.sin(nt);
  const b = 2 * oneMinusCos(nt);
  const cc = -b;
  const d = nt + 4 * sinMinusX(nt);
  const det = Math.abs(a * d - b * cc);
  const fro2 = a * a + b * b + cc * cc + d * d;
  // sigma_max^2 + sigma_min^2 = fro2, sigma_max * sigma_min = det
  const disc = Math.sqrt(Math.max(0, fro2 * fro2 - 4 * det * det));
  const sMax2 = 0.5 * (fro2 + disc);
  return sMax2 > 0 ? det / sMax2 : 0;
}

/**
 * Departure velocity (after the first burn) of the CW two-impulse transfer.
 * @param nRadPerS mean motion, rad/s
 * @param durationS transfer time, s
 * @param r0 departure position, RIC, m
 * @param rf arrival position, RIC, m
 * @param v0 departure velocity before the burn, RIC, m/s (kept in a singular cross-track case
 *   where the arrival cross-track position is reached whatever the burn)
 * @param outV0Plus receives the departure velocity after the burn, RIC, m/s
 * @returns null when solved, else which part is singular
 */
export function cwTransferDepartureVelocity(
  nRadPerS: number,
  durationS: number,
  r0: ArrayLike<number>,
  rf: ArrayLike<number>,
  v0: ArrayLike<number>,
  outV0Plus: Float64Array,
): TransferSingularity | null {
  const n = nRadPerS;
  const T = durationS;
  const nt = n * T;
  const s = Math.sin(nt);
  const c = Math.cos(nt);
  if (inPlaneConditioning(n, T) < IN_PLANE_CONDITION_LIMIT) return 'in-plane';
  const x0 = r0[0]!;
  const y0 = r0[1]!;
  const z0 = r0[2]!;
  const omc = oneMinusCos(nt);
  const smx = sinMinusX(nt);
  // rf - phiRR r0
  const bx = rf[0]! - (1 + 3 * omc) * x0;
  const by = rf[1]! - 6 * smx * x0 - y0;
  const bz = rf[2]! - c * z0;
  const a11 = s / n;
  const a12 = (2 / n) * omc;
  const a21 = -a12;
  const a22 = T + (4 * smx) / n;
  const det = a11 * a22 - a12 * a21;
  outV0Plus[0] = (a22 * bx - a12 * by) / det;
  outV0Plus[1] = (-a21 * bx + a11 * by) / det;
  if (Math.abs(s) < 1e-9) {
    // Cross-track motion returns to c*z0 after whole half orbits, whatever the velocity.
    if (Math.abs(bz) > 1e-6 * Math.max(1, Math.abs(z0), Math.abs(rf[2]!))) return 'cross-track';
    outV0Plus[2] = v0[2]!;
  } else {
    outV0Plus[2] = bz / a11;
  }
  return null;
}

/**
 * Refines a departure velocity so that `arrive(v)` (the integrated arrival position for departure
 * velocity v) reaches `rf` within `toleranceM`.
 * @param arrive integrates the arc: departure velocity (RIC, m/s) -> arrival position (RIC, m)
 * @param rf wanted arrival position, RIC, m
 * @param nRadPerS mean motion for the CW Jacobian, rad/s
 * @param durationS transfer time, s
 * @param v0Plus initial guess, refined in place, RIC m/s
 * @returns the final miss distance, m (the caller decides whether it is acceptable)
 */
export function refineTransfer(
  arrive: (v0Plus: Float64Array, outRf: Float64Array) => void,
  rf: ArrayLike<number>,
  nRadPerS: number,
  durationS: number,
  v0Plus: Float64Array,
  toleranceM: number,
): number {
  const r = new Float64Array(3);
  const miss = (): number => {
    arrive(v0Plus, r);
    r[0] = rf[0]! - r[0]!;
    r[1] = rf[1]! - r[1]!;
    r[2] = rf[2]! - r[2]!;
    return Math.hypot(r[0], r[1], r[2]);
  };
  const zero = new Float64Array(3);
  const step = new Float64Array(3);
  let m = miss();
  // Chord iterations: CW maps a velocity change to a position change through phiRV.
  for (let i = 0; i < 8 && m > toleranceM; i++) {
    if (cwTransferDepartureVelocity(nRadPerS, durationS, zero, r, zero, step) !== null) break;
    for (let k = 0; k < 3; k++) v0Plus[k] = v0Plus[k]! + step[k]!;
    const next = miss();
    if (next > 0.5 * m) {
      m = next;
      break;
    }
    m = next;
  }
  // Newton with a finite-difference Jacobian where the CW model is too far from the truth.
  const base = new Float64Array(3);
  const probe = new Float64Array(3);
  for (let i = 0; i < 10 && m > toleranceM; i++) {
    base.set(r);
    const jac = Matrix.zeros(3, 3);
    for (let k = 0; k < 3; k++) {
      const dv = 1e-6 * Math.max(1e-3, Math.abs(v0Plus[k]!));
      const keep = v0Plus[k]!;
      v0Plus[k] = keep + dv;
      arrive(v0Plus, probe);
      v0Plus[k] = keep;
      // d(arrival)/d(v_k); the arrival at v0Plus is rf - base
      for (let row = 0; row < 3; row++) {
        jac.set(row, k, (probe[row]! - (rf[row]! - base[row]!)) / dv);
      }
    }
    const delta = solve(jac, Matrix.columnVector(Array.from(base)));
    for (let k = 0; k < 3; k++) v0Plus[k] = v0Plus[k]! + delta.get(k, 0);
    m = miss();
  }
  return m;
}

/**
 * Two-impulse transfer targeting about an elliptical target with the Yamanaka-Ankersen state
 * transition matrix (src/dynamics/ya.ts), the eccentric counterpart of
 * `cwTransferDepartureVelocity` (src/maneuvers/targeting.ts).
 *
 * References:
 * [1] Yamanaka, K. and Ankersen, F., "New State Transition Matrix for Relative Motion on an
 *     Arbitrary Elliptical Orbit", J. Guidance, Control, and Dynamics 25(1), 2002, pp. 60-66.
 * [2] Curtis, Orbital Mechanics for Engineering Students, 3rd ed., sec. 7.5 (two-impulse rendezvous).
 */

import { yaStm, type EllipticTarget } from '../dynamics/ya.ts';
import { IN_PLANE_CONDITION_LIMIT, type TransferSingularity } from './targeting.ts';

/**
 * Departure velocity (after the first burn) of the two-impulse transfer r0 -> rf in `durationS`
 * about an elliptical target: v0+ = phiRV^-1 (rf - phiRR r0) with the Yamanaka-Ankersen blocks
 * (the arrival burn then matches the wanted velocity, as `cwTransferDepartureVelocity`).
 * @param target target orbit at departure
 * @param durationS transfer time, s
 * @param r0 departure position, RIC, m
 * @param rf arrival position, RIC, m
 * @param v0 departure velocity before the burn, RIC, m/s (kept in a singular cross-track case
 *   where the arrival cross-track position is reached whatever the burn)
 * @param outV0Plus receives the departure velocity after the burn, RIC, m/s
 * @returns null when solved, else which part is singular
 */
export function yaTransferDepartureVelocity(
  target: EllipticTarget,
  durationS: number,
  r0: ArrayLike<number>,
  rf: ArrayLike<number>,
  v0: ArrayLike<number>,
  outV0Plus: Float64Array,
): TransferSingularity | null {
  const phi = yaStm(target, durationS, new Float64Array(36));
  const a11 = phi[3]!;
  const a12 = phi[4]!;
  const a21 = phi[9]!;
  const a22 = phi[10]!;
  const det = a11 * a22 - a12 * a21;
  const fro2 = a11 * a11 + a12 * a12 + a21 * a21 + a22 * a22;
  // smallest over largest singular value of the in-plane phiRV block
  const disc = Math.sqrt(Math.max(0, fro2 * fro2 - 4 * det * det));
  const sMax2 = 0.5 * (fro2 + disc);
  if (!(sMax2 > 0) || Math.abs(det) / sMax2 < IN_PLANE_CONDITION_LIMIT) return 'in-plane';
  const bx = rf[0]! - phi[0]! * r0[0]! - phi[1]! * r0[1]!;
  const by = rf[1]! - phi[6]! * r0[0]! - phi[7]! * r0[1]!;
  const bz = rf[2]! - phi[14]! * r0[2]!;
  outV0Plus[0] = (a22 * bx - a12 * by) / det;
  outV0Plus[1] = (-a21 * bx + a11 * by) / det;
  const zv = phi[17]!;
  // |phiRV_zz| ~ |sin(swept angle)| / (k^2 rho0 rho): singular after whole half revolutions
  const n = Math.sqrt(target.muM3S2 / target.semiMajorAxisM ** 3);
  if (Math.abs(zv) * n < 1e-9) {
    if (Math.abs(bz) > 1e-6 * Math.max(1, Math.abs(r0[2]!), Math.abs(rf[2]!))) return 'cross-track';
    outV0Plus[2] = v0[2]!;
  } else {
    outV0Plus[2] = bz / zv;
  }
  return null;
}

/**
 * Clohessy-Wiltshire (Hill) relative motion about a circular target orbit.
 *
 * Frame: RIC centred on the target (R radial out, I in-track, C cross-track = R x I), rates seen in
 * the rotating frame. State order [x, y, z, xd, yd, zd] in m and m/s.
 *
 * References:
 * [1] Clohessy, W. H. and Wiltshire, R. S., "Terminal Guidance System for Satellite Rendezvous",
 *     J. Aerospace Sciences 27(9), 1960.
 * [2] Curtis, Orbital Mechanics for Engineering Students, 3rd ed., ch. 7 (eqs. 7.53, 7.55).
 * [3] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 6.8.
 */

import { RicStateModel } from './relative.ts';

/**
 * 1 - cos x without cancellation: 2 sin^2(x / 2). Direct subtraction loses all digits for the
 * small angles of short steps (x = 1e-6 rad leaves 1e-12 with an error of 1e-16).
 */
export function oneMinusCos(x: number): number {
  const h = Math.sin(0.5 * x);
  return 2 * h * h;
}

/** sin x - x without cancellation (Taylor series below 0.1 rad, error < 1e-19 x). */
export function sinMinusX(x: number): number {
  if (Math.abs(x) >= 0.1) return Math.sin(x) - x;
  const x2 = x * x;
  return -x * x2 * (1 / 6 - x2 * (1 / 120 - x2 * (1 / 5040 - x2 / 362880)));
}

/**
 * Closed-form CW state transition matrix, row-major 6x6 into `out` (36 numbers).
 * @param nRadPerS target mean motion, rad/s
 * @param tS elapsed time, s (any sign)
 * @param out receives Phi(t) such that state(t) = Phi(t) state(0), RIC, SI units
 */
export function cwStm(nRadPerS: number, tS: number, out: Float64Array): Float64Array {
  const n = nRadPerS;
  const nt = n * tS;
  const s = Math.sin(nt);
  const c = Math.cos(nt);
  const omc = oneMinusCos(nt);
  const smx = sinMinusX(nt);
  out.fill(0);
  // phiRR
  out[0] = 1 + 3 * omc;
  out[6] = 6 * smx;
  out[7] = 1;
  out[14] = c;
  // phiRV
  out[3] = s / n;
  out[4] = (2 / n) * omc;
  out[9] = (-2 / n) * omc;
  out[10] = tS + (4 * smx) / n;
  out[17] = s / n;
  // phiVR
  out[18] = 3 * n * s;
  out[24] = -6 * n * omc;
  out[32] = -n * s;
  // phiVV
  out[21] = c;
  out[22] = 2 * s;
  out[27] = -2 * s;
  out[28] = 1 - 4 * omc;
  out[35] = c;
  return out;
}

/**
 * Propagates a RIC state with the closed-form CW solution (no integration error).
 * @param nRadPerS target mean motion, rad/s
 * @param state0 [x, y, z, xd, yd, zd] at t = 0, RIC, m and m/s
 * @param tS elapsed time, s
 * @param out receives the state at tS (may alias nothing in state0)
 */
export function cwPropagate(
  nRadPerS: number,
  state0: ArrayLike<number>,
  tS: number,
  out: Float64Array,
): Float64Array {
  const n = nRadPerS;
  const nt = n * tS;
  const s = Math.sin(nt);
  const c = Math.cos(nt);
  const omc = oneMinusCos(nt);
  const smx = sinMinusX(nt);
  const x = state0[0]!;
  const y = state0[1]!;
  const z = state0[2]!;
  const xd = state0[3]!;
  const yd = state0[4]!;
  const zd = state0[5]!;
  out[0] = (1 + 3 * omc) * x + (s / n) * xd + (2 / n) * omc * yd;
  out[1] = 6 * smx * x + y - (2 / n) * omc * xd + (tS + (4 * smx) / n) * yd;
  out[2] = c * z + (s / n) * zd;
  out[3] = 3 * n * s * x + c * xd + 2 * s * yd;
  out[4] = -6 * n * omc * x - 2 * s * xd + (1 - 4 * omc) * yd;
  out[5] = -n * s * z + c * zd;
  return out;
}

/**
 * CW equations of motion as an ODE for the fixed-step integrator:
 * xdd = 3 n^2 x + 2 n yd, ydd = -2 n xd, zdd = -n^2 z, plus any thrust acceleration (RIC).
 */
export class CwDynamics extends RicStateModel {
  readonly kind = 'cw';

  /** @param nRadPerS target mean motion, rad/s */
  constructor(readonly nRadPerS: number) {
    super();
  }

  protected rk4Single(tS: number, y: Float64Array, hS: number): void {
    if (this.thrust.active) {
      this.rk4.step(this, tS, y, hS);
      return;
    }
    const n = this.nRadPerS;
    const a = 3 * n * n;
    const b = 2 * n;
    const w2 = n * n;
    const h2 = 0.5 * hS;
    const x1 = y[0]!;
    const y1 = y[1]!;
    const z1 = y[2]!;
    const u1 = y[3]!;
    const v1 = y[4]!;
    const w1 = y[5]!;
    const au1 = a * x1 + b * v1;
    const av1 = -b * u1;
    const aw1 = -w2 * z1;
    const x2 = x1 + h2 * u1;
    const z2 = z1 + h2 * w1;
    const u2 = u1 + h2 * au1;
    const v2 = v1 + h2 * av1;
    const w2s = w1 + h2 * aw1;
    const au2 = a * x2 + b * v2;
    const av2 = -b * u2;
    const aw2 = -w2 * z2;
    const x3 = x1 + h2 * u2;
    const z3 = z1 + h2 * w2s;
    const u3 = u1 + h2 * au2;
    const v3 = v1 + h2 * av2;
    const w3 = w1 + h2 * aw2;
    const au3 = a * x3 + b * v3;
    const av3 = -b * u3;
    const aw3 = -w2 * z3;
    const x4 = x1 + hS * u3;
    const z4 = z1 + hS * w3;
    const u4 = u1 + hS * au3;
    const v4 = v1 + hS * av3;
    const w4 = w1 + hS * aw3;
    const au4 = a * x4 + b * v4;
    const av4 = -b * u4;
    const aw4 = -w2 * z4;
    const h6 = hS / 6;
    y[0] = x1 + h6 * (u1 + 2 * (u2 + u3) + u4);
    y[1] = y1 + h6 * (v1 + 2 * (v2 + v3) + v4);
    y[2] = z1 + h6 * (w1 + 2 * (w2s + w3) + w4);
    y[3] = u1 + h6 * (au1 + 2 * (au2 + au3) + au4);
    y[4] = v1 + h6 * (av1 + 2 * (av2 + av3) + av4);
    y[5] = w1 + h6 * (aw1 + 2 * (aw2 + aw3) + aw4);
  }

  derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    const n = this.nRadPerS;
    dy[0] = y[3]!;
    dy[1] = y[4]!;
    dy[2] = y[5]!;
    dy[3] = 3 * n * n * y[0]! + 2 * n * y[4]!;
    dy[4] = -2 * n * y[3]!;
    dy[5] = -n * n * y[2]!;
    this.addThrust(tS, dy);
  }

  energyGapM2S2(): number {
    return Number.NaN;
  }
}

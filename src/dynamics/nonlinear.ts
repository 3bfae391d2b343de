/**
 * Exact nonlinear relative motion about a circular target orbit (two-body gravity, no
 * linearisation), written in the rotating RIC frame.
 *
 *   xdd =  2 n yd + k (R + x)
 *   ydd = -2 n xd + k y
 *   zdd = -n^2 z  + k z,     k = n^2 (1 - (R/r)^3),  r^2 = R^2 + d,  d = 2 R x + x^2 + y^2 + z^2
 *
 * 1 - (R/r)^3 is evaluated as (r - R)(r^2 + r R + R^2) / r^3 with r - R = d / (r + R): at GEO the
 * naive form loses about 8 of 16 digits to cancellation for a 1 km separation.
 *
 * References:
 * [1] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 6.8 (eq. 6-65).
 * [2] Schaub and Junkins, Analytical Mechanics of Space Systems, sec. 14.4.
 */

import { RicStateModel } from './relative.ts';

/**
 * k = n^2 (1 - (R/r)^3) at RIC position (x, y, z), cancellation-free.
 * @param n2 n^2, rad^2/s^2
 * @param R target orbit radius, m
 */
function gravityFactor(n2: number, R: number, x: number, y: number, z: number): number {
  const d = 2 * R * x + x * x + y * y + z * z;
  const r2 = R * R + d;
  const r = Math.sqrt(r2);
  return (n2 * d * (r2 + r * R + R * R)) / ((r + R) * r2 * r);
}

/** Nonlinear relative equations for a circular target of radius `radiusM` (RIC state). */
export class NonlinearCircularDynamics extends RicStateModel {
  readonly kind = 'nonlinear';

  /**
   * @param nRadPerS target mean motion, rad/s
   * @param radiusM target orbit radius, m
   */
  constructor(
    readonly nRadPerS: number,
    readonly radiusM: number,
  ) {
    super();
  }

  protected rk4Single(tS: number, y: Float64Array, hS: number): void {
    if (this.thrust.active) {
      this.rk4.step(this, tS, y, hS);
      return;
    }
    const n = this.nRadPerS;
    const R = this.radiusM;
    const n2 = n * n;
    const b = 2 * n;
    const h2 = 0.5 * hS;
    const x1 = y[0]!;
    const y1 = y[1]!;
    const z1 = y[2]!;
    const u1 = y[3]!;
    const v1 = y[4]!;
    const w1 = y[5]!;
    let k = gravityFactor(n2, R, x1, y1, z1);
    const au1 = b * v1 + k * (R + x1);
    const av1 = -b * u1 + k * y1;
    const aw1 = (k - n2) * z1;
    const x2 = x1 + h2 * u1;
    const y2 = y1 + h2 * v1;
    const z2 = z1 + h2 * w1;
    const u2 = u1 + h2 * au1;
    const v2 = v1 + h2 * av1;
    const w2 = w1 + h2 * aw1;
    k = gravityFactor(n2, R, x2, y2, z2);
    const au2 = b * v2 + k * (R + x2);
    const av2 = -b * u2 + k * y2;
    const aw2 = (k - n2) * z2;
    const x3 = x1 + h2 * u2;
    const y3 = y1 + h2 * v2;
    const z3 = z1 + h2 * w2;
    const u3 = u1 + h2 * au2;
    const v3 = v1 + h2 * av2;
    const w3 = w1 + h2 * aw2;
    k = gravityFactor(n2, R, x3, y3, z3);
    const au3 = b * v3 + k * (R + x3);
    const av3 = -b * u3 + k * y3;
    const aw3 = (k - n2) * z3;
    const x4 = x1 + hS * u3;
    const y4 = y1 + hS * v3;
    const z4 = z1 + hS * w3;
    const u4 = u1 + hS * au3;
    const v4 = v1 + hS * av3;
    const w4 = w1 + hS * aw3;
    k = gravityFactor(n2, R, x4, y4, z4);
    const au4 = b * v4 + k * (R + x4);
    const av4 = -b * u4 + k * y4;
    const aw4 = (k - n2) * z4;
    const h6 = hS / 6;
    y[0] = x1 + h6 * (u1 + 2 * (u2 + u3) + u4);
    y[1] = y1 + h6 * (v1 + 2 * (v2 + v3) + v4);
    y[2] = z1 + h6 * (w1 + 2 * (w2 + w3) + w4);
    y[3] = u1 + h6 * (au1 + 2 * (au2 + au3) + au4);
    y[4] = v1 + h6 * (av1 + 2 * (av2 + av3) + av4);
    y[5] = w1 + h6 * (aw1 + 2 * (aw2 + aw3) + aw4);
  }

  derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    const n = this.nRadPerS;
    const R = this.radiusM;
    const x = y[0]!;
    const yy = y[1]!;
    const z = y[2]!;
    const xd = y[3]!;
    const yd = y[4]!;
    const k = gravityFactor(n * n, R, x, yy, z);
    dy[0] = xd;
    dy[1] = yd;
    dy[2] = y[5]!;
    dy[3] = 2 * n * yd + k * (R + x);
    dy[4] = -2 * n * xd + k * yy;
    dy[5] = -n * n * z + k * z;
    this.addThrust(tS, dy);
  }

  energyGapM2S2(y: Float64Array): number {
    const n = this.nRadPerS;
    const R = this.radiusM;
    const x = y[0]!;
    const yy = y[1]!;
    const z = y[2]!;
    // inertial velocity minus the target's (0, nR, 0), in RIC components
    const du = y[3]! - n * yy;
    const dv = y[4]! + n * x;
    const dw = y[5]!;
    const kinetic = 0.5 * (du * du + dv * (2 * n * R + dv) + dw * dw);
    const d = 2 * R * x + x * x + yy * yy + z * z;
    const r = Math.sqrt(R * R + d);
    // -mu/r + mu/R = mu (r - R) / (r R), mu = n^2 R^3
    const potential = (n * n * R * R * (d / (r + R))) / r;
    return kinetic + potential;
  }
}

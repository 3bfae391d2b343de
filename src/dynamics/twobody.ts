/**
 * Two-body motion of target and spacecraft in the inertial frame, for targets whose orbit is not
 * circular (and as an independent check of the relative models).
 *
 * State (12 numbers, ECI, m and m/s): [rT, vT, dr, dv] where rT, vT are the target's position and
 * velocity and dr = rS - rT, dv = vS - vT the spacecraft's offset. Integrating the offset instead
 * of rS keeps full precision in the small quantity; its acceleration
 *   ddr = -mu rS / |rS|^3 + mu rT / |rT|^3 = -mu dr / rS^3 - mu rT (1/rS^3 - 1/rT^3)
 * is evaluated without cancellation (Encke's method). The RIC frame follows the target: R = rT/|rT|,
 * C = h/|h|, I = C x R, rotating at w = |h| / |rT|^2 about C. A RIC state maps to ECI as
 *   dr = M^T rho,  dv = M^T (rhoDot + w x rho)     (M: ECI -> RIC rotation)
 * which for a circular target is the Cartesian mapping of ../shared REFERENCE "Nonlinear mode".
 *
 * References:
 * [1] Battin, An Introduction to the Mathematics and Methods of Astrodynamics, sec. 9.4 (Encke).
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 3.3 (RSW frame).
 * [3] Curtis, Orbital Mechanics for Engineering Students, 3rd ed., sec. 7.2 (relative motion).
 */

import { Rk4 } from '../integrators/rk4.ts';
import { Rk4Model, thrustAccelerationMps2, type DynamicsKind } from './model.ts';

/**
 * Writes the RIC basis of a target state: rows R, I, C (9 numbers, row-major ECI -> RIC rotation)
 * and returns the frame rotation rate about C, rad/s.
 */
export function ricBasis(y: ArrayLike<number>, outM: Float64Array): number {
  const rx = y[0]!;
  const ry = y[1]!;
  const rz = y[2]!;
  const vx = y[3]!;
  const vy = y[4]!;
  const vz = y[5]!;
  const r2 = rx * rx + ry * ry + rz * rz;
  const r = Math.sqrt(r2);
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
  const Rx = rx / r;
  const Ry = ry / r;
  const Rz = rz / r;
  const Cx = hx / h;
  const Cy = hy / h;
  const Cz = hz / h;
  outM[0] = Rx;
  outM[1] = Ry;
  outM[2] = Rz;
  outM[3] = Cy * Rz - Cz * Ry;
  outM[4] = Cz * Rx - Cx * Rz;
  outM[5] = Cx * Ry - Cy * Rx;
  outM[6] = Cx;
  outM[7] = Cy;
  outM[8] = Cz;
  return h / r2;
}

/** Two-body target and spacecraft propagated together in ECI (12-number state). */
export class TwoBodyDynamics extends Rk4Model {
  readonly kind: DynamicsKind = 'twobody';
  readonly stateSize = 12;
  private readonly m = new Float64Array(9);
  private readonly rk4 = new Rk4(12);

  /** @param muM3S2 gravitational parameter of the central body, m^3/s^2 */
  constructor(readonly muM3S2: number) {
    super();
  }

  protected rk4Single(tS: number, y: Float64Array, hS: number): void {
    this.rk4.step(this, tS, y, hS);
  }

  derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    const mu = this.muM3S2;
    const tx = y[0]!;
    const ty = y[1]!;
    const tz = y[2]!;
    const dx = y[6]!;
    const dyy = y[7]!;
    const dz = y[8]!;
    const rT2 = tx * tx + ty * ty + tz * tz;
    const rT = Math.sqrt(rT2);
    const d = 2 * (tx * dx + ty * dyy + tz * dz) + dx * dx + dyy * dyy + dz * dz;
    const rS2 = rT2 + d;
    const rS = Math.sqrt(rS2);
    const rT3 = rT2 * rT;
    const rS3 = rS2 * rS;
    // 1/rS^3 - 1/rT^3 = (rT^3 - rS^3) / (rS^3 rT^3), rT - rS = -d / (rT + rS)
    const diff = ((-d / (rT + rS)) * (rT2 + rT * rS + rS2)) / (rS3 * rT3);
    const gT = -mu / rT3;
    const gS = -mu / rS3;
    dy[0] = y[3]!;
    dy[1] = y[4]!;
    dy[2] = y[5]!;
    dy[3] = gT * tx;
    dy[4] = gT * ty;
    dy[5] = gT * tz;
    dy[6] = y[9]!;
    dy[7] = y[10]!;
    dy[8] = y[11]!;
    dy[9] = gS * dx - mu * tx * diff;
    dy[10] = gS * dyy - mu * ty * diff;
    dy[11] = gS * dz - mu * tz * diff;
    if (this.thrust.active) this.addThrust(tS, y, dy);
  }

  /**
   * Adds the spacecraft's thrust acceleration (its RIC direction mapped to ECI) to dy[9..11],
   * m/s^2; call only while `thrust.active`.
   */
  protected addThrust(tS: number, y: Float64Array, dy: Float64Array): void {
    const th = this.thrust;
    const a = thrustAccelerationMps2(th, tS);
    const m = this.m;
    ricBasis(y, m);
    const ur = th.dirRic[0]!;
    const ui = th.dirRic[1]!;
    const uc = th.dirRic[2]!;
    dy[9] = dy[9]! + a * (m[0]! * ur + m[3]! * ui + m[6]! * uc);
    dy[10] = dy[10]! + a * (m[1]! * ur + m[4]! * ui + m[7]! * uc);
    dy[11] = dy[11]! + a * (m[2]! * ur + m[5]! * ui + m[8]! * uc);
  }

  toRic(y: Float64Array, outRic: Float64Array): void {
    const m = this.m;
    const w = ricBasis(y, m);
    const dx = y[6]!;
    const dyy = y[7]!;
    const dz = y[8]!;
    const vx = y[9]!;
    const vy = y[10]!;
    const vz = y[11]!;
    const x = m[0]! * dx + m[1]! * dyy + m[2]! * dz;
    const yy = m[3]! * dx + m[4]! * dyy + m[5]! * dz;
    const z = m[6]! * dx + m[7]! * dyy + m[8]! * dz;
    outRic[0] = x;
    outRic[1] = yy;
    outRic[2] = z;
    // rhoDot = M dv - w x rho, with w = (0, 0, w) in RIC
    outRic[3] = m[0]! * vx + m[1]! * vy + m[2]! * vz + w * yy;
    outRic[4] = m[3]! * vx + m[4]! * vy + m[5]! * vz - w * x;
    outRic[5] = m[6]! * vx + m[7]! * vy + m[8]! * vz;
  }

  setRic(y: Float64Array, ric: ArrayLike<number>): void {
    const m = this.m;
    const w = ricBasis(y, m);
    const x = ric[0]!;
    const yy = ric[1]!;
    const z = ric[2]!;
    // inertial rate in RIC components: rhoDot + w x rho
    const ax = ric[3]! - w * yy;
    const ay = ric[4]! + w * x;
    const az = ric[5]!;
    for (let i = 0; i < 3; i++) {
      y[6 + i] = m[i]! * x + m[3 + i]! * yy + m[6 + i]! * z;
      y[9 + i] = m[i]! * ax + m[3 + i]! * ay + m[6 + i]! * az;
    }
  }

  energyGapM2S2(y: Float64Array): number {
    const mu = this.muM3S2;
    let rT2 = 0;
    let d = 0;
    let kinetic = 0;
    for (let i = 0; i < 3; i++) {
      rT2 += y[i]! * y[i]!;
      d += 2 * y[i]! * y[6 + i]! + y[6 + i]! * y[6 + i]!;
      kinetic += 0.5 * y[9 + i]! * (2 * y[3 + i]! + y[9 + i]!);
    }
    const rT = Math.sqrt(rT2);
    const rS = Math.sqrt(rT2 + d);
    return kinetic + (mu * (d / (rS + rT))) / (rS * rT);
  }

  applyImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void {
    const m = this.m;
    ricBasis(y, m);
    for (let i = 0; i < 3; i++)
      y[9 + i] = y[9 + i]! + m[i]! * dvR + m[3 + i]! * dvI + m[6 + i]! * dvC;
  }

  /** The target's inertial velocity changes by dv; the spacecraft's (target + offset) does not. */
  applyTargetImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void {
    const m = this.m;
    ricBasis(y, m);
    for (let i = 0; i < 3; i++) {
      const dvEci = m[i]! * dvR + m[3 + i]! * dvI + m[6 + i]! * dvC;
      y[3 + i] = y[3 + i]! + dvEci;
      y[9 + i] = y[9 + i]! - dvEci;
    }
  }
}

/**
 * ECI position and velocity of a Keplerian orbit in its own plane (perigee along +x, normal +z).
 * @param semiMajorAxisM semi-major axis, m
 * @param eccentricity 0 <= e < 1
 * @param trueAnomalyRad true anomaly, rad
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives [r(3), v(3)], m and m/s
 */
export function keplerStateEci(
  semiMajorAxisM: number,
  eccentricity: number,
  trueAnomalyRad: number,
  muM3S2: number,
  out: Float64Array,
): Float64Array {
  const e = eccentricity;
  const p = semiMajorAxisM * (1 - e * e);
  const cf = Math.cos(trueAnomalyRad);
  const sf = Math.sin(trueAnomalyRad);
  const r = p / (1 + e * cf);
  const vScale = Math.sqrt(muM3S2 / p);
  out[0] = r * cf;
  out[1] = r * sf;
  out[2] = 0;
  out[3] = -vScale * sf;
  out[4] = vScale * (e + cf);
  out[5] = 0;
  return out;
}

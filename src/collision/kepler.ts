/**
 * Two-body (Keplerian) propagation of an elliptic orbit from a state, by the f and g functions in
 * the eccentric-anomaly difference dE (Battin [1], sec. 4.3; Vallado [2], sec. 2.3): Kepler's
 * equation in the form n dt = dE + sigma0 sqrt(alpha) (1 - cos dE) - (1 - r0 alpha) sin dE,
 * sigma0 = r0 . v0 / sqrt(mu), alpha = 1/a, solved by Newton's method (its derivative is
 * r / a > 0). 1 - cos and dE - sin dE are evaluated without cancellation, so that steps of
 * milliseconds in LEO keep their digits. Allocation-free: the hot loop of the Monte Carlo Pc.
 *
 * References:
 * [1] Battin, An Introduction to the Mathematics and Methods of Astrodynamics, rev. ed., 1999.
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., 2013.
 */

import { oneMinusCos, sinMinusX } from '../dynamics/cw.ts';

/** An elliptic orbit fixed by an inertial state at its epoch. */
export class KeplerOrbit {
  private rx = 0;
  private ry = 0;
  private rz = 0;
  private vx = 0;
  private vy = 0;
  private vz = 0;
  private r0 = 0;
  private a = 0;
  private alpha = 0;
  private n = 0;
  private sig0a = 0;
  private ecc = 0;
  private sqrtMuA = 0;

  /** @param muM3S2 gravitational parameter, m^3/s^2 */
  constructor(readonly muM3S2: number) {}

  /**
   * Sets the epoch state.
   * @param s [x, y, z, vx, vy, vz], inertial, m and m/s, read from `offset`
   * @returns false when the orbit is not elliptic (the state cannot be propagated here)
   */
  set(s: ArrayLike<number>, offset = 0): boolean {
    this.rx = s[offset]!;
    this.ry = s[offset + 1]!;
    this.rz = s[offset + 2]!;
    this.vx = s[offset + 3]!;
    this.vy = s[offset + 4]!;
    this.vz = s[offset + 5]!;
    const mu = this.muM3S2;
    this.r0 = Math.hypot(this.rx, this.ry, this.rz);
    const v2 = this.vx * this.vx + this.vy * this.vy + this.vz * this.vz;
    this.alpha = 2 / this.r0 - v2 / mu;
    if (!(this.alpha > 0)) return false;
    this.a = 1 / this.alpha;
    this.n = Math.sqrt(mu * this.alpha * this.alpha * this.alpha);
    const rv = this.rx * this.vx + this.ry * this.vy + this.rz * this.vz;
    this.sig0a = (rv / Math.sqrt(mu)) * Math.sqrt(this.alpha);
    this.ecc = 1 - this.r0 * this.alpha;
    this.sqrtMuA = Math.sqrt(mu * this.a);
    return true;
  }

  /** Mean motion, rad/s. */
  get meanMotionRadPerS(): number {
    return this.n;
  }

  /**
   * The state dtS after the epoch.
   * @param dtS time from the epoch, s (any sign)
   * @param guessDE a starting value of dE, rad (the previous answer, or n dt)
   * @param out receives [x, y, z, vx, vy, vz] at `offset`
   * @returns dE, rad (a good guess for a nearby time)
   */
  propagate(dtS: number, guessDE: number, out: Float64Array, offset = 0): number {
    const m = this.n * dtS;
    let de = guessDE;
    for (let i = 0; i < 50; i++) {
      const s = Math.sin(de);
      const c = Math.cos(de);
      const fv = de + this.sig0a * (1 - c) - this.ecc * s - m;
      const fp = 1 + this.sig0a * s - this.ecc * c;
      let step = fv / fp;
      if (step > 1) step = 1;
      else if (step < -1) step = -1;
      de -= step;
      if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(de))) break;
    }
    const s = Math.sin(de);
    const omc = oneMinusCos(de);
    const r = this.a + (this.r0 - this.a) * (1 - omc) + this.sig0a * this.a * s;
    const f = 1 - (this.a / this.r0) * omc;
    const g = dtS + sinMinusX(de) / this.n;
    const fd = (-this.sqrtMuA * s) / (r * this.r0);
    const gd = 1 - (this.a / r) * omc;
    out[offset] = f * this.rx + g * this.vx;
    out[offset + 1] = f * this.ry + g * this.vy;
    out[offset + 2] = f * this.rz + g * this.vz;
    out[offset + 3] = fd * this.rx + gd * this.vx;
    out[offset + 4] = fd * this.ry + gd * this.vy;
    out[offset + 5] = fd * this.rz + gd * this.vz;
    return de;
  }
}

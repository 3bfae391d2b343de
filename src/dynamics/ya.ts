/**
 * Yamanaka-Ankersen state transition matrix: linearised relative motion about a target on an
 * elliptical (Keplerian) orbit (two-impulse targeting with it: src/maneuvers/yaTransfer.ts).
 *
 * Frame: RIC centred on the target (R radial out, I in-track, C along the orbit normal), rates
 * seen in the rotating frame, state [x, y, z, xd, yd, zd] in m and m/s, as the CW model; at e = 0
 * the matrix is the CW matrix.
 *
 * Method [1]. With the target's true anomaly theta as independent variable, rho = 1 + e cos theta,
 * k^2 = sqrt(mu / p^3) (so dtheta/dt = k^2 rho^2) and the scaled coordinates q~ = rho q, the
 * Tschauner-Hempel equations become, in RIC and with ' = d/dtheta,
 *   x~'' = 3 x~ / rho + 2 y~',   y~'' = -2 x~',   z~'' = -z~,
 *   q~' = -e sin(theta) q + qd / (k^2 rho),   qd = k^2 (rho q~' + e sin(theta) q~).
 * The in-plane fundamental solutions are those of [1] (eq. 82, with s = rho sin theta,
 * c = rho cos theta, J = k^2 (t - t0)), rewritten from its LVLH axes (x along-track, z radial
 * in) to RIC:
 *   [x~, y~] = [0, 1],  [s, c (1 + 1/rho)],  [-c, s (1 + 1/rho)],  [3 e s J - 2, 3 rho^2 J].
 * Phi = T(theta)^-1 F(theta) F(theta0)^-1 T(theta0), F the fundamental matrix, T the scaling
 * above; F(theta0) is inverted numerically (4x4, cold path) instead of with the paper's closed-form
 * inverse. The cross-track motion is z~ = A cos theta + B sin theta, i.e. z = z~ / rho(theta) with
 * z~ carried by a plain rotation of (z~, z~'): a published JavaScript implementation multiplies
 * the physical cross-track state by rho(theta0) / rho(theta) once more, 6-22 % off at e = 0.1;
 * the tests check the cross-track motion against two-body truth.
 *
 * References:
 * [1] Yamanaka, K. and Ankersen, F., "New State Transition Matrix for Relative Motion on an
 *     Arbitrary Elliptical Orbit", J. Guidance, Control, and Dynamics 25(1), 2002, pp. 60-66.
 * [2] Tschauner, J. and Hempel, P., "Rendezvous zu einem in elliptischer Bahn umlaufenden Ziel",
 *     Astronautica Acta 11(2), 1965.
 * [3] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 2.3 (Kepler's
 *     equation).
 */

import type { DynamicsKind } from './model.ts';
import { RicStateModel } from './relative.ts';

/** The target's Keplerian orbit at the start of a relative arc. */
export interface EllipticTarget {
  /** Semi-major axis, m. */
  semiMajorAxisM: number;
  /** Eccentricity, 0 <= e < 1. */
  eccentricity: number;
  /** True anomaly at the start of the arc, rad. */
  trueAnomalyRad: number;
  /** Gravitational parameter, m^3/s^2. */
  muM3S2: number;
}

/**
 * True anomaly `dtS` after `target.trueAnomalyRad`, rad (Kepler's equation by Newton [3]); the
 * result is continuous in dtS (whole revolutions added), so differences give the swept angle.
 */
export function trueAnomalyAfterRad(target: EllipticTarget, dtS: number): number {
  const { semiMajorAxisM: a, eccentricity: e, trueAnomalyRad: nu0, muM3S2: mu } = target;
  const n = Math.sqrt(mu / (a * a * a));
  const twoPi = 2 * Math.PI;
  // work on the revolution holding nu0, E0 and nu0 on the same branch (-pi, pi)
  const k0 = Math.round(nu0 / twoPi);
  const E0 = 2 * Math.atan(Math.sqrt((1 - e) / (1 + e)) * Math.tan((nu0 - twoPi * k0) / 2));
  const M = E0 - e * Math.sin(E0) + n * dtS;
  let E = M + e * Math.sin(M);
  for (let i = 0; i < 60; i++) {
    const step = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= step;
    if (Math.abs(step) < 1e-15) break;
  }
  const kE = Math.round(E / twoPi);
  const nu = 2 * Math.atan(Math.sqrt((1 + e) / (1 - e)) * Math.tan((E - twoPi * kE) / 2));
  return nu + twoPi * (kE + k0);
}

/** In-plane fundamental matrix F (4x4 row-major, state [x~, y~, x~', y~']) at theta, J. */
function fundamental(e: number, theta: number, J: number, out: Float64Array): void {
  const st = Math.sin(theta);
  const ct = Math.cos(theta);
  const rho = 1 + e * ct;
  const s = rho * st;
  const c = rho * ct;
  const sp = ct + e * Math.cos(2 * theta);
  const cp = -(st + e * Math.sin(2 * theta));
  const k = 1 + 1 / rho;
  // columns: along-track shift, two periodic solutions, the drifting one
  out[0] = 0;
  out[1] = s;
  out[2] = -c;
  out[3] = 3 * e * s * J - 2;
  out[4] = 1;
  out[5] = c * k;
  out[6] = s * k;
  out[7] = 3 * rho * rho * J;
  out[8] = 0;
  out[9] = sp;
  out[10] = -cp;
  out[11] = 3 * e * (sp * J + s / (rho * rho));
  out[12] = 0;
  out[13] = -2 * s;
  out[14] = 2 * c - e;
  out[15] = 3 * (1 - 2 * e * s * J);
}

/** Scratch of `yaStm` (module-level: it allocates nothing per call, and JS runs it on one thread). */
const augmented = new Float64Array(32);
const f0 = new Float64Array(16);
const f = new Float64Array(16);
const g = new Float64Array(16);

/** Inverts a 4x4 row-major matrix in place (Gauss-Jordan with partial pivoting). */
function invert4(m: Float64Array): void {
  const a = augmented;
  a.fill(0);
  for (let r = 0; r < 4; r++) {
    for (let col = 0; col < 4; col++) a[8 * r + col] = m[4 * r + col]!;
    a[8 * r + 4 + r] = 1;
  }
  for (let col = 0; col < 4; col++) {
    let p = col;
    for (let r = col + 1; r < 4; r++)
      if (Math.abs(a[8 * r + col]!) > Math.abs(a[8 * p + col]!)) p = r;
    for (let j = 0; j < 8; j++) {
      const t = a[8 * col + j]!;
      a[8 * col + j] = a[8 * p + j]!;
      a[8 * p + j] = t;
    }
    const d = a[8 * col + col]!;
    for (let j = 0; j < 8; j++) a[8 * col + j] = a[8 * col + j]! / d;
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const f = a[8 * r + col]!;
      for (let j = 0; j < 8; j++) a[8 * r + j] = a[8 * r + j]! - f * a[8 * col + j]!;
    }
  }
  for (let r = 0; r < 4; r++)
    for (let col = 0; col < 4; col++) m[4 * r + col] = a[8 * r + 4 + col]!;
}

/**
 * Yamanaka-Ankersen state transition matrix over `dtS` from the target's state `target` [1].
 * @param target target orbit at the start of the arc
 * @param dtS elapsed time, s
 * @param out receives Phi (6x6 row-major) with state(t) = Phi state(0), RIC, SI units
 * @returns out
 */
export function yaStm(target: EllipticTarget, dtS: number, out: Float64Array): Float64Array {
  const { semiMajorAxisM: a, eccentricity: e, trueAnomalyRad: th0, muM3S2: mu } = target;
  const p = a * (1 - e * e);
  const k2 = Math.sqrt(mu / (p * p * p));
  const th = trueAnomalyAfterRad(target, dtS);
  const rho0 = 1 + e * Math.cos(th0);
  const rho = 1 + e * Math.cos(th);
  const es0 = e * Math.sin(th0);
  const es = e * Math.sin(th);
  // in-plane: G = F(theta) F(theta0)^-1 on [x~, y~, x~', y~']
  fundamental(e, th0, 0, f0);
  invert4(f0);
  fundamental(e, th, k2 * dtS, f);
  for (let r = 0; r < 4; r++)
    for (let col = 0; col < 4; col++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += f[4 * r + k]! * f0[4 * k + col]!;
      g[4 * r + col] = sum;
    }
  // T(theta0): physical (q, qd) -> scaled (q~, q~'): q~ = rho0 q, q~' = -es0 q + qd / (k2 rho0)
  // T(theta)^-1: q = q~ / rho, qd = k2 (rho q~' + es q~)
  out.fill(0);
  // in-plane rows/cols: position index i in {0, 1} (x, y), velocity index 3 + i
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      // scaled outputs for a unit physical position j and a unit physical velocity j
      const qPos = g[4 * i + j]! * rho0 + g[4 * i + 2 + j]! * -es0;
      const qdPos = g[4 * (2 + i) + j]! * rho0 + g[4 * (2 + i) + 2 + j]! * -es0;
      const qVel = g[4 * i + 2 + j]! / (k2 * rho0);
      const qdVel = g[4 * (2 + i) + 2 + j]! / (k2 * rho0);
      out[6 * i + j] = qPos / rho;
      out[6 * i + 3 + j] = qVel / rho;
      out[6 * (3 + i) + j] = k2 * (rho * qdPos + es * qPos);
      out[6 * (3 + i) + 3 + j] = k2 * (rho * qdVel + es * qVel);
    }
  }
  // cross-track: (z~, z~') rotate by the swept true anomaly
  const cd = Math.cos(th - th0);
  const sd = Math.sin(th - th0);
  const zPos = cd * rho0 - sd * es0;
  const zdPos = -sd * rho0 - cd * es0;
  const zVel = sd / (k2 * rho0);
  const zdVel = cd / (k2 * rho0);
  out[14] = zPos / rho;
  out[17] = zVel / rho;
  out[32] = k2 * (rho * zdPos + es * zPos);
  out[35] = k2 * (rho * zdVel + es * zVel);
  return out;
}

/**
 * Propagates a RIC relative state with the Yamanaka-Ankersen matrix.
 * @param target target orbit at the start
 * @param state0 [x, y, z, xd, yd, zd] at the start, RIC, m and m/s
 * @param dtS elapsed time, s
 * @param out receives the state at dtS, RIC
 */
export function yaPropagate(
  target: EllipticTarget,
  state0: ArrayLike<number>,
  dtS: number,
  out: Float64Array,
): Float64Array {
  const phi = yaStm(target, dtS, new Float64Array(36));
  for (let r = 0; r < 6; r++) {
    let sum = 0;
    for (let col = 0; col < 6; col++) sum += phi[6 * r + col]! * state0[col]!;
    out[r] = sum;
  }
  return out;
}

/**
 * The Yamanaka-Ankersen model as a dynamics model (`"dynamics": "ya"`): the RIC state itself,
 * carried over each coasting step by the closed-form matrix from the target's true anomaly at the
 * step's start (no integration error, whatever the step: the matrices compose exactly). Under
 * thrust it integrates the same linearised equations (Tschauner-Hempel in time, the equations the
 * matrix solves [1, 2]) with RK4:
 *   xdd = 2 w yd + wd y + w^2 x + 2 mu/r^3 x,  ydd = -2 w xd - wd x + w^2 y - mu/r^3 y,
 *   zdd = -mu/r^3 z,  w = h / r^2 (the target's true-anomaly rate), wd = -2 rdot w / r.
 */
export class YaDynamics extends RicStateModel {
  readonly kind: DynamicsKind = 'ya';
  private readonly arc: EllipticTarget;
  private readonly phi = new Float64Array(36);

  /** @param target the target's orbit at sim time 0 (true anomaly at the epoch) */
  constructor(readonly target: Readonly<EllipticTarget>) {
    super();
    this.arc = { ...target };
  }

  /**
   * The target's orbit with its true anomaly at `tS` (a new object: for targeting, cold path).
   * @param tS sim time, s since the epoch
   */
  targetAt(tS: number): EllipticTarget {
    return { ...this.target, trueAnomalyRad: trueAnomalyAfterRad(this.target, tS) };
  }

  override rk4Step(tS: number, y: Float64Array, hS: number): void {
    if (this.thrust.active) {
      super.rk4Step(tS, y, hS);
      return;
    }
    this.arc.trueAnomalyRad = trueAnomalyAfterRad(this.target, tS);
    const p = yaStm(this.arc, hS, this.phi);
    const x = y[0]!;
    const yy = y[1]!;
    const z = y[2]!;
    const xd = y[3]!;
    const yd = y[4]!;
    const zd = y[5]!;
    for (let r = 0; r < 6; r++) {
      const o = 6 * r;
      y[r] =
        p[o]! * x +
        p[o + 1]! * yy +
        p[o + 2]! * z +
        p[o + 3]! * xd +
        p[o + 4]! * yd +
        p[o + 5]! * zd;
    }
  }

  protected rk4Single(tS: number, y: Float64Array, hS: number): void {
    this.rk4.step(this, tS, y, hS);
  }

  derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    const { semiMajorAxisM: a, eccentricity: e, muM3S2: mu } = this.target;
    const nu = trueAnomalyAfterRad(this.target, tS);
    const p = a * (1 - e * e);
    const r = p / (1 + e * Math.cos(nu));
    const w = Math.sqrt(mu * p) / (r * r);
    const rDot = Math.sqrt(mu / p) * e * Math.sin(nu);
    const wd = (-2 * rDot * w) / r;
    const k = mu / (r * r * r);
    const x = y[0]!;
    const yy = y[1]!;
    dy[0] = y[3]!;
    dy[1] = y[4]!;
    dy[2] = y[5]!;
    dy[3] = 2 * w * y[4]! + wd * yy + w * w * x + 2 * k * x;
    dy[4] = -2 * w * y[3]! - wd * x + w * w * yy - k * yy;
    dy[5] = -k * y[2]!;
    this.addThrust(tS, dy);
  }

  energyGapM2S2(): number {
    return Number.NaN;
  }
}

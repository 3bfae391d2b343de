/**
 * Perturbed two-body motion of target and spacecraft: the Earth's J2, the Sun and the Moon as
 * third bodies, and solar radiation pressure (cannonball, conical Earth shadow), each selectable.
 *
 * State (12 numbers, ECI, m and m/s), as the two-body model: [rT, vT, dr, dv] with dr = rS - rT,
 * dv = vS - vT. The central gravity of the offset is evaluated in Encke form by the two-body model
 * (`TwoBodyDynamics`, whose RIC mapping, impulses and thrust this model inherits); each
 * perturbation adds a(rT) to the target and a(rS) - a(rT) to the offset, the third bodies in a
 * cancellation-free form (`addThirdBody`), so metre-level differences survive at 42,000 km.
 *
 * Frame. "ECI" is the frame of src/core/lighting.ts: the Earth's true equator and equinox of date,
 * frozen at the scenario epoch (astronomy-engine's EQD at `epochMs` [1]). Its z axis is the
 * Earth's rotation axis at the epoch (J2 needs it; precession moves it ~1e-6 rad in a few days).
 * The Sun and Moon come from astronomy-engine in J2000 (EQJ) and are rotated into it once per node.
 *
 * Forces (constants below, each with its source):
 * - J2 [2]: a = -(3/2) J2 mu Re^2 / r^5 [x (1 - 5 z^2/r^2), y (1 - 5 z^2/r^2), z (3 - 5 z^2/r^2)].
 * - Third body b [2, 3]: a = GM_b ((rb - r)/|rb - r|^3 - rb/|rb|^3), geometric (instantaneous)
 *   geocentric positions: the Sun as -HelioVector(Earth), the Moon as GeoMoon [1].
 * - Solar radiation pressure [3, sec. 3.4]: a = -nu P0 (AU/d)^2 Cr (A/m) u, u the unit vector
 *   from the object to the Sun, d its distance, P0 = 4.56e-6 N/m^2 at 1 AU, nu the lit fraction
 *   (1 - `shadowFraction`, the conical umbra/penumbra of the lighting). The Sun is the apparent one
 *   (light time and aberration), as the lighting uses, so SRP switches off at the reported
 *   eclipse times. Mass is constant (a thrust arc's mass loss does not change the SRP).
 *
 * Sun and Moon are never computed inside the integrator: `PerturbationEphemeris` samples
 * astronomy-engine every `stepS` (1800 s) over the run and interpolates with 4-point Lagrange
 * cubics. The interpolation error is ~h^4 |d^4 r/dt^4| / 43 at mid-interval: ~5 mm for the Moon
 * (r w^4 ~ 2e-14 m/s^4) and far less for the Sun, i.e. ~1e-11 of the distance, which moves a GEO
 * orbit by micrometres over days (test/dynamics/perturbed.test.ts measures it).
 *
 * References:
 * [1] D. Cross, Astronomy Engine v2: GeoMoon, HelioVector, GeoVector, Rotation_EQJ_EQD.
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 8.6 (J2, eq. 8-30;
 *     third body, eq. 8-34) and App. D (JGM-3 J2).
 * [3] Montenbruck & Gill, Satellite Orbits, Springer 2000, sec. 3.3 (third bodies, eq. 3.37),
 *     sec. 3.4 (solar radiation pressure, P = 4.56e-6 N/m^2, eq. 3.75; shadow, eqs. 3.85-3.87).
 * [4] IERS Conventions (2010), TN 36, table 1.1 (GM of the Sun, Moon/Earth mass ratio).
 */

import {
  AstroTime,
  Body,
  GeoMoon,
  HelioVector,
  GeoVector,
  Rotation_EQJ_EQD,
} from 'astronomy-engine';
import { AU_M, EARTH_RADIUS_M } from '../core/constants.ts';
import { shadowFraction } from '../core/lighting.ts';
import { TwoBodyDynamics } from './twobody.ts';
import type { DynamicsKind } from './model.ts';

/** Earth's second zonal harmonic J2, dimensionless (JGM-3 / EGM-96, Vallado App. D [2]). */
export const J2_EARTH = 1.08262668e-3;

/** Reference radius of the J2 term, m (WGS-84 equatorial radius; JGM-3 uses 6378136.3 m). */
export const J2_RADIUS_M = EARTH_RADIUS_M;

/** Gravitational parameter of the Sun, m^3/s^2 (TDB-compatible, IERS TN 36 table 1.1 [4]). */
export const GM_SUN_M3_S2 = 1.32712440041e20;

/**
 * Gravitational parameter of the Moon, m^3/s^2: Moon/Earth mass ratio 0.0123000371 [4] times
 * GM_Earth 3.986004418e14.
 */
export const GM_MOON_M3_S2 = 4.902800066e12;

/** Solar radiation pressure on an absorbing surface at 1 AU, N/m^2 (Montenbruck & Gill [3]). */
export const SOLAR_PRESSURE_1AU_N_M2 = 4.56e-6;

/** Node spacing of the Sun and Moon tables, s (interpolation error ~5 mm for the Moon). */
export const EPHEMERIS_STEP_S = 1800;

/** Which perturbations act (two-body gravity always does). */
export interface PerturbationForces {
  j2: boolean;
  sun: boolean;
  moon: boolean;
  srp: boolean;
}

/** Cannonball solar-pressure properties of one object. */
export interface SrpProperties {
  /** Cross-section facing the Sun, m^2. */
  areaM2: number;
  /** Mass, kg. */
  massKg: number;
  /** Reflectivity coefficient Cr (1 absorbing, 2 mirror), dimensionless. */
  reflectivity: number;
}

/** J2000.0 (2000-01-01T12:00:00 UTC) in Unix ms, astronomy-engine's day zero (UT). */
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);

/**
 * Geocentric Sun (geometric and apparent) and Moon positions in ECI (EQD frozen at the epoch),
 * sampled from astronomy-engine on a uniform grid and interpolated with 4-point Lagrange cubics,
 * allocation-free. One table serves every model of a run.
 */
export class PerturbationEphemeris {
  /** First sim time covered, s since epoch. */
  readonly startS: number;
  /** Last sim time covered, s since epoch. */
  readonly endS: number;
  private readonly t0S: number;
  private readonly nodes: number;
  /** Per node: sun geometric (3), sun apparent (3), moon (3), m. */
  private readonly table: Float64Array;

  /**
   * Samples astronomy-engine at every node (cold path: 3 calls per node).
   * @param epochMs scenario epoch, Unix ms UTC (fixes the ECI frame and sim time zero)
   * @param startS first sim time to cover, s since epoch
   * @param endS last sim time to cover, s since epoch (include any coast planned past the run)
   * @param stepS node spacing, s
   */
  constructor(
    readonly epochMs: number,
    startS: number,
    endS: number,
    readonly stepS: number = EPHEMERIS_STEP_S,
  ) {
    if (!(endS >= startS) || !(stepS > 0)) {
      throw new RangeError('PerturbationEphemeris: need endS >= startS and stepS > 0');
    }
    this.startS = startS;
    this.endS = endS;
    // one node of margin before, two after: the 4-point stencil of every interval in range
    this.t0S = startS - stepS;
    this.nodes = Math.ceil((endS - startS) / stepS) + 4;
    this.table = new Float64Array(9 * this.nodes);
    const day = (tS: number) => (epochMs - J2000_UNIX_MS + tS * 1000) / 86_400_000;
    const rot = Rotation_EQJ_EQD(new AstroTime(day(0))).rot;
    const put = (k: number, x: number, y: number, z: number) => {
      // astronomy-engine's rot[column][row] convention, as in its RotateVector
      this.table[k] = (rot[0]![0]! * x + rot[1]![0]! * y + rot[2]![0]! * z) * AU_M;
      this.table[k + 1] = (rot[0]![1]! * x + rot[1]![1]! * y + rot[2]![1]! * z) * AU_M;
      this.table[k + 2] = (rot[0]![2]! * x + rot[1]![2]! * y + rot[2]![2]! * z) * AU_M;
    };
    for (let i = 0; i < this.nodes; i++) {
      const t = new AstroTime(day(this.t0S + i * stepS));
      const earth = HelioVector(Body.Earth, t);
      put(9 * i, -earth.x, -earth.y, -earth.z);
      const app = GeoVector(Body.Sun, t, true);
      put(9 * i + 3, app.x, app.y, app.z);
      const moon = GeoMoon(t);
      put(9 * i + 6, moon.x, moon.y, moon.z);
    }
  }

  /**
   * Interpolated positions at `tS` into `out`: [sun geometric (3), sun apparent (3), moon (3)],
   * m, ECI. Throws outside [startS, endS] rather than extrapolate.
   * @param tS sim time, s since epoch
   * @param out receives 9 numbers
   */
  at(tS: number, out: Float64Array): void {
    if (!(tS >= this.startS - 1e-6 && tS <= this.endS + 1e-6)) {
      throw new RangeError(
        `PerturbationEphemeris: tS=${tS} outside [${this.startS}, ${this.endS}]`,
      );
    }
    const x = (tS - this.t0S) / this.stepS;
    // stencil i-1, i, i+1, i+2 around the interval [i, i+1] holding x
    const i = Math.min(Math.max(Math.floor(x), 1), this.nodes - 3);
    const u = x - i;
    const um1 = u + 1;
    const u1 = u - 1;
    const u2 = u - 2;
    const w0 = -(u * u1 * u2) / 6;
    const w1 = (um1 * u1 * u2) / 2;
    const w2 = -(um1 * u * u2) / 2;
    const w3 = (um1 * u * u1) / 6;
    const t = this.table;
    const b = 9 * (i - 1);
    for (let k = 0; k < 9; k++) {
      out[k] = w0 * t[b + k]! + w1 * t[b + 9 + k]! + w2 * t[b + 18 + k]! + w3 * t[b + 27 + k]!;
    }
  }
}

/**
 * Adds a third body's acceleration on the target to out[3..5] and the difference of its
 * accelerations on spacecraft and target to out[9..11], both without cancellation (Encke's
 * difference [Battin, sec. 9.4]): for an object at d from a point P, with u the body seen from P
 * and w = u - d the body seen from the object, gm (w/|w|^3 - u/|u|^3) is evaluated through
 * |w|^2 - |u|^2 = |d|^2 - 2 u.d and 1/w^3 - 1/u^3 = (u - w)(u^2 + u w + w^2) / (u^3 w^3),
 * u - w = -(|w|^2 - |u|^2) / (u + w). P is the Earth for the target (d = rT), the target for the
 * offset (d = dr); the body seen from the target, |b - rT|, serves both.
 * @param gm the body's gravitational parameter, m^3/s^2
 * @param bx the body's geocentric position, m (ECI), with bu2 = |b|^2 and bu = |b|
 */
function addThirdBody(
  gm: number,
  bx: number,
  by: number,
  bz: number,
  bu2: number,
  bu: number,
  tx: number,
  ty: number,
  tz: number,
  dx: number,
  dy: number,
  dz: number,
  out: Float64Array,
): void {
  // the target: u = b, d = rT, w = b - rT
  const q = tx * tx + ty * ty + tz * tz - 2 * (bx * tx + by * ty + bz * tz);
  const w2 = bu2 + q;
  const w = Math.sqrt(w2);
  const w3 = w2 * w;
  const diff = ((-q / (bu + w)) * (bu2 + bu * w + w2)) / (bu2 * bu * w3);
  out[3] = out[3]! + gm * (bx * diff - tx / w3);
  out[4] = out[4]! + gm * (by * diff - ty / w3);
  out[5] = out[5]! + gm * (bz * diff - tz / w3);
  // the offset: u = b - rT (|u| = w), d = dr
  const ux = bx - tx;
  const uy = by - ty;
  const uz = bz - tz;
  const q2 = dx * dx + dy * dy + dz * dz - 2 * (ux * dx + uy * dy + uz * dz);
  const v2 = w2 + q2;
  const v = Math.sqrt(v2);
  const v3 = v2 * v;
  const diff2 = ((-q2 / (w + v)) * (w2 + w * v + v2)) / (w3 * v3);
  out[9] = out[9]! + gm * (ux * diff2 - dx / v3);
  out[10] = out[10]! + gm * (uy * diff2 - dy / v3);
  out[11] = out[11]! + gm * (uz * diff2 - dz / v3);
}

/** Options of a perturbed model. */
export interface PerturbedOptions {
  /** Earth's gravitational parameter, m^3/s^2. */
  muM3S2: number;
  /** Perturbations switched on. */
  forces: PerturbationForces;
  /** Sun and Moon over the run (shared by every spacecraft's model). */
  ephemeris: PerturbationEphemeris;
  /** The target's SRP properties (needed when `forces.srp`). */
  target?: SrpProperties;
  /** This spacecraft's SRP properties (needed when `forces.srp`). */
  spacecraft?: SrpProperties;
}

/**
 * Perturbed target and spacecraft in ECI (12-number state, as `TwoBodyDynamics`, whose RIC
 * mapping, impulses and thrust it keeps). `energyGapM2S2` stays the Keplerian energy difference:
 * the perturbations have no single potential to add (only J2 does).
 */
export class PerturbedDynamics extends TwoBodyDynamics {
  override readonly kind: DynamicsKind = 'perturbed';
  readonly forces: PerturbationForces;
  readonly ephemeris: PerturbationEphemeris;
  /** P0 AU^2 Cr A / m of target and spacecraft, m^3/s^2 (SRP acceleration times d^2). */
  private readonly srpT: number;
  private readonly srpS: number;
  private readonly eph = new Float64Array(9);
  /** Time of the positions held in `eph`, s since epoch. */
  private ephTS = Number.NaN;
  private readonly sat = new Float64Array(3);
  private readonly sunDir = new Float64Array(3);
  /** At `ephTS`: |sun|^2, |sun|, |moon|^2, |moon| (geometric) and the apparent Sun's distance, m. */
  private readonly norms = new Float64Array(5);

  /** @param options forces, ephemeris and SRP properties */
  constructor(options: PerturbedOptions) {
    super(options.muM3S2);
    this.forces = { ...options.forces };
    this.ephemeris = options.ephemeris;
    const k = (p: SrpProperties | undefined, who: string) => {
      if (!options.forces.srp) return 0;
      if (p === undefined || !(p.massKg > 0) || !(p.areaM2 >= 0) || !(p.reflectivity >= 0)) {
        throw new RangeError(`PerturbedDynamics: SRP needs ${who} areaM2, massKg, reflectivity`);
      }
      return (SOLAR_PRESSURE_1AU_N_M2 * AU_M * AU_M * p.reflectivity * p.areaM2) / p.massKg;
    };
    this.srpT = k(options.target, 'target');
    this.srpS = k(options.spacecraft, 'spacecraft');
  }

  override derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    super.derivatives(tS, y, dy);
    const f = this.forces;
    const tx = y[0]!;
    const ty = y[1]!;
    const tz = y[2]!;
    const dx = y[6]!;
    const dyy = y[7]!;
    const dz = y[8]!;
    if (f.j2) {
      const mu = this.muM3S2;
      const sx = tx + dx;
      const sy = ty + dyy;
      const sz = tz + dz;
      // factor (3/2) J2 mu Re^2 / r^5 and g = 5 z^2 / r^2 for target and spacecraft
      const c = 1.5 * J2_EARTH * mu * J2_RADIUS_M * J2_RADIUS_M;
      const rT2 = tx * tx + ty * ty + tz * tz;
      const fT = c / (rT2 * rT2 * Math.sqrt(rT2));
      const gT = (5 * tz * tz) / rT2;
      const rS2 = sx * sx + sy * sy + sz * sz;
      const fS = c / (rS2 * rS2 * Math.sqrt(rS2));
      const gS = (5 * sz * sz) / rS2;
      const aTx = fT * (gT - 1) * tx;
      const aTy = fT * (gT - 1) * ty;
      const aTz = fT * (gT - 3) * tz;
      dy[3] = dy[3]! + aTx;
      dy[4] = dy[4]! + aTy;
      dy[5] = dy[5]! + aTz;
      dy[9] = dy[9]! + fS * (gS - 1) * sx - aTx;
      dy[10] = dy[10]! + fS * (gS - 1) * sy - aTy;
      dy[11] = dy[11]! + fS * (gS - 3) * sz - aTz;
    }
    if (!f.sun && !f.moon && !f.srp) return;
    const e = this.eph;
    const n = this.norms;
    const dir = this.sunDir;
    // RK4's two midpoint stages share their time: interpolate once for both, with the distances
    if (tS !== this.ephTS) {
      this.ephemeris.at(tS, e);
      this.ephTS = tS;
      n[0] = e[0]! * e[0]! + e[1]! * e[1]! + e[2]! * e[2]!;
      n[1] = Math.sqrt(n[0]);
      n[2] = e[6]! * e[6]! + e[7]! * e[7]! + e[8]! * e[8]!;
      n[3] = Math.sqrt(n[2]);
      const dSun = Math.sqrt(e[3]! * e[3]! + e[4]! * e[4]! + e[5]! * e[5]!);
      n[4] = dSun;
      dir[0] = e[3]! / dSun;
      dir[1] = e[4]! / dSun;
      dir[2] = e[5]! / dSun;
    }
    if (f.sun)
      addThirdBody(GM_SUN_M3_S2, e[0]!, e[1]!, e[2]!, n[0]!, n[1]!, tx, ty, tz, dx, dyy, dz, dy);
    if (f.moon)
      addThirdBody(GM_MOON_M3_S2, e[6]!, e[7]!, e[8]!, n[2]!, n[3]!, tx, ty, tz, dx, dyy, dz, dy);
    if (f.srp) {
      const sunX = e[3]!;
      const sunY = e[4]!;
      const sunZ = e[5]!;
      const dSun = n[4]!;
      const kT = this.srpT * litFraction(tx, ty, tz, dir, dSun, this.sat);
      const kS = this.srpS * litFraction(tx + dx, ty + dyy, tz + dz, dir, dSun, this.sat);
      // a = -k u / d^2 with u the unit vector to the Sun: -k (sun - r) / d^3
      const pTx = sunX - tx;
      const pTy = sunY - ty;
      const pTz = sunZ - tz;
      const dT2 = pTx * pTx + pTy * pTy + pTz * pTz;
      const cT = kT / (dT2 * Math.sqrt(dT2));
      const pSx = pTx - dx;
      const pSy = pTy - dyy;
      const pSz = pTz - dz;
      const dS2 = pSx * pSx + pSy * pSy + pSz * pSz;
      const cS = kS / (dS2 * Math.sqrt(dS2));
      dy[3] = dy[3]! - cT * pTx;
      dy[4] = dy[4]! - cT * pTy;
      dy[5] = dy[5]! - cT * pTz;
      dy[9] = dy[9]! - cS * pSx + cT * pTx;
      dy[10] = dy[10]! - cS * pSy + cT * pTy;
      dy[11] = dy[11]! - cS * pSz + cT * pTz;
    }
  }
}

/**
 * Lit fraction (1 - `shadowFraction`, the lighting's conical umbra and penumbra) of a point, with
 * a cheap exclusion first: the penumbra is a cone behind the Earth whose radius at depth `behind`
 * is Re + behind tan f, tan f = (R_sun + Re) / d_sun ~ 0.00469; a point farther from the shadow
 * axis than Re + 0.005 behind + 1 km (6 % and 1 km of margin, more than the change of the Sun's
 * distance and the parallax) is fully lit, as is the whole day side.
 * @param x ECI position, m
 * @param y ECI position, m
 * @param z ECI position, m
 * @param sunDir unit vector Earth->Sun, ECI
 * @param sunDistanceM Earth-Sun distance, m
 * @param scratch 3 numbers of scratch space
 * @returns lit fraction in [0, 1]
 */
export function litFraction(
  x: number,
  y: number,
  z: number,
  sunDir: Float64Array,
  sunDistanceM: number,
  scratch: Float64Array,
): number {
  const behind = -(x * sunDir[0]! + y * sunDir[1]! + z * sunDir[2]!);
  if (behind <= 0) return 1;
  const bound = EARTH_RADIUS_M + 0.005 * behind + 1000;
  if (x * x + y * y + z * z - behind * behind > bound * bound) return 1;
  scratch[0] = x;
  scratch[1] = y;
  scratch[2] = z;
  return 1 - shadowFraction(scratch, sunDir, sunDistanceM);
}

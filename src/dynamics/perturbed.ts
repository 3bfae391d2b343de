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

/**
 * Longest RK4 step, s, on which the Sun, Moon and solar pressure are evaluated at the step's two
 * ends instead of at its four stages (see `PerturbedDynamics.rk4Single`).
 */
export const PAIRED_PERTURBATION_MAX_STEP_S = 2;

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

/** The Earth's radius, m, as a module-local number for the hot path (the shadow bound). */
const EARTH_R_M = EARTH_RADIUS_M;

/** J2000.0 (2000-01-01T12:00:00 UTC) in Unix ms, astronomy-engine's day zero (UT). */
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);

/** Nodes of the Sun and Moon table computed together when a time needs new ones (12 h at 1800 s). */
const EPHEMERIS_CHUNK_NODES = 24;

/**
 * Geocentric Sun (geometric and apparent) and Moon positions in ECI (EQD frozen at the epoch),
 * sampled from astronomy-engine on a uniform grid and interpolated with 4-point Lagrange cubics,
 * allocation-free. One table serves every model of a run. The nodes are computed when first
 * needed, `EPHEMERIS_CHUNK_NODES` at a time (astronomy-engine's Moon is the costly part): a run
 * pays only for the span it flies, not for the margin the table covers; a node's value does not
 * depend on when it is computed.
 */
export class PerturbationEphemeris {
  /** First sim time covered, s since epoch. */
  readonly startS: number;
  /** Last sim time covered, s since epoch. */
  readonly endS: number;
  private readonly t0S: number;
  /** 1 / stepS, 1/s. */
  private readonly stepInv: number;
  private readonly nodes: number;
  /** Per node: sun geometric (3), sun apparent (3), moon (3), m. */
  private readonly table: Float64Array;
  /** Nodes [filledFrom, filledTo) of `table` are computed. */
  private filledFrom = 0;
  private filledTo = 0;
  /**
   * The cubic of interval `cubicI` (see `setCubic`): per number k of a node, its coefficients of
   * u^0 .. u^3 at cubic[4k..4k+3], m.
   */
  private readonly cubic = new Float64Array(36);
  private cubicI = -1;
  /** EQJ -> EQD rotation at the epoch, astronomy-engine's rot[column][row]. */
  private readonly rot: number[][];

  /**
   * Prepares the table (cold path; the nodes are computed on first use, 3 astronomy-engine
   * calls each).
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
    this.stepInv = 1 / stepS;
    this.nodes = Math.ceil((endS - startS) / stepS) + 4;
    this.table = new Float64Array(9 * this.nodes);
    this.rot = Rotation_EQJ_EQD(new AstroTime(this.dayOf(0))).rot;
  }

  /** astronomy-engine's day number (UT days since J2000) of a sim time. */
  private dayOf(tS: number): number {
    return (this.epochMs - J2000_UNIX_MS + tS * 1000) / 86_400_000;
  }

  /** Computes the nodes [from, to) not yet computed, with a chunk of margin (cold path). */
  private fill(from: number, to: number): void {
    let lo = Math.max(0, from - EPHEMERIS_CHUNK_NODES);
    let hi = Math.min(this.nodes, to + EPHEMERIS_CHUNK_NODES);
    if (this.filledTo > this.filledFrom) {
      // keep the computed range contiguous
      lo = Math.min(lo, this.filledFrom);
      hi = Math.max(hi, this.filledTo);
    }
    for (let i = lo; i < hi; i++) {
      if (i >= this.filledFrom && i < this.filledTo) continue;
      const t = new AstroTime(this.dayOf(this.t0S + i * this.stepS));
      const earth = HelioVector(Body.Earth, t);
      this.put(9 * i, -earth.x, -earth.y, -earth.z);
      const app = GeoVector(Body.Sun, t, true);
      this.put(9 * i + 3, app.x, app.y, app.z);
      const moon = GeoMoon(t);
      this.put(9 * i + 6, moon.x, moon.y, moon.z);
    }
    this.filledFrom = lo;
    this.filledTo = hi;
  }

  /** Writes an EQJ vector (AU) rotated into ECI, m, at table[k..k+2]. */
  private put(k: number, x: number, y: number, z: number): void {
    const rot = this.rot;
    // astronomy-engine's rot[column][row] convention, as in its RotateVector
    this.table[k] = (rot[0]![0]! * x + rot[1]![0]! * y + rot[2]![0]! * z) * AU_M;
    this.table[k + 1] = (rot[0]![1]! * x + rot[1]![1]! * y + rot[2]![1]! * z) * AU_M;
    this.table[k + 2] = (rot[0]![2]! * x + rot[1]![2]! * y + rot[2]![2]! * z) * AU_M;
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
    const x = (tS - this.t0S) * this.stepInv;
    // the interval [i, i+1] holding x (its cubic through the nodes i-1, i, i+1, i+2)
    const i = Math.min(Math.max(Math.floor(x), 1), this.nodes - 3);
    if (i !== this.cubicI) this.setCubic(i);
    const u = x - i;
    const c = this.cubic;
    // unrolled: a quarter faster than a loop over the nine numbers
    out[0] = c[0]! + u * (c[1]! + u * (c[2]! + u * c[3]!));
    out[1] = c[4]! + u * (c[5]! + u * (c[6]! + u * c[7]!));
    out[2] = c[8]! + u * (c[9]! + u * (c[10]! + u * c[11]!));
    out[3] = c[12]! + u * (c[13]! + u * (c[14]! + u * c[15]!));
    out[4] = c[16]! + u * (c[17]! + u * (c[18]! + u * c[19]!));
    out[5] = c[20]! + u * (c[21]! + u * (c[22]! + u * c[23]!));
    out[6] = c[24]! + u * (c[25]! + u * (c[26]! + u * c[27]!));
    out[7] = c[28]! + u * (c[29]! + u * (c[30]! + u * c[31]!));
    out[8] = c[32]! + u * (c[33]! + u * (c[34]! + u * c[35]!));
  }

  /**
   * The 4-point Lagrange cubic of interval i (nodes i-1 .. i+2 at u = -1 .. 2) in powers of u,
   * into `cubic` (once per interval the run enters: every 1800 steps at 1 s).
   */
  private setCubic(i: number): void {
    if (i - 1 < this.filledFrom || i + 3 > this.filledTo) this.fill(i - 1, i + 3);
    const t = this.table;
    const c = this.cubic;
    const b = 9 * (i - 1);
    for (let k = 0; k < 9; k++) {
      const fm = t[b + k]!;
      const f0 = t[b + 9 + k]!;
      const f1 = t[b + 18 + k]!;
      const f2 = t[b + 27 + k]!;
      c[4 * k] = f0;
      c[4 * k + 1] = f1 - 0.5 * f0 - fm / 3 - f2 / 6;
      c[4 * k + 2] = 0.5 * (fm + f1) - f0;
      c[4 * k + 3] = (f2 - fm) / 6 + 0.5 * (f0 - f1);
    }
    this.cubicI = i;
  }
}

/**
 * Largest |delta| for which `inverseCubeSeries` replaces a square root and a division: its
 * remainder is below 2.8 delta^5, 1.9e-12 of the leading term 1.5 delta here (the Moon seen from
 * spacecraft 190 km apart, the Sun from 75,000 km apart; farther, the exact form is used).
 */
const INVERSE_CUBE_SERIES_MAX = 1e-3;

/**
 * Largest |delta| = |rS^2 / rT^2 - 1| for which the central gravity of the offset uses
 * `inverseCubeSeries` (a radial offset up to ~2 km, an in-track one up to ~400 km at GEO): the
 * remainder, 1.9 delta^4 = 2e-16 of the term, is below the rounding of the exact form.
 */
const CENTRAL_SERIES_MAX = 1e-4;

/**
 * (1 + delta)^(-3/2) - 1 by its binomial series to delta^4 (coefficients -3/2, 15/8, -35/16,
 * 315/128; the next, -693/256, bounds the remainder), without cancellation for small delta.
 * @param delta relative change of a squared distance, |delta| <= INVERSE_CUBE_SERIES_MAX
 */
export function inverseCubeSeries(delta: number): number {
  return delta * (-1.5 + delta * (1.875 + delta * (-2.1875 + delta * 2.4609375)));
}

/**
 * 1 / (1 + delta) by its series to delta^4, a multiplication instead of a division: the
 * remainder, delta^5, is 1e-15 at |delta| = INVERSE_CUBE_SERIES_MAX (1e-20 at CENTRAL_SERIES_MAX).
 * @param delta relative change of a squared distance, |delta| <= INVERSE_CUBE_SERIES_MAX
 */
function inverseSquareFactor(delta: number): number {
  return 1 - delta * (1 - delta * (1 - delta * (1 - delta)));
}

/**
 * Adds a third body's acceleration on the target to out[3..5] and the difference of its
 * accelerations on spacecraft and target to out[9..11], both without cancellation (Encke's
 * difference [Battin, sec. 9.4]): for an object at d from a point P, with u the body seen from P
 * and w = u - d the body seen from the object, gm (w/|w|^3 - u/|u|^3) is evaluated through
 * |w|^2 - |u|^2 = |d|^2 - 2 u.d and 1/w^3 - 1/u^3 = (u - w)(u^2 + u w + w^2) / (u^3 w^3),
 * u - w = -(|w|^2 - |u|^2) / (u + w). P is the Earth for the target (d = rT), the target for the
 * offset (d = dr); the body seen from the target, |b - rT|, serves both. Where |w|^2 / |u|^2 - 1
 * is below `INVERSE_CUBE_SERIES_MAX` (the Sun for the target, both bodies for offsets up to
 * 190 km), 1/w^3 - 1/u^3 comes from `inverseCubeSeries`: a multiplication instead of a square
 * root and divisions. Arrays and indices, not numbers,
 * are passed, so that a call boxes no floating-point argument.
 * @param gm the body's gravitational parameter, m^3/s^2
 * @param e the body's geocentric position (m, ECI) at e[bodyAt..bodyAt+2]
 * @param norms |b|^2 (m^2), |b| (m), 1/|b|^3 (m^-3) and 1/|b|^2 at norms[normsAt..normsAt+3]
 * @param st the stage: target position (m, ECI), |rT|^2, offset dr (m, ECI), |dr|^2
 * @param out accumulates the target's acceleration at out[at..at+2] and the offset's at
 *   out[at+3..at+5], m/s^2, ECI
 * @param at where in `out`
 */
function addThirdBody(
  gm: number,
  e: Float64Array,
  bodyAt: number,
  norms: Float64Array,
  normsAt: number,
  st: Float64Array,
  out: Float64Array,
  at: number,
): void {
  const bx = e[bodyAt]!;
  const by = e[bodyAt + 1]!;
  const bz = e[bodyAt + 2]!;
  const bu2 = norms[normsAt]!;
  const bu = norms[normsAt + 1]!;
  const tx = st[0]!;
  const ty = st[1]!;
  const tz = st[2]!;
  const dx = st[4]!;
  const dy = st[5]!;
  const dz = st[6]!;
  // the target: u = b, d = rT, w = b - rT; 1/w^3 - 1/u^3 = (1/u^3) ((1 + dT)^(-3/2) - 1)
  const q = st[3]! - 2 * (bx * tx + by * ty + bz * tz);
  const w2 = bu2 + q;
  const bInv3 = norms[normsAt + 2]!;
  const dT = q * norms[normsAt + 3]!;
  let diff: number;
  let wInv3: number;
  let wInv2: number;
  if (dT < INVERSE_CUBE_SERIES_MAX && dT > -INVERSE_CUBE_SERIES_MAX) {
    // the Sun (|rT| / 1 AU <= 5e-4 for orbits below 37,000,000 km)
    diff = bInv3 * inverseCubeSeries(dT);
    wInv3 = bInv3 + diff;
    wInv2 = norms[normsAt + 3]! * inverseSquareFactor(dT);
  } else {
    const w = Math.sqrt(w2);
    const wInv = 1 / w;
    wInv2 = wInv * wInv;
    wInv3 = wInv2 * wInv;
    diff = (-q / (bu + w)) * (bu2 + bu * w + w2) * bInv3 * wInv3;
  }
  out[at] = out[at]! + gm * (bx * diff - tx * wInv3);
  out[at + 1] = out[at + 1]! + gm * (by * diff - ty * wInv3);
  out[at + 2] = out[at + 2]! + gm * (bz * diff - tz * wInv3);
  // the offset: u = b - rT (|u| = w), d = dr
  const ux = bx - tx;
  const uy = by - ty;
  const uz = bz - tz;
  const q2 = st[7]! - 2 * (ux * dx + uy * dy + uz * dz);
  // 1/v^3 - 1/w^3 = (1/w^3) ((1 + delta)^(-3/2) - 1), delta = (|v|^2 - |w|^2) / |w|^2
  const delta = q2 * wInv2;
  let diff2: number;
  let vInv3: number;
  if (delta < INVERSE_CUBE_SERIES_MAX && delta > -INVERSE_CUBE_SERIES_MAX) {
    diff2 = wInv3 * inverseCubeSeries(delta);
    vInv3 = wInv3 + diff2;
  } else {
    const w = Math.sqrt(w2);
    const v2 = w2 + q2;
    const v = Math.sqrt(v2);
    const vInv = 1 / v;
    vInv3 = vInv * vInv * vInv;
    diff2 = (-q2 / (w + v)) * (w2 + w * v + v2) * wInv3 * vInv3;
  }
  out[at + 3] = out[at + 3]! + gm * (ux * diff2 - dx * vInv3);
  out[at + 4] = out[at + 4]! + gm * (uy * diff2 - dy * vInv3);
  out[at + 5] = out[at + 5]! + gm * (uz * diff2 - dz * vInv3);
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
  /** (3/2) J2 mu Re^2, m^5/s^2 (0 without J2). */
  private readonly j2Factor: number;
  private readonly thirdBodies: boolean;
  private readonly eph = new Float64Array(9);
  /** Time of the positions held in `eph`, s since epoch. */
  private ephTS = Number.NaN;
  private readonly sat = new Float64Array(3);
  /**
   * At `ephTS`: unit vector Earth->apparent Sun (ECI), its distance (m), and the inverse of the
   * distance, its square and cube (m^-1, m^-2, m^-3).
   */
  private readonly sun = new Float64Array(7);
  /** The stage's target position (m, ECI), |rT|^2 (m^2), offset dr (m, ECI) and |dr|^2 (m^2). */
  private readonly stage = new Float64Array(8);
  /**
   * In `rk4Single`: Sun, Moon and solar-pressure accelerations (m/s^2, ECI) of the target and of
   * the offset at the step's start (0-5) and end (6-11).
   */
  private readonly stepP = new Float64Array(12);
  /** The same at one stage of a step that evaluates them at every stage. */
  private readonly stepE = new Float64Array(6);
  /** `fusedStep`'s stage positions (target at 0-2, offset at 6-8, m, ECI) for `gravity`. */
  private readonly stagePos = new Float64Array(12);
  /** `gravity`'s accelerations of target and offset (m/s^2, ECI) and 1/|rT|^3 (m^-3). */
  private readonly acc = new Float64Array(7);
  private stepOn = false;
  /**
   * Where and when the last paired step ended: target position and offset (m, ECI), time (s).
   * A step starting there takes its start values from that step's end values, evaluated at the
   * predicted end (3e-6 m from it at 1 s steps), so each step evaluates the forces once.
   */
  private readonly stepEnd = new Float64Array(6);
  private stepEndS = Number.NaN;
  private stepT0S = 0;
  private stepHInv = 0;
  /**
   * At `ephTS`: |sun|^2, |sun|, 1/|sun|^3, 1/|sun|^2, then the same four of the Moon (geometric,
   * m powers).
   */
  private readonly norms = new Float64Array(8);

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
    const f = this.forces;
    this.j2Factor = f.j2 ? 1.5 * J2_EARTH * options.muM3S2 * J2_RADIUS_M * J2_RADIUS_M : 0;
    this.thirdBodies = f.sun || f.moon || f.srp;
  }

  /**
   * Two-body gravity (the Encke form of `TwoBodyDynamics`, its 1/rS^3 - 1/rT^3 by
   * `inverseCubeSeries` for nearby spacecraft) and the perturbations in one pass: the radii and
   * their inverse powers serve the central term and J2, the Sun and Moon come from
   * the table once per stage time for both objects.
   */
  override derivatives(tS: number, y: Float64Array, dy: Float64Array): void {
    const acc = this.acc;
    this.gravity(y, acc);
    dy[0] = y[3]!;
    dy[1] = y[4]!;
    dy[2] = y[5]!;
    dy[3] = acc[0]!;
    dy[4] = acc[1]!;
    dy[5] = acc[2]!;
    dy[6] = y[9]!;
    dy[7] = y[10]!;
    dy[8] = y[11]!;
    dy[9] = acc[3]!;
    dy[10] = acc[4]!;
    dy[11] = acc[5]!;
    if (this.thrust.active) this.addThrust(tS, y, dy);
    if (!this.thirdBodies) return;
    if (this.stepOn) {
      // within `rk4Single`: the step's Sun, Moon and solar pressure, linear in time
      const p = this.stepP;
      const w = (tS - this.stepT0S) * this.stepHInv;
      for (let k = 0; k < 3; k++) {
        dy[3 + k] = dy[3 + k]! + p[k]! + w * (p[6 + k]! - p[k]!);
        dy[9 + k] = dy[9 + k]! + p[3 + k]! + w * (p[9 + k]! - p[3 + k]!);
      }
      return;
    }
    this.setStage(y[0]!, y[1]!, y[2]!, y[6]!, y[7]!, y[8]!);
    const e = this.stepE;
    for (let k = 0; k < 6; k++) e[k] = 0;
    this.addSunMoon(tS, e, 0);
    for (let k = 0; k < 3; k++) {
      dy[3 + k] = dy[3 + k]! + e[k]!;
      dy[9 + k] = dy[9 + k]! + e[3 + k]!;
    }
  }

  /**
   * Two-body gravity and J2 of target and offset (m/s^2, ECI) into acc[0..2] and acc[3..5], and
   * 1/|rT|^3 (m^-3) into acc[6], at the target position y[0..2] and offset y[6..8] (m, ECI); the
   * other entries of `y` are not read.
   */
  private gravity(y: Float64Array, acc: Float64Array): void {
    const mu = this.muM3S2;
    const tx = y[0]!;
    const ty = y[1]!;
    const tz = y[2]!;
    const dx = y[6]!;
    const dyy = y[7]!;
    const dz = y[8]!;
    const rT2 = tx * tx + ty * ty + tz * tz;
    const rT = Math.sqrt(rT2);
    const dr2 = dx * dx + dyy * dyy + dz * dz;
    const d = 2 * (tx * dx + ty * dyy + tz * dz) + dr2;
    const rS2 = rT2 + d;
    const rTInv = 1 / rT;
    const rTInv2 = rTInv * rTInv;
    const rTInv3 = rTInv2 * rTInv;
    const delta = d * rTInv2;
    let diff: number;
    let rSInv2: number;
    let rSInv3: number;
    if (delta < CENTRAL_SERIES_MAX && delta > -CENTRAL_SERIES_MAX) {
      // 1/rS^3 - 1/rT^3 = (1/rT^3) ((1 + delta)^(-3/2) - 1), delta = d / rT^2
      diff = rTInv3 * inverseCubeSeries(delta);
      rSInv3 = rTInv3 + diff;
      rSInv2 = rTInv2 * inverseSquareFactor(delta);
    } else {
      const rS = Math.sqrt(rS2);
      const rSInv = 1 / rS;
      rSInv2 = rSInv * rSInv;
      rSInv3 = rSInv2 * rSInv;
      // 1/rS^3 - 1/rT^3 = (rT^3 - rS^3) / (rS^3 rT^3), rT - rS = -d / (rT + rS)
      diff = (-d / (rT + rS)) * (rT2 + rT * rS + rS2) * rSInv3 * rTInv3;
    }
    const gT = -mu * rTInv3;
    const gS = -mu * rSInv3;
    let aTx = gT * tx;
    let aTy = gT * ty;
    let aTz = gT * tz;
    let aDx = gS * dx - mu * tx * diff;
    let aDy = gS * dyy - mu * ty * diff;
    let aDz = gS * dz - mu * tz * diff;
    const c = this.j2Factor;
    if (c !== 0) {
      // J2: (3/2) J2 mu Re^2 / r^5 [x (5 z^2/r^2 - 1), y (5 z^2/r^2 - 1), z (5 z^2/r^2 - 3)]
      const sx = tx + dx;
      const sy = ty + dyy;
      const sz = tz + dz;
      const fT = c * rTInv3 * rTInv2;
      const zT = 5 * tz * tz * rTInv2;
      const fS = c * rSInv3 * rSInv2;
      const zS = 5 * sz * sz * rSInv2;
      const jTx = fT * (zT - 1) * tx;
      const jTy = fT * (zT - 1) * ty;
      const jTz = fT * (zT - 3) * tz;
      aTx += jTx;
      aTy += jTy;
      aTz += jTz;
      aDx += fS * (zS - 1) * sx - jTx;
      aDy += fS * (zS - 1) * sy - jTy;
      aDz += fS * (zS - 3) * sz - jTz;
    }
    acc[0] = aTx;
    acc[1] = aTy;
    acc[2] = aTz;
    acc[3] = aDx;
    acc[4] = aDy;
    acc[5] = aDz;
    acc[6] = rTInv3;
  }

  /** Stores a stage's target position and offset (m, ECI) and their squares in `stage`. */
  private setStage(tx: number, ty: number, tz: number, dx: number, dyy: number, dz: number): void {
    const st = this.stage;
    st[0] = tx;
    st[1] = ty;
    st[2] = tz;
    st[3] = tx * tx + ty * ty + tz * tz;
    st[4] = dx;
    st[5] = dyy;
    st[6] = dz;
    st[7] = dx * dx + dyy * dyy + dz * dz;
  }

  /**
   * One RK4 step with the Sun, Moon and solar pressure evaluated twice, not at all four stages
   * (once when the step continues the previous one, see `stepEnd`): at the start and at the end (the position there predicted to second order: target
   * r + h v - h^2 mu r / (2 |r|^3), offset dr + h dv), and linear in time in between. These
   * accelerations vary at the orbit's rate and the Moon's, so the straight line misses the
   * midpoint by h^2 |d^2a/dt^2| / 8: ~1e-14 m/s^2 at 1 s steps (1e-11 at 30 s) against the
   * 1e-6 m/s^2 of the forces; the predicted end is off by ~h^3 |jerk| / 6, 3e-6 m at 1 s. Two-body
   * gravity, J2 and thrust stay evaluated at every stage. Only for steps up to
   * `PAIRED_PERTURBATION_MAX_STEP_S` (the difference grows as h^2: over two days at GEO, 1.7e-5 m
   * on the target and 3e-7 m on a 1 km offset at 1 s steps, millimetres at 30 s); longer steps
   * evaluate every stage.
   */
  protected override rk4Single(tS: number, y: Float64Array, hS: number): void {
    const paired = this.thirdBodies && hS <= PAIRED_PERTURBATION_MAX_STEP_S;
    if (this.thirdBodies && !paired) {
      super.rk4Single(tS, y, hS);
      return;
    }
    // stage 1's gravity, whose 1/|rT|^3 also serves the predicted end of `pairPerturbations`
    this.gravity(y, this.acc);
    // without Sun, Moon and solar pressure `stepP` and `stepHInv` stay 0: no perturbation added
    if (paired) this.pairPerturbations(tS, y, hS);
    if (this.thrust.active) {
      this.stepOn = paired;
      super.rk4Single(tS, y, hS);
      this.stepOn = false;
    } else {
      this.fusedStep(tS, y, hS);
    }
    if (!paired) return;
    const end = this.stepEnd;
    this.stepEndS = tS + hS;
    end[0] = y[0]!;
    end[1] = y[1]!;
    end[2] = y[2]!;
    end[3] = y[6]!;
    end[4] = y[7]!;
    end[5] = y[8]!;
  }

  /**
   * The Sun, Moon and solar pressure of a paired step (see `rk4Single`) into `stepP`: the start
   * values (those the previous step ended with, when this step continues it) and the end values.
   * `acc` holds the gravity at `y` (its 1/|rT|^3 at acc[6]).
   */
  private pairPerturbations(tS: number, y: Float64Array, hS: number): void {
    const p = this.stepP;
    const tx = y[0]!;
    const ty = y[1]!;
    const tz = y[2]!;
    const dx = y[6]!;
    const dyy = y[7]!;
    const dz = y[8]!;
    const end = this.stepEnd;
    if (
      tS === this.stepEndS &&
      tx === end[0] &&
      ty === end[1] &&
      tz === end[2] &&
      dx === end[3] &&
      dyy === end[4] &&
      dz === end[5]
    ) {
      // the state the previous step left (an impulse changes only velocities): its end values
      for (let k = 0; k < 6; k++) p[k] = p[6 + k]!;
    } else {
      for (let k = 0; k < 6; k++) p[k] = 0;
      this.setStage(tx, ty, tz, dx, dyy, dz);
      this.addSunMoon(tS, p, 0);
    }
    const g = -0.5 * hS * hS * this.muM3S2 * this.acc[6]!;
    this.setStage(
      tx + hS * y[3]! + g * tx,
      ty + hS * y[4]! + g * ty,
      tz + hS * y[5]! + g * tz,
      dx + hS * y[9]!,
      dyy + hS * y[10]!,
      dz + hS * y[11]!,
    );
    for (let k = 6; k < 12; k++) p[k] = 0;
    this.addSunMoon(tS + hS, p, 6);
    this.stepT0S = tS;
    this.stepHInv = 1 / hS;
  }

  /**
   * One RK4 step without thrust on plain numbers: the stages of `Rk4.step` over `derivatives`
   * (the same floating-point operations in the same order, so the same numbers to the bit), with
   * no derivative callback, no stage arrays and the step's Sun, Moon and solar pressure of
   * `stepP` (zero without them) linear in time. Only the stage positions pass through `gravity`;
   * `acc` holds stage 1's gravity on entry.
   */
  private fusedStep(tS: number, y: Float64Array, hS: number): void {
    const sp = this.stagePos;
    const a = this.acc;
    const p = this.stepP;
    const h2 = 0.5 * hS;
    // the perturbations at stage time t: p0 + w (p1 - p0), w = (t - tS) / hS as in `derivatives`
    const t0 = this.stepT0S;
    const hInv = this.stepHInv;
    const wMid = (tS + h2 - t0) * hInv;
    const wEnd = (tS + hS - t0) * hInv;
    const w0 = (tS - t0) * hInv;
    const pTx = p[0]!;
    const pTy = p[1]!;
    const pTz = p[2]!;
    const pDx = p[3]!;
    const pDy = p[4]!;
    const pDz = p[5]!;
    const qTx = p[6]! - pTx;
    const qTy = p[7]! - pTy;
    const qTz = p[8]! - pTz;
    const qDx = p[9]! - pDx;
    const qDy = p[10]! - pDy;
    const qDz = p[11]! - pDz;
    const rx = y[0]!;
    const ry = y[1]!;
    const rz = y[2]!;
    const vx = y[3]!;
    const vy = y[4]!;
    const vz = y[5]!;
    const dx = y[6]!;
    const dy = y[7]!;
    const dz = y[8]!;
    const ux = y[9]!;
    const uy = y[10]!;
    const uz = y[11]!;
    // stage 1 at y (its gravity is in `acc`)
    const a1x = a[0]! + pTx + w0 * qTx;
    const a1y = a[1]! + pTy + w0 * qTy;
    const a1z = a[2]! + pTz + w0 * qTz;
    const b1x = a[3]! + pDx + w0 * qDx;
    const b1y = a[4]! + pDy + w0 * qDy;
    const b1z = a[5]! + pDz + w0 * qDz;
    // stage 2 at y + h/2 k1
    sp[0] = rx + h2 * vx;
    sp[1] = ry + h2 * vy;
    sp[2] = rz + h2 * vz;
    sp[6] = dx + h2 * ux;
    sp[7] = dy + h2 * uy;
    sp[8] = dz + h2 * uz;
    const v2x = vx + h2 * a1x;
    const v2y = vy + h2 * a1y;
    const v2z = vz + h2 * a1z;
    const u2x = ux + h2 * b1x;
    const u2y = uy + h2 * b1y;
    const u2z = uz + h2 * b1z;
    this.gravity(sp, a);
    const a2x = a[0]! + pTx + wMid * qTx;
    const a2y = a[1]! + pTy + wMid * qTy;
    const a2z = a[2]! + pTz + wMid * qTz;
    const b2x = a[3]! + pDx + wMid * qDx;
    const b2y = a[4]! + pDy + wMid * qDy;
    const b2z = a[5]! + pDz + wMid * qDz;
    // stage 3 at y + h/2 k2
    sp[0] = rx + h2 * v2x;
    sp[1] = ry + h2 * v2y;
    sp[2] = rz + h2 * v2z;
    sp[6] = dx + h2 * u2x;
    sp[7] = dy + h2 * u2y;
    sp[8] = dz + h2 * u2z;
    const v3x = vx + h2 * a2x;
    const v3y = vy + h2 * a2y;
    const v3z = vz + h2 * a2z;
    const u3x = ux + h2 * b2x;
    const u3y = uy + h2 * b2y;
    const u3z = uz + h2 * b2z;
    this.gravity(sp, a);
    const a3x = a[0]! + pTx + wMid * qTx;
    const a3y = a[1]! + pTy + wMid * qTy;
    const a3z = a[2]! + pTz + wMid * qTz;
    const b3x = a[3]! + pDx + wMid * qDx;
    const b3y = a[4]! + pDy + wMid * qDy;
    const b3z = a[5]! + pDz + wMid * qDz;
    // stage 4 at y + h k3
    sp[0] = rx + hS * v3x;
    sp[1] = ry + hS * v3y;
    sp[2] = rz + hS * v3z;
    sp[6] = dx + hS * u3x;
    sp[7] = dy + hS * u3y;
    sp[8] = dz + hS * u3z;
    const v4x = vx + hS * a3x;
    const v4y = vy + hS * a3y;
    const v4z = vz + hS * a3z;
    const u4x = ux + hS * b3x;
    const u4y = uy + hS * b3y;
    const u4z = uz + hS * b3z;
    this.gravity(sp, a);
    const a4x = a[0]! + pTx + wEnd * qTx;
    const a4y = a[1]! + pTy + wEnd * qTy;
    const a4z = a[2]! + pTz + wEnd * qTz;
    const b4x = a[3]! + pDx + wEnd * qDx;
    const b4y = a[4]! + pDy + wEnd * qDy;
    const b4z = a[5]! + pDz + wEnd * qDz;
    const h6 = hS / 6;
    y[0] = rx + h6 * (vx + 2 * (v2x + v3x) + v4x);
    y[1] = ry + h6 * (vy + 2 * (v2y + v3y) + v4y);
    y[2] = rz + h6 * (vz + 2 * (v2z + v3z) + v4z);
    y[3] = vx + h6 * (a1x + 2 * (a2x + a3x) + a4x);
    y[4] = vy + h6 * (a1y + 2 * (a2y + a3y) + a4y);
    y[5] = vz + h6 * (a1z + 2 * (a2z + a3z) + a4z);
    y[6] = dx + h6 * (ux + 2 * (u2x + u3x) + u4x);
    y[7] = dy + h6 * (uy + 2 * (u2y + u3y) + u4y);
    y[8] = dz + h6 * (uz + 2 * (u2z + u3z) + u4z);
    y[9] = ux + h6 * (b1x + 2 * (b2x + b3x) + b4x);
    y[10] = uy + h6 * (b1y + 2 * (b2y + b3y) + b4y);
    y[11] = uz + h6 * (b1z + 2 * (b2z + b3z) + b4z);
  }

  /**
   * Adds the Sun's and Moon's attraction and the solar pressure at the positions of `stage`
   * (m/s^2, ECI): the target's to out[at..at+2], the offset's to out[at+3..at+5].
   */
  private addSunMoon(tS: number, out: Float64Array, at: number): void {
    const st = this.stage;
    const tx = st[0]!;
    const ty = st[1]!;
    const tz = st[2]!;
    const dx = st[4]!;
    const dyy = st[5]!;
    const dz = st[6]!;
    const f = this.forces;
    const e = this.eph;
    const n = this.norms;
    const sun = this.sun;
    // RK4's two midpoint stages share their time: interpolate once for both, with the distances
    if (tS !== this.ephTS) {
      this.ephemeris.at(tS, e);
      this.ephTS = tS;
      // one division per distance: the other powers are products of its inverse
      n[0] = e[0]! * e[0]! + e[1]! * e[1]! + e[2]! * e[2]!;
      n[1] = Math.sqrt(n[0]);
      const sunInv = 1 / n[1];
      n[3] = sunInv * sunInv;
      n[2] = n[3] * sunInv;
      n[4] = e[6]! * e[6]! + e[7]! * e[7]! + e[8]! * e[8]!;
      n[5] = Math.sqrt(n[4]);
      const moonInv = 1 / n[5];
      n[7] = moonInv * moonInv;
      n[6] = n[7] * moonInv;
      const dSun = Math.sqrt(e[3]! * e[3]! + e[4]! * e[4]! + e[5]! * e[5]!);
      const dSunInv = 1 / dSun;
      sun[0] = e[3]! * dSunInv;
      sun[1] = e[4]! * dSunInv;
      sun[2] = e[5]! * dSunInv;
      sun[3] = dSun;
      sun[4] = dSunInv;
      sun[5] = dSunInv * dSunInv;
      sun[6] = sun[5] * dSunInv;
    }
    if (f.sun) addThirdBody(GM_SUN_M3_S2, e, 0, n, 0, st, out, at);
    if (f.moon) addThirdBody(GM_MOON_M3_S2, e, 6, n, 4, st, out, at);
    if (f.srp) {
      // on the day side (`litFraction`'s first test, for both at once) both are fully lit
      const behindT = -(tx * sun[0]! + ty * sun[1]! + tz * sun[2]!);
      const behindS = behindT - (dx * sun[0]! + dyy * sun[1]! + dz * sun[2]!);
      let kT = this.srpT;
      let kS = this.srpS;
      if (behindT > 0 && kT !== 0) kT *= litFraction(st, sun);
      if (behindS > 0 && kS !== 0) {
        const sat = this.sat;
        sat[0] = tx + dx;
        sat[1] = ty + dyy;
        sat[2] = tz + dz;
        kS *= litFraction(sat, sun);
      }
      // a = -k u / d^2 with u the unit vector to the Sun: -k (sun - r) / d^3
      const pTx = e[3]! - tx;
      const pTy = e[4]! - ty;
      const pTz = e[5]! - tz;
      // |pT|^2 = dSun^2 + qT: the target's 1/d^3 and 1/d^2 from the Earth's (as `addThirdBody`)
      const qT = st[3]! - 2 * (e[3]! * tx + e[4]! * ty + e[5]! * tz);
      const deltaT = qT * sun[5]!;
      let dTInv3: number;
      let dTInv2: number;
      if (deltaT < INVERSE_CUBE_SERIES_MAX && deltaT > -INVERSE_CUBE_SERIES_MAX) {
        dTInv3 = sun[6]! + sun[6]! * inverseCubeSeries(deltaT);
        dTInv2 = sun[5]! * inverseSquareFactor(deltaT);
      } else {
        const dTInv = 1 / Math.sqrt(pTx * pTx + pTy * pTy + pTz * pTz);
        dTInv2 = dTInv * dTInv;
        dTInv3 = dTInv2 * dTInv;
      }
      const cT = kT * dTInv3;
      const pSx = pTx - dx;
      const pSy = pTy - dyy;
      const pSz = pTz - dz;
      // |pS|^2 = |pT|^2 - 2 pT.dr + |dr|^2: the spacecraft's 1/d^3 from the target's
      const delta = (st[7]! - 2 * (pTx * dx + pTy * dyy + pTz * dz)) * dTInv2;
      let cS: number;
      if (delta < INVERSE_CUBE_SERIES_MAX && delta > -INVERSE_CUBE_SERIES_MAX) {
        cS = kS * (dTInv3 + dTInv3 * inverseCubeSeries(delta));
      } else {
        const dS2 = pSx * pSx + pSy * pSy + pSz * pSz;
        cS = kS / (dS2 * Math.sqrt(dS2));
      }
      out[at] = out[at]! - cT * pTx;
      out[at + 1] = out[at + 1]! - cT * pTy;
      out[at + 2] = out[at + 2]! - cT * pTz;
      out[at + 3] = out[at + 3]! - cS * pSx + cT * pTx;
      out[at + 4] = out[at + 4]! - cS * pSy + cT * pTy;
      out[at + 5] = out[at + 5]! - cS * pSz + cT * pTz;
    }
  }
}

/**
 * Lit fraction (1 - `shadowFraction`, the lighting's conical umbra and penumbra) of a point, with
 * a cheap exclusion first: the penumbra is a cone behind the Earth whose radius at depth `behind`
 * is Re + behind tan f, tan f = (R_sun + Re) / d_sun ~ 0.00469; a point farther from the shadow
 * axis than Re + 0.005 behind + 1 km (6 % and 1 km of margin, more than the change of the Sun's
 * distance and the parallax) is fully lit, as is the whole day side. Arrays, not numbers, are
 * passed (the hot path boxes no floating-point argument).
 * @param p ECI position [x, y, z], m
 * @param sun [unit vector Earth->Sun (ECI, 3 numbers), Earth-Sun distance (m)]
 * @returns lit fraction in [0, 1]
 */
export function litFraction(p: Float64Array, sun: Float64Array): number {
  const x = p[0]!;
  const y = p[1]!;
  const z = p[2]!;
  const behind = -(x * sun[0]! + y * sun[1]! + z * sun[2]!);
  if (behind <= 0) return 1;
  const bound = EARTH_R_M + 0.005 * behind + 1000;
  if (x * x + y * y + z * z - behind * behind > bound * bound) return 1;
  return 1 - shadowFraction(p, sun, sun[3]!);
}

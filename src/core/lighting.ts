/**
 * Lighting geometry for an inspection pass: where the Sun is, whether the target is in the
 * Earth's shadow, and the Sun phase angle seen from the inspector.
 *
 * Frame. "ECI" here is the Earth-centred true equator and equinox of date, frozen at the scenario
 * epoch (astronomy-engine's EQD at `epochMs` [1]). Freezing it keeps the frame inertial over a
 * scenario; precession over a few days is ~1e-6 rad, far below anything scored here. The true
 * equinox (not J2000) is used because Greenwich apparent sidereal time (GAST), which places the
 * target over its longitude, is measured from it [1, 2]: mixing a J2000 Sun (0.36 deg of
 * precession by 2026) with GAST would shift GEO eclipses by ~90 s.
 *
 * Target. A circular prograde equatorial orbit of radius `radiusM`, right ascension at epoch
 * `GAST + longitude`, advancing at the Keplerian mean motion [3]. Its RIC frame: R = unit position,
 * C = +z (orbit normal), I = C x R (along the velocity).
 *
 * Shadow. A spherical Earth and Sun, with the fraction of the Sun's apparent disk hidden by the
 * Earth's apparent disk (conical umbra and penumbra) [4]. The Sun direction comes from
 * astronomy-engine (VSOP87 truncated, apparent: light time and aberration corrected [1]); it moves
 * ~1 deg/day, so a `SunTable` samples it every 600 s and interpolates in hot loops.
 *
 * References:
 * [1] D. Cross, Astronomy Engine v2 documentation: GeoVector, Rotation_EQJ_EQD, SiderealTime,
 *     https://github.com/cosinekitty/astronomy (UT1 is approximated by UTC).
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 3.5 (sidereal time).
 * [3] Vallado, op. cit., sec. 2.2 (circular orbits, geosynchronous radius).
 * [4] Montenbruck & Gill, Satellite Orbits, Springer 2000, sec. 3.4.2 (shadow function,
 *     conical model, eqs. 3.85-3.87).
 * [5] Soop, Handbook of Geostationary Orbits, Kluwer 1994, sec. 5.2 (GEO eclipse seasons:
 *     ~44 days centred on each equinox, at most ~72 min around local midnight).
 */

import {
  AstroTime,
  Body,
  GeoVector,
  Rotation_EQJ_EQD,
  SiderealTime,
  type RotationMatrix,
} from 'astronomy-engine';
import {
  AU_M,
  DEG_TO_RAD,
  EARTH_RADIUS_M,
  GEO_RADIUS_M,
  RAD_TO_DEG,
  SUN_RADIUS_M,
  meanMotionRadPerS,
} from './constants.ts';

/** J2000.0 (2000-01-01T12:00:00 UTC) in Unix ms: astronomy-engine counts UT days from here [1]. */
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);
const MS_PER_DAY = 86_400_000;
const TWO_PI = 2 * Math.PI;

/** Geometry of the target's circular equatorial orbit in ECI (true of date, frozen at epoch). */
export interface TargetOrbitGeometry {
  /** Scenario epoch, Unix ms UTC; sim time `tS` counts seconds from here. */
  epochMs: number;
  /** Orbit radius, m. */
  radiusM: number;
  /** ECI right ascension of the target at the epoch, rad, in [0, 2 pi). */
  raAtEpochRad: number;
  /** Mean motion, rad/s (prograde, about ECI +z). */
  meanMotionRadPerS: number;
}

/** Astronomy-engine time for `tS` seconds after `epochMs`; a number of UT days keeps sub-ms. */
function astroTime(epochMs: number, tS: number): AstroTime {
  return new AstroTime((epochMs - J2000_UNIX_MS + tS * 1000) / MS_PER_DAY);
}

/** Greenwich apparent sidereal time at `epochMs`, rad, in [0, 2 pi) [1, 2]. */
export function greenwichSiderealRad(epochMs: number): number {
  return SiderealTime(astroTime(epochMs, 0)) * 15 * DEG_TO_RAD;
}

/**
 * Orbit geometry of a target parked over a geographic longitude at the epoch.
 *
 * @param epochMs - scenario epoch, Unix ms UTC.
 * @param longitudeDeg - geographic (east-positive) longitude of the target at the epoch, deg.
 * @param radiusM - orbit radius, m; the default GEO radius keeps the target over `longitudeDeg`.
 * @returns right ascension at epoch = GAST(epoch) + longitude (ECI, rad) and mean motion (rad/s).
 */
export function geoTargetGeometry(
  epochMs: number,
  longitudeDeg: number,
  radiusM: number = GEO_RADIUS_M,
): TargetOrbitGeometry {
  const ra = greenwichSiderealRad(epochMs) + longitudeDeg * DEG_TO_RAD;
  return {
    epochMs,
    radiusM,
    raAtEpochRad: ((ra % TWO_PI) + TWO_PI) % TWO_PI,
    meanMotionRadPerS: meanMotionRadPerS(radiusM),
  };
}

/**
 * Argument of latitude (= right ascension for an equatorial orbit) of the target, rad, ECI.
 *
 * @param geom - target orbit.
 * @param tS - sim time, s since `geom.epochMs`.
 */
export function targetRaRad(geom: TargetOrbitGeometry, tS: number): number {
  return geom.raAtEpochRad + geom.meanMotionRadPerS * tS;
}

/**
 * Target position in ECI, m.
 *
 * @param geom - target orbit.
 * @param tS - sim time, s since `geom.epochMs`.
 * @param out - receives [x, y, z], m, ECI.
 */
export function targetPositionEci(geom: TargetOrbitGeometry, tS: number, out: Float64Array): void {
  const u = targetRaRad(geom, tS);
  out[0] = geom.radiusM * Math.cos(u);
  out[1] = geom.radiusM * Math.sin(u);
  out[2] = 0;
}

// One-entry cache: every call for a scenario uses the same epoch, and building the
// precession-nutation matrix is the costly part of a direct Sun lookup.
let cachedEpochMs = Number.NaN;
let cachedRot: RotationMatrix | null = null;

function eqjToEciAt(epochMs: number): RotationMatrix {
  if (cachedRot === null || cachedEpochMs !== epochMs) {
    cachedRot = Rotation_EQJ_EQD(astroTime(epochMs, 0));
    cachedEpochMs = epochMs;
  }
  return cachedRot;
}

/**
 * Geocentric apparent Sun position in ECI, m, straight from astronomy-engine (cold path).
 *
 * @param epochMs - scenario epoch, Unix ms UTC (also fixes the ECI frame).
 * @param tS - sim time, s since the epoch.
 * @param out - receives the Earth->Sun vector [x, y, z], m, ECI.
 * @returns the Earth-Sun distance, m.
 */
export function sunPositionEciM(epochMs: number, tS: number, out: Float64Array): number {
  const v = GeoVector(Body.Sun, astroTime(epochMs, tS), true);
  const rot = eqjToEciAt(epochMs).rot;
  // RotateVector would allocate another Vector; the matrix is applied as astronomy-engine does
  // (rot[column][row] premultiplies, see its RotateVector).
  const x = rot[0]![0]! * v.x + rot[1]![0]! * v.y + rot[2]![0]! * v.z;
  const y = rot[0]![1]! * v.x + rot[1]![1]! * v.y + rot[2]![1]! * v.z;
  const z = rot[0]![2]! * v.x + rot[1]![2]! * v.y + rot[2]![2]! * v.z;
  out[0] = x * AU_M;
  out[1] = y * AU_M;
  out[2] = z * AU_M;
  return Math.hypot(x, y, z) * AU_M;
}

/**
 * Unit vector Earth->Sun in ECI, straight from astronomy-engine (cold path; use `SunTable` in
 * loops).
 *
 * @param epochMs - scenario epoch, Unix ms UTC (also fixes the ECI frame).
 * @param tS - sim time, s since the epoch.
 * @param out - receives the unit vector [x, y, z], ECI.
 */
export function sunDirectionEci(epochMs: number, tS: number, out: Float64Array): void {
  const d = sunPositionEciM(epochMs, tS, out);
  out[0] = out[0]! / d;
  out[1] = out[1]! / d;
  out[2] = out[2]! / d;
}

/**
 * The Sun on a coarse time grid, interpolated without allocation.
 *
 * The Sun moves ~2e-7 rad/s in ECI, ~1.2e-4 rad between 600 s nodes. Renormalising a linear
 * blend of two unit vectors is exact at the midpoint of a uniform rotation and wrong only to
 * third order elsewhere, so the direction error is ~1e-10 rad (measured 6e-11 rad over 2 days),
 * which moves GEO shadow edges by ~1e-6 s. Calls allocate nothing (~50 ns for `sunRic`).
 */
export class SunTable {
  /** Target orbit whose RIC frame `sunRic` uses. */
  readonly geom: TargetOrbitGeometry;
  /** First node, s since epoch. */
  readonly startS: number;
  /** Last node, s since epoch (>= the requested end). */
  readonly endS: number;
  /** Node spacing, s. */
  readonly stepS: number;
  private readonly dirEci: Float64Array;
  private readonly distM: Float64Array;
  private readonly nNodes: number;

  /**
   * Samples astronomy-engine once per node (cold path).
   *
   * @param geom - target orbit; its epoch fixes the ECI frame and the time origin.
   * @param startS - first sim time to cover, s since epoch.
   * @param endS - last sim time to cover, s since epoch.
   * @param stepS - node spacing, s (600 s gives ~1e-10 rad).
   */
  constructor(geom: TargetOrbitGeometry, startS: number, endS: number, stepS: number = 600) {
    if (!(endS >= startS) || !(stepS > 0)) {
      throw new RangeError(`SunTable: need endS >= startS and stepS > 0`);
    }
    this.geom = geom;
    this.startS = startS;
    this.stepS = stepS;
    this.nNodes = Math.max(2, Math.ceil((endS - startS) / stepS) + 1);
    this.endS = startS + (this.nNodes - 1) * stepS;
    this.dirEci = new Float64Array(3 * this.nNodes);
    this.distM = new Float64Array(this.nNodes);
    const tmp = new Float64Array(3);
    for (let i = 0; i < this.nNodes; i++) {
      // Node time from the index, never accumulated, so nodes do not drift.
      const d = sunPositionEciM(geom.epochMs, startS + i * stepS, tmp);
      this.dirEci[3 * i] = tmp[0]! / d;
      this.dirEci[3 * i + 1] = tmp[1]! / d;
      this.dirEci[3 * i + 2] = tmp[2]! / d;
      this.distM[i] = d;
    }
  }

  /** Node index and weight for `tS`; throws outside the table rather than extrapolate. */
  private locate(tS: number): number {
    const x = (tS - this.startS) / this.stepS;
    if (!(x >= -1e-9 && x <= this.nNodes - 1 + 1e-9)) {
      throw new RangeError(`SunTable: tS=${tS} outside [${this.startS}, ${this.endS}]`);
    }
    return Math.min(Math.max(x, 0), this.nNodes - 1);
  }

  /**
   * Unit vector Earth->Sun in ECI.
   *
   * @param tS - sim time, s since epoch, within [startS, endS].
   * @param out - receives the unit vector [x, y, z], ECI.
   */
  sunEci(tS: number, out: Float64Array): void {
    const x = this.locate(tS);
    const i = Math.min(Math.floor(x), this.nNodes - 2);
    const w = x - i;
    const d = this.dirEci;
    const j = 3 * i;
    const sx = d[j]! + w * (d[j + 3]! - d[j]!);
    const sy = d[j + 1]! + w * (d[j + 4]! - d[j + 1]!);
    const sz = d[j + 2]! + w * (d[j + 5]! - d[j + 2]!);
    // sqrt, not Math.hypot: a unit vector cannot overflow, and this runs at every step
    const n = Math.sqrt(sx * sx + sy * sy + sz * sz);
    out[0] = sx / n;
    out[1] = sy / n;
    out[2] = sz / n;
  }

  /**
   * Earth-Sun distance, m (varies +-1.7 % over a year).
   *
   * @param tS - sim time, s since epoch, within [startS, endS].
   */
  sunDistanceM(tS: number): number {
    const x = this.locate(tS);
    const i = Math.min(Math.floor(x), this.nNodes - 2);
    const w = x - i;
    return this.distM[i]! + w * (this.distM[i + 1]! - this.distM[i]!);
  }

  /**
   * Unit vector towards the Sun expressed in the target's RIC frame (R radial out, I in-track,
   * C orbit normal). Uses the Earth->Sun direction: the target->Sun direction (`targetSunRic`,
   * for the sun phase angle) differs by the GEO parallax, <= 2.9e-4 rad (0.016 deg).
   *
   * @param tS - sim time, s since epoch, within [startS, endS].
   * @param out - receives the unit vector [r, i, c], RIC.
   */
  sunRic(tS: number, out: Float64Array): void {
    this.sunEci(tS, out);
    const u = targetRaRad(this.geom, tS);
    const cu = Math.cos(u);
    const su = Math.sin(u);
    const sx = out[0]!;
    const sy = out[1]!;
    // R = (cos u, sin u, 0), I = C x R = (-sin u, cos u, 0), C = (0, 0, 1).
    out[0] = cu * sx + su * sy;
    out[1] = -su * sx + cu * sy;
    // out[2] is already the z component.
  }

  /**
   * Unit vector from the target to the Sun in the target's RIC frame: the Earth->Sun vector
   * minus the target's position. This is the direction the sun phase angle is measured from (the
   * angle Sun-target-spacecraft); it differs from `sunRic` by the parallax of the target's
   * orbit, up to 2.9e-4 rad (0.016 deg) at GEO.
   *
   * @param tS - sim time, s since epoch, within [startS, endS].
   * @param out - receives the unit vector [r, i, c], RIC.
   */
  targetSunRic(tS: number, out: Float64Array): void {
    this.sunRic(tS, out);
    const d = this.sunDistanceM(tS);
    const x = out[0]! * d - this.geom.radiusM;
    const y = out[1]! * d;
    const z = out[2]! * d;
    const n = Math.sqrt(x * x + y * y + z * z);
    out[0] = x / n;
    out[1] = y / n;
    out[2] = z / n;
  }

  /**
   * Shadow fraction of the target (0 lit, 1 umbra), see `shadowFraction`.
   *
   * @param tS - sim time, s since epoch, within [startS, endS].
   */
  targetShadowFraction(tS: number): number {
    this.sunEci(tS, scratchSun);
    targetPositionEci(this.geom, tS, scratchSat);
    return shadowFraction(scratchSat, scratchSun, this.sunDistanceM(tS));
  }
}

const scratchSun = new Float64Array(3);
const scratchSat = new Float64Array(3);
const scratchAngles = new Float64Array(3);

/**
 * Apparent radii and separation of the Sun and Earth disks seen from the satellite [4]:
 * out = [a (Sun radius), b (Earth radius), c (centre separation)], rad.
 */
function diskAngles(
  satEciM: ArrayLike<number>,
  sunDirEci: ArrayLike<number>,
  sunDistanceM: number,
  out: Float64Array,
): void {
  const rx = satEciM[0]!;
  const ry = satEciM[1]!;
  const rz = satEciM[2]!;
  const r = Math.hypot(rx, ry, rz);
  // Satellite->Sun; the Sun's distance matters: the parallax is up to 3e-4 rad at GEO.
  const dx = sunDirEci[0]! * sunDistanceM - rx;
  const dy = sunDirEci[1]! * sunDistanceM - ry;
  const dz = sunDirEci[2]! * sunDistanceM - rz;
  const d = Math.hypot(dx, dy, dz);
  out[0] = Math.asin(Math.min(1, SUN_RADIUS_M / d));
  // Inside the Earth the disk fills the sky: clamp rather than return NaN.
  out[1] = Math.asin(Math.min(1, EARTH_RADIUS_M / r));
  // Angle between satellite->Earth centre (-r) and satellite->Sun; atan2 keeps precision near
  // 0 and pi, where acos of a dot product loses it.
  const cx = -ry * dz + rz * dy;
  const cy = -rz * dx + rx * dz;
  const cz = -rx * dy + ry * dx;
  out[2] = Math.atan2(Math.hypot(cx, cy, cz), -(rx * dx + ry * dy + rz * dz));
}

/**
 * Fraction of the Sun's disk hidden by the Earth, seen from a satellite: 0 fully lit, 1 in the
 * umbra, in between in the penumbra (conical shadow, spherical Earth and Sun, apparent-disk
 * overlap [4], sec. 3.4.2; annular case b < a included for completeness).
 *
 * @param satEciM - satellite position [x, y, z], m, ECI (geocentric).
 * @param sunDirEci - unit vector Earth->Sun, ECI.
 * @param sunDistanceM - Earth-Sun distance, m (default 1 AU; the true value moves the GEO
 *   penumbra edges by ~1 s).
 * @returns shadow fraction in [0, 1] (1 for a point inside the Earth).
 */
export function shadowFraction(
  satEciM: ArrayLike<number>,
  sunDirEci: ArrayLike<number>,
  sunDistanceM: number = AU_M,
): number {
  diskAngles(satEciM, sunDirEci, sunDistanceM, scratchAngles);
  const a = scratchAngles[0]!;
  const b = scratchAngles[1]!;
  const c = scratchAngles[2]!;
  if (c >= a + b) return 0;
  if (c <= b - a) return 1;
  if (c <= a - b) return (b * b) / (a * a);
  // Area of the lens where the two disks overlap, small-angle (flat) geometry [4, eq. 3.87].
  const x = (c * c + a * a - b * b) / (2 * c);
  const y = Math.sqrt(Math.max(0, a * a - x * x));
  const area =
    a * a * Math.acos(Math.min(1, Math.max(-1, x / a))) +
    b * b * Math.acos(Math.min(1, Math.max(-1, (c - x) / b))) -
    c * y;
  return Math.min(1, Math.max(0, area / (Math.PI * a * a)));
}

/**
 * True when any part of the Sun's disk is hidden by the Earth (umbra or penumbra).
 *
 * @param satEciM - satellite position [x, y, z], m, ECI.
 * @param sunDirEci - unit vector Earth->Sun, ECI.
 * @param sunDistanceM - Earth-Sun distance, m (default 1 AU).
 */
export function inEarthShadow(
  satEciM: ArrayLike<number>,
  sunDirEci: ArrayLike<number>,
  sunDistanceM: number = AU_M,
): boolean {
  return shadowFraction(satEciM, sunDirEci, sunDistanceM) > 0;
}

/**
 * Sun phase angle at the target as seen from the inspector, deg: the angle Sun-target-inspector,
 * between the target->Sun direction and the target->inspector vector. 0 deg: the Sun is behind
 * the inspector and the lit face of the target is in view (ideal); 90 deg: half lit, terminator
 * on the line of sight; 180 deg: the inspector looks into the Sun and sees the dark side.
 *
 * Both arguments must be in the same frame (RIC here). The Sun direction is the target's
 * (`SunTable.targetSunRic`): the Earth->Sun direction would be off by the GEO parallax, up to
 * 0.016 deg, which moves a phase-angle crossing by up to ~4 s.
 *
 * @param sunDirRic - unit vector from the target towards the Sun, RIC.
 * @param inspectorRelRicM - inspector position relative to the target, m, RIC.
 * @returns phase angle in [0, 180] deg; NaN when the inspector sits on the target.
 */
export function sunPhaseAngleDeg(
  sunDirRic: ArrayLike<number>,
  inspectorRelRicM: ArrayLike<number>,
): number {
  const sx = sunDirRic[0]!;
  const sy = sunDirRic[1]!;
  const sz = sunDirRic[2]!;
  const px = inspectorRelRicM[0]!;
  const py = inspectorRelRicM[1]!;
  const pz = inspectorRelRicM[2]!;
  if (px === 0 && py === 0 && pz === 0) return Number.NaN;
  // atan2(|s x p|, s . p) stays accurate near 0 and 180 deg, where acos does not.
  const cx = sy * pz - sz * py;
  const cy = sz * px - sx * pz;
  const cz = sx * py - sy * px;
  const cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
  return Math.atan2(cross, sx * px + sy * py + sz * pz) * RAD_TO_DEG;
}

/** One shadow passage of the target, clipped to the search window. */
export interface EclipseInterval {
  /** Entry, s since epoch. */
  startS: number;
  /** Exit, s since epoch. */
  endS: number;
  /** Umbra (Sun fully hidden) or penumbra (partly hidden). */
  kind: 'umbra' | 'penumbra';
}

/**
 * Signed distance to the penumbra boundary (positive lit) when `umbra` is false, to the umbra
 * boundary (positive outside the umbra) when true, rad: c - (a + b) and c - (b - a) [4].
 */
function shadowG(table: SunTable, tS: number, umbra: boolean): number {
  table.sunEci(tS, scratchSun);
  targetPositionEci(table.geom, tS, scratchSat);
  diskAngles(scratchSat, scratchSun, table.sunDistanceM(tS), scratchAngles);
  const a = scratchAngles[0]!;
  const b = scratchAngles[1]!;
  const c = scratchAngles[2]!;
  return umbra ? c - (b - a) : c - (a + b);
}

/**
 * Shadow passages of the TARGET between `startS` and `endS`.
 *
 * Two continuous signed functions (penumbra edge and umbra edge) are sampled every `stepS`; each
 * sign change is refined by bisection until the bracket is shorter than `toleranceS`. Sampling
 * each edge separately finds a penumbra crossed between two samples; a whole passage shorter than
 * `stepS` (a grazing eclipse at the edge of the season) can still be missed, so keep `stepS` below
 * the shortest eclipse of interest. Intervals are clipped to [startS, endS].
 *
 * @param geom - target orbit.
 * @param startS - window start, s since epoch.
 * @param endS - window end, s since epoch.
 * @param stepS - sampling step, s (60-300 s suits GEO).
 * @param toleranceS - bisection bracket width, s (default 1e-3, so results move by < 1e-2 s with
 *   the sampling step).
 * @param sunTable - an existing sun table for `geom` covering the window, to reuse.
 * @returns umbra and penumbra intervals in time order, adjacent ones sharing an end time.
 */
export function eclipseIntervals(
  geom: TargetOrbitGeometry,
  startS: number,
  endS: number,
  stepS: number,
  toleranceS: number = 1e-3,
  sunTable?: SunTable,
): EclipseInterval[] {
  if (!(endS > startS) || !(stepS > 0) || !(toleranceS > 0)) return [];
  // A table independent of stepS, so changing the sampling step cannot change the Sun; a caller
  // that already has one covering the window (600 s grid) passes it in.
  const table =
    sunTable && sunTable.stepS === 600 && sunTable.startS <= startS && sunTable.endS >= endS
      ? sunTable
      : new SunTable(geom, startS, endS, 600);
  const nSteps = Math.ceil((endS - startS) / stepS);
  const cuts: number[] = [startS, endS];
  for (const umbra of [false, true]) {
    let t0 = startS;
    let g0 = shadowG(table, t0, umbra);
    for (let k = 1; k <= nSteps; k++) {
      const t1 = Math.min(startS + k * stepS, endS);
      const g1 = shadowG(table, t1, umbra);
      if (g0 > 0 !== g1 > 0) {
        let lo = t0;
        let hi = t1;
        const gLoPositive = g0 > 0;
        while (hi - lo > toleranceS) {
          const mid = 0.5 * (lo + hi);
          if (shadowG(table, mid, umbra) > 0 === gLoPositive) lo = mid;
          else hi = mid;
        }
        cuts.push(0.5 * (lo + hi));
      }
      t0 = t1;
      g0 = g1;
    }
  }
  cuts.sort((x, y) => x - y);
  // Classify each piece between consecutive edges at its midpoint and merge equal neighbours.
  const out: EclipseInterval[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const t0 = cuts[i]!;
    const t1 = cuts[i + 1]!;
    if (t1 - t0 <= 0) continue;
    const tMid = 0.5 * (t0 + t1);
    const kind =
      shadowG(table, tMid, true) < 0
        ? 'umbra'
        : shadowG(table, tMid, false) < 0
          ? 'penumbra'
          : null;
    if (kind === null) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && last.endS === t0) last.endS = t1;
    else out.push({ startS: t0, endS: t1, kind });
  }
  return out;
}

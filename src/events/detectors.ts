/**
 * Constraint detectors: one continuous function g(relative state) per constraint, positive when
 * safe, in a physical margin unit (Orekit's event-detector model). The monitor locates where g
 * crosses zero between integration nodes and keeps the worst margin.
 *
 * References:
 * [1] Maisonobe, Pommier and Parraud, "Orekit: an open-source library for operational flight
 *     dynamics applications", ICATT 2010 (g functions, event detection).
 * [2] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (keep-out zones, approach
 *     ellipsoid, approach corridors, braking profiles).
 */

import { RAD_TO_DEG } from '../core/constants.ts';
import { signedDistanceToEllipsoidM } from './ellipsoidDistance.ts';

/**
 * The kinds of violation a run reports (report format v1 names; `not-flown`, a maneuver that never
 * started, was added to v1 after the others).
 */
export type ViolationKind =
  | 'keep-out'
  | 'approach-ellipsoid'
  | 'corridor'
  | 'closing-speed'
  | 'passive-safety'
  | 'separation'
  | 'budget'
  | 'not-flown';

/** A constraint as a signed distance over a RIC relative state [x, y, z, xd, yd, zd]. */
export interface Detector {
  readonly kind: ViolationKind;
  /** Unit of g and of the reported margins. */
  readonly marginUnit: 'm' | 'deg' | 'm/s';
  /** Positive when the constraint holds; zero on its boundary. Must not allocate. */
  g(rel: ArrayLike<number>): number;
}

/** Keep-out sphere: g = range - radius, m. */
export class SphereDetector implements Detector {
  readonly marginUnit = 'm';
  constructor(
    readonly kind: ViolationKind,
    readonly radiusM: number,
  ) {}
  g(rel: ArrayLike<number>): number {
    const x = rel[0]!;
    const y = rel[1]!;
    const z = rel[2]!;
    return Math.sqrt(x * x + y * y + z * z) - this.radiusM;
  }
}

/**
 * Ellipsoid with semi-axes along R, I, C: g = signed Euclidean distance to its surface, m
 * (positive outside), by Eberly's closest-point root (see ellipsoidDistance.ts).
 */
export class EllipsoidDetector implements Detector {
  readonly marginUnit = 'm';
  constructor(
    readonly kind: ViolationKind,
    readonly semiAxesM: readonly [number, number, number],
  ) {}
  g(rel: ArrayLike<number>): number {
    const e = this.semiAxesM;
    return signedDistanceToEllipsoidM(e[0], e[1], e[2], rel[0]!, rel[1]!, rel[2]!);
  }
}

/**
 * Approach corridor: within `withinM` of the target the spacecraft must stay inside the cone of
 * half-angle `halfAngleDeg` about `axis` (apex at the target). g = halfAngle - angle off the axis,
 * degrees; 180 (the largest possible margin) outside `withinM`, where the corridor does not apply.
 */
export class CorridorDetector implements Detector {
  readonly kind = 'corridor';
  readonly marginUnit = 'deg';
  private readonly ax: number;
  private readonly ay: number;
  private readonly az: number;
  constructor(
    axis: readonly [number, number, number],
    readonly halfAngleDeg: number,
    readonly withinM: number,
  ) {
    const norm = Math.hypot(axis[0], axis[1], axis[2]);
    this.ax = axis[0] / norm;
    this.ay = axis[1] / norm;
    this.az = axis[2] / norm;
  }
  g(rel: ArrayLike<number>): number {
    const x = rel[0]!;
    const y = rel[1]!;
    const z = rel[2]!;
    const range = Math.sqrt(x * x + y * y + z * z);
    if (range >= this.withinM) return 180;
    if (range === 0) return this.halfAngleDeg;
    const c = (x * this.ax + y * this.ay + z * this.az) / range;
    return this.halfAngleDeg - Math.acos(Math.max(-1, Math.min(1, c))) * RAD_TO_DEG;
  }
}

/**
 * Braking profile: the closing speed (-range rate, m/s) may not exceed a piecewise-linear
 * function of range given by gates sorted by range; beyond the first and last gates the end values
 * hold. g = allowed - closing speed, m/s.
 */
export class ClosingSpeedDetector implements Detector {
  readonly kind = 'closing-speed';
  readonly marginUnit = 'm/s';
  private readonly ranges: Float64Array;
  private readonly speeds: Float64Array;
  constructor(gates: readonly { rangeM: number; maxMps: number }[]) {
    const sorted = [...gates].sort((a, b) => a.rangeM - b.rangeM);
    this.ranges = Float64Array.from(sorted, (g) => g.rangeM);
    this.speeds = Float64Array.from(sorted, (g) => g.maxMps);
  }
  /** Allowed closing speed at `rangeM`, m/s. */
  allowedMps(rangeM: number): number {
    const r = this.ranges;
    const v = this.speeds;
    const last = r.length - 1;
    if (rangeM <= r[0]!) return v[0]!;
    if (rangeM >= r[last]!) return v[last]!;
    let i = 1;
    while (r[i]! < rangeM) i++;
    const f = (rangeM - r[i - 1]!) / (r[i]! - r[i - 1]!);
    return v[i - 1]! + f * (v[i]! - v[i - 1]!);
  }
  g(rel: ArrayLike<number>): number {
    const x = rel[0]!;
    const y = rel[1]!;
    const z = rel[2]!;
    const range = Math.sqrt(x * x + y * y + z * z);
    const closing = range > 0 ? -(x * rel[3]! + y * rel[4]! + z * rel[5]!) / range : 0;
    return this.allowedMps(range) - closing;
  }
}

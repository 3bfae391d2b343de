/**
 * Constraint detectors: one continuous function g(relative state) per constraint, positive when
 * safe, in a physical margin unit (Orekit's event-detector model). The monitor locates where g
 * crosses zero between integration nodes and keeps the worst margin. The shapes several kinds
 * share (sphere, ellipsoid) are here; a detector of one kind only lives in its constraint module
 * (src/constraints/).
 *
 * References:
 * [1] Maisonobe, Pommier and Parraud, "Orekit: an open-source library for operational flight
 *     dynamics applications", ICATT 2010 (g functions, event detection).
 * [2] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (keep-out zones, approach
 *     ellipsoid, approach corridors, braking profiles).
 */

import { signedDistanceToEllipsoidM } from './ellipsoidDistance.ts';

/**
 * The kinds of violation a run reports: the built-in ones (report format v1 names; `not-flown`, a
 * maneuver that never started, was added to v1 after the others) or one a constraint module
 * registered at run time (src/constraints/registry.ts).
 */
export type ViolationKind = BuiltinViolationKind | (string & {});

/** The violation kinds of the built-in constraint modules (src/constraints/). */
export type BuiltinViolationKind =
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
  /** Between two objects: whom it concerns (absent: both spacecraft of the pair, unnamed). */
  readonly names?: PairNames;
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
 * Whom a detector between two objects concerns, for violations that name both: the spacecraft
 * charged with the violation, the other object, and (a keep-out zone) whose zone it is.
 */
export interface PairNames {
  readonly chargedId: string;
  readonly withId: string;
  /** The id of the object whose keep-out zone the detector is (absent for a separation). */
  readonly zoneOf?: string;
}

/** A detector between two objects that names them (`names`); g is the inner detector's. */
export class NamedPairDetector implements Detector {
  readonly kind: ViolationKind;
  readonly marginUnit: Detector['marginUnit'];
  constructor(
    /** The detector whose g this one is. */
    readonly inner: Detector,
    readonly names: PairNames,
  ) {
    this.kind = inner.kind;
    this.marginUnit = inner.marginUnit;
  }
  g(rel: ArrayLike<number>): number {
    return this.inner.g(rel);
  }
}

/**
 * The radius, m, when `d` is a keep-out sphere (g = range - radius), alone or named for a pair;
 * -1 otherwise. The monitor computes such a g from the range it already has, with the same
 * operations as `SphereDetector.g` (so the same bits), instead of calling it.
 */
export function sphereRadiusM(d: Detector): number {
  const inner = d instanceof NamedPairDetector ? d.inner : d;
  return inner instanceof SphereDetector ? inner.radiusM : -1;
}

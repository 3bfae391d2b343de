/**
 * What a constraint kind is, in one place: the interface every module under src/constraints/
 * implements. A module declares the violation kind it reports (report format v1 names), its JSON
 * shape under the scenario's `constraints` (the zod piece the schema assembles), the detectors it
 * puts on the run's relative-state streams (against the target, and between two spacecraft), its
 * weight in the safety score, which spacecraft can incur it (the Monte Carlo violation bits), its
 * cross-field checks and its names in the app.
 *
 * Kinds checked by the scorer rather than by a detector (passive safety, the delta-v budget, a
 * maneuver not flown) are modules too, without detectors: their kind, weight, bit and names live
 * here, their computation in src/scoring/evaluate.ts.
 *
 * A module is consulted when a run is set up and when it is scored, never per integration step:
 * the hot loop calls only the detectors' `g`.
 */

import type * as z from 'zod';
import type { Detector, ViolationKind } from '../events/detectors.ts';
import type { Scenario } from '../scenario/schema.ts';

/** A path inside the scenario, e.g. ['constraints', 'closingSpeed', 1, 'rangeM']. */
export type ScenarioPath = (string | number)[];

/** One constraint kind (see the file header). */
export interface ConstraintModule {
  /** The violation kind reported, e.g. `corridor` (a fixed name of report format v1). */
  readonly kind: ViolationKind;
  /** The app's title of one violation event, e.g. "Outside the approach corridor". */
  readonly title: string;
  /** Short name in tables (the Monte Carlo panel), e.g. "Approach corridor". */
  readonly label: string;
  /**
   * Relative weight inside the safety points of the score (src/scoring/score.ts); absent: the
   * kind is not scored as safety.
   */
  readonly weight?: number;
  /**
   * The key under the scenario's `constraints` and its JSON shape; absent for a kind stated
   * elsewhere (the target's `keepOut`, a spacecraft's `budget`) or not stated at all.
   */
  readonly key?: string;
  readonly schema?: z.ZodType;
  /** The detectors between spacecraft `craftIndex` and the target (RIC state of the craft). */
  targetDetectors?(s: Scenario, craftIndex: number): Detector[];
  /**
   * The detectors between spacecraft `i` and `j` (i < j; the state of j relative to i). Each
   * must be symmetric under negation of the relative state (a sphere, a centred ellipsoid).
   */
  pairDetectors?(s: Scenario, i: number, j: number): Detector[];
  /** Whether spacecraft `craftIndex` can incur this kind in the scenario (Monte Carlo bits). */
  applies(s: Scenario, craftIndex: number): boolean;
  /** Checks across fields of a structurally valid scenario; `add` reports one problem. */
  validate?(s: Scenario, add: (path: ScenarioPath, message: string) => void): void;
}

/**
 * The value of a module's key under the scenario's `constraints` (undefined when not stated), for
 * modules whose key the static Scenario type does not know (one registered at run time).
 */
export function constraintSpec<T>(s: Scenario, key: string): T | undefined {
  const c = s.constraints as Record<string, unknown> | undefined;
  return c?.[key] as T | undefined;
}

/**
 * Declares a constraint module, keeping the literal types of its `kind`, `key` and `schema` (the
 * schema assembles the static Scenario type from the built-in ones).
 */
export function defineConstraint<const M extends ConstraintModule>(module: M): M {
  return module;
}

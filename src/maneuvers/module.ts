/**
 * What a maneuver type is, in one place: the interface every module under src/maneuvers/
 * implements (its JSON shape, its flight program, its burn count for the work limits, its editor
 * fields and its names), and the context through which the run flies it.
 *
 * A module is consulted when a maneuver starts (and by the schema, the validator, the limits,
 * the editor and the report), never per integration step: the run's time loop does not know
 * maneuver types.
 */

import type * as z from 'zod';
import type { DynamicsModel } from '../dynamics/model.ts';

/** A path inside a maneuver object, e.g. ['dvMps', 0] (as the editor's jsonText.ts spells it). */
export type PathArray = (string | number)[];

/** An [R, I, C] triple. */
export type Triple = [number, number, number];

/** The keys every maneuver has: its type, a label and its timing (one of tS, after, when). */
export interface ManeuverBase {
  type: string;
  label?: string | undefined;
  tS?: number | undefined;
  after?: number | undefined;
  when?: string | undefined;
}

/** A targeted leg: coast from the state reached to `toPositionM` (RIC, m) in `durationS` (s). */
export interface Leg {
  durationS: number;
  toPositionM: Triple;
}

/**
 * What the run gives a maneuver's flight program when the maneuver starts. Everything a program
 * schedules (later burns, leg departures, the end of a thrust arc) the run executes at its
 * instant, from the state reached then.
 */
export interface FlightContext {
  /** The spacecraft's dynamics (its integrated state is `y`). */
  readonly model: DynamicsModel;
  /** The spacecraft's integrated state now (do not modify: burn through `burn`). */
  readonly y: Float64Array;
  /** The RIC state now [x, y, z, xd, yd, zd], m and m/s (do not modify, do not keep). */
  readonly ric: Float64Array;
  /** Target mean motion, rad/s. */
  readonly nRadPerS: number;
  /** The scenario end, s since the epoch. */
  readonly endS: number;
  /** JSON path of the maneuver, e.g. `spacecraft[0].maneuvers[2]` (for errors). */
  readonly path: string;
  /** Whether the run applies execution errors (Monte Carlo): then plan checks are relaxed. */
  readonly perturbed: boolean;
  /** An impulse now (at the maneuver's start time), delta-v RIC, m/s. */
  burn(tS: number, dvMps: Triple): void;
  /**
   * Flies a chain of targeted legs from `t0S` (the first departure burn now), ending with a burn
   * to `finalVelocityMps` (RIC, m/s). Returns the end time, s.
   */
  flyLegs(t0S: number, legs: readonly Leg[], finalVelocityMps: Triple): number;
  /** At `endS`, a burn to the velocity `want(ric)` (RIC, m/s) of the state reached. Returns endS. */
  stopAt(endS: number, want: (ric: Float64Array) => Triple): number;
  /**
   * Constant thrust fixed in RIC from `tS` for `durationS`: `thrustRicN` (N), with the specific
   * impulse `ispS` (s) for the mass flow. Returns the end time, s.
   */
  thrust(tS: number, durationS: number, thrustRicN: Triple, ispS: number): number;
  /** Stops the run: `message` at the maneuver's path, or at its key `key`. */
  fail(key: string | null, message: string): never;
  /** Stops the run when the maneuver would fire `count` burns, over the run's limit. */
  checkBurnCount(count: number, key: string): void;
}

/** A numeric input of the form. */
export interface NumberFieldSpec {
  kind: 'number';
  /** Path inside the maneuver object, e.g. ['dvMps', 0]. */
  path: PathArray;
  /** Short label, e.g. "dv R". */
  label: string;
  /** Unit shown next to the input, e.g. "m/s"; '' for a pure number. */
  unit: string;
  /** Whole numbers only. */
  integer?: boolean;
  /** Left empty, the key is removed (the simulator then derives it). */
  optional?: boolean;
  /** What an empty optional field means, shown as its placeholder. */
  placeholder?: string;
}

/** A choice among fixed strings. */
export interface ChoiceFieldSpec {
  kind: 'choice';
  path: PathArray;
  label: string;
  options: readonly string[];
}

/** An optional vector (e.g. a transfer's arrival velocity): present or not, then 3 inputs. */
export interface OptionalVectorSpec {
  kind: 'optional-vector';
  /** The key, e.g. 'toVelocityMps'. */
  key: string;
  /** Checkbox text. */
  label: string;
  /** Input labels of R, I, C. */
  labels: [string, string, string];
  unit: string;
}

/**
 * A list of objects (e.g. a multi-waypoint transfer's points): each item shown with the same
 * numeric inputs, items added and removed.
 */
export interface ListFieldSpec {
  kind: 'list';
  /** The key of the list, e.g. 'points'. */
  key: string;
  /** What one item is called, e.g. "waypoint". */
  label: string;
  /** The inputs of one item, paths inside the item. */
  fields: readonly NumberFieldSpec[];
  /** A new item (added after the last; the last item, when there is one, is copied instead). */
  newItem: Readonly<Record<string, unknown>>;
  /** Fewest items the list may have (the remove button is disabled at it). */
  minItems: number;
}

/** One input (or group) of the form. */
export type FieldSpec = NumberFieldSpec | ChoiceFieldSpec | OptionalVectorSpec | ListFieldSpec;

/** A numeric input. */
export const num = (
  path: PathArray,
  label: string,
  unit: string,
  extra: Partial<NumberFieldSpec> = {},
): NumberFieldSpec => ({ kind: 'number', path, label, unit, ...extra });

/** Three numeric inputs for the R, I and C components of `key`. */
export const vector = (key: string, prefix: string, unit: string): NumberFieldSpec[] => [
  num([key, 0], `${prefix} R`, unit),
  num([key, 1], `${prefix} I`, unit),
  num([key, 2], `${prefix} C`, unit),
];

/** How the view names a burn of a maneuver. */
export interface BurnName {
  /** Its kind, e.g. `transfer-arrival`. */
  kind: string;
  /** Its name when the maneuver has no label, e.g. "Transfer arrival". */
  label: string;
  /** Added to the maneuver's label when it has one, e.g. " (arrival)". */
  labelSuffix?: string;
}

/** One maneuver type. `S` is the type of its JSON object, `Z` its zod schema. */
export interface ManeuverModule<
  Z extends z.ZodType<ManeuverBase> = z.ZodType<ManeuverBase>,
  S extends ManeuverBase = z.infer<Z>,
> {
  /** The `type` value in the JSON. */
  readonly type: string;
  /** Its name in menus and labels, e.g. "V-bar hop". */
  readonly title: string;
  /** Its JSON object (strict, with `type` and the timing keys), described for the JSON Schema. */
  readonly schema: Z;
  /**
   * Flies it from the state reached at its start `tS` (s): burns now, and schedules what comes
   * later. Returns its end time, s (tS for an instantaneous one).
   */
  fly(ctx: FlightContext, spec: S, tS: number): number;
  /** How long it lasts once started, s (0 for an instantaneous one); nRadPerS the mean motion. */
  durationS(spec: S, nRadPerS: number): number;
  /**
   * Whether its length depends on the state it starts from (a drift: the distance over the
   * rate): `durationS` then gives 0, and the run reports when it actually ends.
   */
  readonly lengthFromStart?: boolean;
  /** The key that sets its length, named when it cannot end within the run (default `durationS`). */
  readonly lengthKey?: string;
  /**
   * Most burns it can fire when it may run for `spanS` seconds (the work limits count these
   * before a run).
   */
  maxBurns(spec: S, spanS: number): number;
  /** The key that drives a large burn count, named in the limit's error (e.g. `durationS`). */
  readonly burnCountKey?: string;
  /**
   * Length of each targeted leg it flies (of the worst posed one, when they differ), s, and the
   * key (or path inside the maneuver) that sets it, checked for targeting; nRadPerS the mean
   * motion.
   */
  targetedLeg?(spec: S, nRadPerS: number): { legS: number; key: string | PathArray };
  /** Propellant it burns by its end, kg (a finite burn: its mass is then required). */
  propellantKg?(spec: S): number;
  /** Specific impulse of its thrust, s, when it has its own (a finite burn). */
  ispS?(spec: S): number;
  /** Form inputs (label and timing apart), in display order. */
  readonly fields: readonly FieldSpec[];
  /** The keys a new maneuver of this type gets after `type`, `label` and the timing. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** How the view names one of its burns (default: kind = type, label = title). */
  burnName?(burn: { missM?: number | undefined }): BurnName;
}

/** Declares a maneuver module, inferring the JSON object type from its schema. */
export function defineManeuver<Z extends z.ZodType<ManeuverBase>>(
  module: ManeuverModule<Z, z.infer<Z>>,
): ManeuverModule<Z, z.infer<Z>> {
  return module;
}

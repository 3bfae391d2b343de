/**
 * The constraint kinds: `kind` -> module (./module.ts). The schema assembles the scenario's
 * `constraints` object from the modules' JSON shapes, the run puts their detectors on its
 * streams, the scorer reads their weights, Monte Carlo their bits (the list order), the validator
 * their cross-field checks and the app their names.
 *
 * Adding a constraint kind is one new module file plus one line in BUILTIN_CONSTRAINTS (and, for
 * one with a JSON key, its line in BuiltinConstraintShape, so that TypeScript knows the key's
 * type); see README, "Architecture". `registerConstraint` adds one at run time (a test's exercise
 * constraint): the schema is rebuilt on its next use.
 */

import type { ViolationKind } from '../events/detectors.ts';
import { approachEllipsoid, type approachEllipsoidSchema } from './approachEllipsoid.ts';
import { budget } from './budget.ts';
import { closingSpeed, type closingSpeedSchema } from './closingSpeed.ts';
import { corridor, type corridorSchema } from './corridor.ts';
import { keepOut } from './keepOut.ts';
import type { ConstraintModule } from './module.ts';
import { notFlown } from './notFlown.ts';
import { passiveSafety, type passiveSafetySchema } from './passiveSafety.ts';
import { separation, type separationSchema } from './separation.ts';

/**
 * The constraint kinds of format v1, in the bit order of the Monte Carlo violation masks (and the
 * order of the detectors, of the report's `constraints` and of the JSON keys).
 */
export const BUILTIN_CONSTRAINTS: readonly ConstraintModule[] = [
  keepOut,
  approachEllipsoid,
  corridor,
  closingSpeed,
  passiveSafety,
  separation,
  budget,
  notFlown,
];

/** The static type of the built-in keys under the scenario's `constraints`. */
export type BuiltinConstraintShape = {
  approachEllipsoid: typeof approachEllipsoidSchema;
  corridor: typeof corridorSchema;
  closingSpeed: typeof closingSpeedSchema;
  passiveSafety: typeof passiveSafetySchema;
  separationM: typeof separationSchema;
};

/** Most kinds a Monte Carlo violation mask (a 32-bit integer) can hold. */
const MAX_KINDS = 31;

const modules = new Map<string, ConstraintModule>(BUILTIN_CONSTRAINTS.map((m) => [m.kind, m]));
let list: readonly ConstraintModule[] = BUILTIN_CONSTRAINTS;
let version = 0;

/** Every registered constraint module, in bit order. */
export function constraintModules(): readonly ConstraintModule[] {
  return list;
}

/** The module of a violation kind, or undefined for a kind no module declares. */
export function constraintModule(kind: ViolationKind): ConstraintModule | undefined {
  return modules.get(kind);
}

/** The shape of the scenario's `constraints` object: every registered module's key, in order. */
export function constraintsShape(
  of: readonly ConstraintModule[] = list,
): Record<string, NonNullable<ConstraintModule['schema']>> {
  const shape: Record<string, NonNullable<ConstraintModule['schema']>> = {};
  for (const m of of) if (m.key !== undefined && m.schema !== undefined) shape[m.key] = m.schema;
  return shape;
}

/**
 * Adds a constraint kind at run time, after the built-in ones (a plug-in, or a test's exercise
 * constraint). @throws Error when the kind or its key is taken, or the masks are full
 */
export function registerConstraint(module: ConstraintModule): void {
  if (modules.has(module.kind)) throw new Error(`constraint kind "${module.kind}" already exists`);
  if (module.key !== undefined && list.some((m) => m.key === module.key))
    throw new Error(`constraint key "${module.key}" already exists`);
  if (list.length >= MAX_KINDS) throw new Error(`at most ${MAX_KINDS} constraint kinds`);
  modules.set(module.kind, module);
  list = [...list, module];
  version++;
}

/** Removes a kind added by `registerConstraint` (tests clean up with it). */
export function unregisterConstraint(kind: ViolationKind): void {
  if (BUILTIN_CONSTRAINTS.some((m) => m.kind === kind))
    throw new Error(`constraint kind "${kind}" is built in`);
  if (modules.delete(kind)) {
    list = list.filter((m) => m.kind !== kind);
    version++;
  }
}

/** Changes whenever the set of constraint kinds does (so the schema knows to rebuild). */
export function constraintRegistryVersion(): number {
  return version;
}

/**
 * The maneuver types: `type` -> module (./module.ts). The schema assembles its maneuver union
 * from this list, the run flies a maneuver through its module, and the work limits, validator,
 * editor form and report read names, fields and counts from it.
 *
 * Adding a maneuver type is one new module file plus one line in BUILTIN_MANEUVERS (see README,
 * "Architecture"). `registerManeuver` adds one at run time (a test's exercise maneuver): the
 * schema is rebuilt on its next use.
 */

import { circumnavigation } from './circumnavigation.ts';
import { drift } from './drift.ts';
import { finite } from './finite.ts';
import { football } from './football.ts';
import { glideslope } from './glideslope.ts';
import { hold } from './hold.ts';
import { impulse } from './impulse.ts';
import type { ManeuverModule } from './module.ts';
import { rbarHop } from './rbarHop.ts';
import { teardrop } from './teardrop.ts';
import { transfer } from './transfer.ts';
import { vbarHop } from './vbarHop.ts';
import { waypoints } from './waypoints.ts';

/** The maneuver types of format v1, in the order of the type menu and the schema's union. */
export const BUILTIN_MANEUVERS = [
  impulse,
  finite,
  transfer,
  football,
  vbarHop,
  rbarHop,
  teardrop,
  hold,
  glideslope,
  drift,
  circumnavigation,
  waypoints,
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own spec type
type AnyManeuver = ManeuverModule<any, any>;

const modules = new Map<string, AnyManeuver>(BUILTIN_MANEUVERS.map((m) => [m.type, m]));
let version = 0;

/** Every registered maneuver module, in menu order. */
export function maneuverModules(): readonly AnyManeuver[] {
  return [...modules.values()];
}

/** The module of a maneuver type; throws for a type no module declares (the schema refuses it). */
export function maneuverModule(type: string): AnyManeuver {
  const m = modules.get(type);
  if (!m) throw new Error(`internal: no maneuver module for type "${type}"`);
  return m;
}

/** Whether `type` is a registered maneuver type. */
export function hasManeuverType(type: unknown): type is string {
  return typeof type === 'string' && modules.has(type);
}

/**
 * Adds a maneuver type at run time, after the built-in ones (a plug-in, or a test's exercise
 * maneuver). @throws Error when the type is taken
 */
export function registerManeuver(module: AnyManeuver): void {
  if (modules.has(module.type)) throw new Error(`maneuver type "${module.type}" already exists`);
  modules.set(module.type, module);
  version++;
}

/** Removes a type added by `registerManeuver` (tests clean up with it). */
export function unregisterManeuver(type: string): void {
  if (BUILTIN_MANEUVERS.some((m) => m.type === type))
    throw new Error(`maneuver type "${type}" is built in`);
  if (modules.delete(type)) version++;
}

/** Changes whenever the set of maneuver types does (so the schema knows to rebuild). */
export function maneuverRegistryVersion(): number {
  return version;
}

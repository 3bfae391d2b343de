/**
 * The ghost of the truth: the same scenario flown in the other dynamics model (Clohessy-Wiltshire
 * against the nonlinear two-body motion), and its difference from the run, so that the app can
 * show where the linear model stops being true.
 *
 * The ghost is the scenario with only `dynamics` replaced: the same initial states, the same
 * maneuver program (a targeted maneuver solves its targeting in the ghost's model, as a run in
 * that model would). Which model is "the other one" is one table, `GHOST_OF`: a model kind added
 * to the dynamics registry (./dynamics/registry.ts) gets a ghost by one entry there.
 */

import type { Scenario } from '../scenario/schema.ts';
import { BUILTIN_DYNAMICS } from './dynamics/registry.ts';
import type { DynamicsModule } from './dynamics/module.ts';

/**
 * For each `dynamics` value, the models its ghost may fly, in order of preference: the first
 * that serves the target's orbit type (a registry module with that `dynamics` and orbit) is the
 * ghost. A circular target: CW against the nonlinear model both ways; an eccentric target
 * (`elliptical`, `elements`) flown in two-body motion: the Yamanaka-Ankersen linear model, and
 * back; the perturbed truth: the unperturbed nonlinear (two-body) motion.
 */
export const GHOST_OF: Readonly<Record<string, readonly string[]>> = {
  cw: ['nonlinear'],
  nonlinear: ['cw', 'ya'],
  ya: ['nonlinear'],
  perturbed: ['nonlinear'],
};

/**
 * The dynamics module the ghost of `s` flies, or null when there is none for its model and
 * target orbit.
 * @param s the scenario
 * @param registry the dynamics model kinds (default: the built-in ones)
 */
export function ghostModule(
  s: Scenario,
  registry: readonly DynamicsModule[] = BUILTIN_DYNAMICS,
): DynamicsModule | null {
  const orbit = s.target.orbit.type;
  for (const name of GHOST_OF[s.dynamics] ?? []) {
    const m = registry.find((d) => d.dynamics === name && d.orbits.includes(orbit));
    if (m) return m;
  }
  return null;
}

/**
 * The scenario of the ghost: `s` with the ghost's `dynamics`, or null when there is no ghost.
 * @param s the scenario
 * @param registry the dynamics model kinds (default: the built-in ones)
 */
export function ghostScenario(
  s: Scenario,
  registry: readonly DynamicsModule[] = BUILTIN_DYNAMICS,
): Scenario | null {
  const m = ghostModule(s, registry);
  return m ? { ...s, dynamics: m.dynamics } : null;
}

/** Why `s` has no ghost (one sentence), for the toggle's tooltip. */
export function noGhostReason(s: Scenario): string {
  return `no other model flies "dynamics": "${s.dynamics}" about a ${s.target.orbit.type} target`;
}

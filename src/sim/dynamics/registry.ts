/**
 * The dynamics model kinds: (`dynamics`, target orbit type) -> module (./module.ts).
 * `createModel` and `initialModelState` (../setup.ts) build a spacecraft's model through it.
 *
 * Adding a model kind is one new module file plus one line in BUILTIN_DYNAMICS (see README,
 * "Architecture").
 */

import type { Scenario } from '../../scenario/schema.ts';
import { cwModule } from './cw.ts';
import type { DynamicsModule } from './module.ts';
import { nonlinearCircularModule } from './nonlinearCircular.ts';
import { perturbedModule } from './perturbed.ts';
import { twoBodyModule } from './twoBody.ts';
import { yaModule } from './ya.ts';

/** The dynamics model kinds of format v1; each (dynamics, orbit type) pair is served by one. */
export const BUILTIN_DYNAMICS: readonly DynamicsModule[] = [
  cwModule,
  nonlinearCircularModule,
  twoBodyModule,
  perturbedModule,
  yaModule,
];

/**
 * The module serving the scenario's `dynamics` value and target orbit type.
 * @throws Error when none does (validation refuses such a scenario first)
 */
export function dynamicsModule(s: Scenario): DynamicsModule {
  const orbit = s.target.orbit.type;
  const m = BUILTIN_DYNAMICS.find((d) => d.dynamics === s.dynamics && d.orbits.includes(orbit));
  if (!m)
    throw new Error(`internal: no dynamics model for "${s.dynamics}" about a ${orbit} target`);
  return m;
}

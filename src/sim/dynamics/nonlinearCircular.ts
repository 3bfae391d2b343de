/** Exact nonlinear relative two-body dynamics about a circular target (`"dynamics": "nonlinear"`). */

import { GEO_RADIUS_M } from '../../core/constants.ts';
import { NonlinearCircularDynamics } from '../../dynamics/nonlinear.ts';
import { targetMeanMotionRadPerS } from '../../scenario/derived.ts';
import type { TargetOrbitSpec } from '../../scenario/schema.ts';
import { ricInitialState, type DynamicsModule } from './module.ts';

/** Radius of a circular target orbit, m. */
export function circularRadiusM(orbit: TargetOrbitSpec): number {
  if (orbit.type === 'geo') return GEO_RADIUS_M;
  if (orbit.type === 'circular') return orbit.radiusM;
  throw new Error(`internal: a ${orbit.type} target orbit is not circular`);
}

/** Nonlinear relative equations in RIC about the circular target. */
export const nonlinearCircularModule: DynamicsModule = {
  title: 'nonlinear relative (circular target)',
  dynamics: 'nonlinear',
  orbits: ['geo', 'circular'],
  create: (s) =>
    new NonlinearCircularDynamics(
      targetMeanMotionRadPerS(s.target.orbit),
      circularRadiusM(s.target.orbit),
    ),
  initialState: (_s, model, ric) => ricInitialState(model, ric),
};

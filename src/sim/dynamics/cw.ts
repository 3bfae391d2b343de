/** Clohessy-Wiltshire dynamics about a circular target (`"dynamics": "cw"`). */

import { CwDynamics } from '../../dynamics/cw.ts';
import { targetMeanMotionRadPerS } from '../../scenario/derived.ts';
import { ricInitialState, type DynamicsModule } from './module.ts';

/** CW equations at the target's mean motion, integrated in RIC. */
export const cwModule: DynamicsModule = {
  title: 'Clohessy-Wiltshire',
  dynamics: 'cw',
  orbits: ['geo', 'circular'],
  create: (s) => new CwDynamics(targetMeanMotionRadPerS(s.target.orbit)),
  initialState: (_s, model, ric) => ricInitialState(model, ric),
};

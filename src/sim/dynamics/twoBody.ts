/**
 * Two-body dynamics of an elliptical or element-set target (`"dynamics": "nonlinear"`): target
 * and spacecraft propagated in the inertial frame, mapped to RIC. It also flies a maneuvering
 * circular target (../setup.ts chooses it then; the registry keeps serving circular targets with
 * the relative model).
 */

import { DEG_TO_RAD, MU_EARTH_M3_S2 } from '../../core/constants.ts';
import { keplerStateEci, TwoBodyDynamics } from '../../dynamics/twobody.ts';
import { targetInitialEci } from '../../formats/scenarioElements.ts';
import type { DynamicsModule } from './module.ts';
import { circularRadiusM } from './nonlinearCircular.ts';

/** Inertial two-body model; the initial state starts with the target's ECI state at the epoch. */
export const twoBodyModule: DynamicsModule = {
  title: 'two-body (inertial)',
  dynamics: 'nonlinear',
  orbits: ['elliptical', 'elements'],
  create: () => new TwoBodyDynamics(MU_EARTH_M3_S2),
  initialState(s, model, ric) {
    const y = new Float64Array(model.stateSize);
    const orbit = s.target.orbit;
    if (orbit.type === 'elements') y.set(targetInitialEci(orbit, s.epoch));
    if (orbit.type === 'geo' || orbit.type === 'circular') {
      // a maneuvering circular target (../setup.ts): the orbit in the equatorial plane, from +x
      keplerStateEci(circularRadiusM(orbit), 0, 0, MU_EARTH_M3_S2, y);
    }
    if (orbit.type === 'elliptical') {
      keplerStateEci(
        orbit.semiMajorAxisM,
        orbit.eccentricity,
        orbit.trueAnomalyDeg * DEG_TO_RAD,
        MU_EARTH_M3_S2,
        y,
      );
    }
    model.setRic(y, ric);
    return y;
  },
};

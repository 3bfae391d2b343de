/**
 * Yamanaka-Ankersen linear relative motion (`"dynamics": "ya"`) about a target on any Keplerian
 * orbit: the closed-form state transition matrix of src/dynamics/ya.ts carries the RIC state over
 * each step. A circular target (geo, circular) gives the CW solution.
 */

import { GEO_RADIUS_M, MU_EARTH_M3_S2 } from '../../core/constants.ts';
import { YaDynamics, type EllipticTarget } from '../../dynamics/ya.ts';
import { targetInitialEci } from '../../formats/scenarioElements.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { ricInitialState, type DynamicsModule } from './module.ts';

/**
 * The target's Keplerian orbit at the epoch: as written (elliptical), circular (geo, circular:
 * e = 0, the true anomaly counted from the epoch) or through its SGP4 state (elements).
 */
export function ellipticTargetAtEpoch(s: Scenario): EllipticTarget {
  const orbit = s.target.orbit;
  const mu = MU_EARTH_M3_S2;
  switch (orbit.type) {
    case 'geo':
      return { semiMajorAxisM: GEO_RADIUS_M, eccentricity: 0, trueAnomalyRad: 0, muM3S2: mu };
    case 'circular':
      return { semiMajorAxisM: orbit.radiusM, eccentricity: 0, trueAnomalyRad: 0, muM3S2: mu };
    case 'elliptical':
      return {
        semiMajorAxisM: orbit.semiMajorAxisM,
        eccentricity: orbit.eccentricity,
        trueAnomalyRad: (orbit.trueAnomalyDeg * Math.PI) / 180,
        muM3S2: mu,
      };
    case 'elements':
      return ellipticTargetOfState(targetInitialEci(orbit, s.epoch), mu);
  }
}

/**
 * The Keplerian orbit through an inertial state: semi-major axis, eccentricity and true anomaly.
 * @param x position and velocity [r(3), v(3)], m and m/s (ECI)
 * @param mu gravitational parameter, m^3/s^2
 */
export function ellipticTargetOfState(x: ArrayLike<number>, mu: number): EllipticTarget {
  const r = Math.hypot(x[0]!, x[1]!, x[2]!);
  const v2 = x[3]! * x[3]! + x[4]! * x[4]! + x[5]! * x[5]!;
  const rv = x[0]! * x[3]! + x[1]! * x[4]! + x[2]! * x[5]!;
  // e cos(nu) = p / r - 1 and e sin(nu) = sqrt(p / mu) (r . v) / r, p = h^2 / mu
  const hx = x[1]! * x[5]! - x[2]! * x[4]!;
  const hy = x[2]! * x[3]! - x[0]! * x[5]!;
  const hz = x[0]! * x[4]! - x[1]! * x[3]!;
  const p = (hx * hx + hy * hy + hz * hz) / mu;
  const eCos = p / r - 1;
  const eSin = (Math.sqrt(p / mu) * rv) / r;
  return {
    semiMajorAxisM: 1 / (2 / r - v2 / mu),
    eccentricity: Math.hypot(eCos, eSin),
    trueAnomalyRad: Math.atan2(eSin, eCos),
    muM3S2: mu,
  };
}

/** The YA model; its state is the RIC state. */
export const yaModule: DynamicsModule = {
  title: 'Yamanaka-Ankersen (linear, Keplerian target)',
  dynamics: 'ya',
  orbits: ['geo', 'circular', 'elliptical', 'elements'],
  create: (s) => new YaDynamics(ellipticTargetAtEpoch(s)),
  initialState: (_s, model, ric) => ricInitialState(model, ric),
};

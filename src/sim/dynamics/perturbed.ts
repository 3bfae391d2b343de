/**
 * Perturbed truth (`"dynamics": "perturbed"`): target and spacecraft in the inertial frame under
 * two-body gravity plus the forces of `forces` (J2, Sun, Moon, solar pressure; each default on),
 * the offset in Encke form (src/dynamics/perturbed.ts), mapped to RIC. Serves every target orbit.
 */

import { MU_EARTH_M3_S2 } from '../../core/constants.ts';
import {
  PerturbationEphemeris,
  PerturbedDynamics,
  type PerturbationForces,
  type SrpProperties,
} from '../../dynamics/perturbed.ts';
import { targetInitialEci } from '../../formats/scenarioElements.ts';
import { propagationSpanS } from '../../scenario/derived.ts';
import type { Scenario, SrpSpec } from '../../scenario/schema.ts';
import type { DynamicsModule } from './module.ts';

/** The forces a scenario switches on (`forces`, each key defaulting to true). */
export function scenarioForces(s: Scenario): PerturbationForces {
  const f = s.forces ?? {};
  return { j2: f.j2 ?? true, sun: f.sun ?? true, moon: f.moon ?? true, srp: f.srp ?? true };
}

/** Solar-pressure properties of an object; no `srp` block: no solar pressure (zero area). */
export function srpProperties(holder: { massKg?: number; srp?: SrpSpec }): SrpProperties {
  const p = holder.srp;
  if (p === undefined || holder.massKg === undefined)
    return { areaM2: 0, massKg: 1, reflectivity: 0 };
  return { areaM2: p.areaM2, massKg: holder.massKg, reflectivity: p.reflectivity };
}

/** One Sun and Moon table per scenario object, shared by all its models (run, legs, drifts). */
const ephemerides = new WeakMap<Scenario, PerturbationEphemeris>();

/**
 * The scenario's Sun and Moon table, over [0, `propagationSpanS`] (built once per scenario
 * object: about 3 astronomy-engine calls per 1800 s).
 */
export function scenarioEphemeris(s: Scenario): PerturbationEphemeris {
  let e = ephemerides.get(s);
  if (e === undefined) {
    e = new PerturbationEphemeris(Date.parse(s.epoch), 0, propagationSpanS(s));
    ephemerides.set(s, e);
  }
  return e;
}

/** The perturbed model; the initial state starts with the target's ECI state at the epoch. */
export const perturbedModule: DynamicsModule = {
  title: 'perturbed (J2, Sun, Moon, solar pressure)',
  dynamics: 'perturbed',
  orbits: ['geo', 'circular', 'elliptical', 'elements'],
  create: (s, i) =>
    new PerturbedDynamics({
      muM3S2: MU_EARTH_M3_S2,
      forces: scenarioForces(s),
      ephemeris: scenarioEphemeris(s),
      target: srpProperties(s.target),
      spacecraft: srpProperties(s.spacecraft[i]!),
    }),
  initialState(s, model, ric) {
    const y = new Float64Array(model.stateSize);
    y.set(targetInitialEci(s.target.orbit, s.epoch));
    model.setRic(y, ric);
    return y;
  },
};

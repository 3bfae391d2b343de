/**
 * Facts that follow from a scenario's fields alone (no validation, no parsing): JSON path
 * formatting, the target's mean motion, maneuver lengths, the names trigger conditions may read.
 * Kept apart from validate.ts so that the run (and Monte Carlo workers) need not load the
 * expression parser (mathjs) for scenarios without triggers.
 */

import { GEO_RADIUS_M, meanMotionRadPerS, MU_EARTH_M3_S2 } from '../core/constants.ts';
import { rk4MaxSubStepS } from '../dynamics/model.ts';
import { elementsMeanMotionRadPerS, elementsOrbitShape } from '../formats/scenarioElements.ts';
import type { ManeuverSpec, Scenario, TargetOrbitSpec } from './schema.ts';
import type { BurnRecord } from '../sim/types.ts';
import { maneuverModule } from '../maneuvers/registry.ts';

/** Longest key echoed in a path, characters; a longer one is cut and ends in an ellipsis. */
export const MAX_ECHOED_KEY_CHARS = 80;

/**
 * Formats a path array as `a.b[0].c`. An empty key is written `""` (so it is not mistaken for the
 * whole file) and a key longer than {@link MAX_ECHOED_KEY_CHARS} is cut.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      continue;
    }
    let name = String(key);
    if (name === '') name = '""';
    else if (name.length > MAX_ECHOED_KEY_CHARS) name = `${name.slice(0, MAX_ECHOED_KEY_CHARS)}…`;
    out += out === '' ? name : `.${name}`;
  }
  return out;
}

/**
 * Mean motion of the target orbit, rad/s (for elliptical orbits the Keplerian mean motion; for
 * an element set, that of the two-body orbit through its SGP4 state at `epoch`, NaN if the
 * element set is unusable or no epoch is given).
 * @param epoch the scenario epoch (ISO 8601 UTC), needed for `elements`
 */
export function targetMeanMotionRadPerS(orbit: TargetOrbitSpec, epoch?: string): number {
  switch (orbit.type) {
    case 'geo':
      return meanMotionRadPerS(GEO_RADIUS_M);
    case 'circular':
      return meanMotionRadPerS(orbit.radiusM);
    case 'elliptical':
      return meanMotionRadPerS(orbit.semiMajorAxisM);
    case 'elements':
      return epoch === undefined ? Number.NaN : elementsMeanMotionRadPerS(orbit, epoch);
  }
}

/** Drift length of the passive-safety analysis when the scenario sets none, orbits. */
export const DEFAULT_PASSIVE_ORBITS = 1;

/**
 * Time after the epoch that a scenario's propagations may reach, s: twice the run (a targeted
 * leg, at most as long as the run, whose trial arcs start as late as its end), plus the longest
 * passive-safety free drift (`orbits` target periods) and one day of margin (Monte Carlo
 * delays). Tables of time-dependent forces (the perturbed model's Sun and Moon) cover it.
 */
export function propagationSpanS(
  s: Pick<Scenario, 'target' | 'durationS' | 'epoch' | 'constraints'>,
): number {
  const periodS = (2 * Math.PI) / targetMeanMotionRadPerS(s.target.orbit, s.epoch);
  const orbits = s.constraints?.passiveSafety?.orbits ?? DEFAULT_PASSIVE_ORBITS;
  return 2 * s.durationS + orbits * periodS + 86_400;
}

/**
 * Longest RK4 sub-step of a scenario's runs, s (`rk4MaxSubStepS` for the target's orbit and the
 * run's length): the models split every longer step into equal sub-steps, and the work limits
 * count them.
 */
export function scenarioMaxSubStepS(s: Pick<Scenario, 'target' | 'durationS' | 'epoch'>): number {
  const orbit = s.target.orbit;
  switch (orbit.type) {
    case 'elliptical':
      return rk4MaxSubStepS(orbit.semiMajorAxisM, orbit.eccentricity, s.durationS, MU_EARTH_M3_S2);
    case 'elements': {
      const shape = elementsOrbitShape(orbit, s.epoch);
      return rk4MaxSubStepS(shape.semiMajorAxisM, shape.eccentricity, s.durationS, MU_EARTH_M3_S2);
    }
    default:
      return rk4MaxSubStepS(
        orbit.type === 'geo' ? GEO_RADIUS_M : orbit.radiusM,
        0,
        s.durationS,
        MU_EARTH_M3_S2,
      );
  }
}

/**
 * The variables a trigger condition (`when`) may read, in the order of the evaluation vector:
 * sim time (s), range to the target (m), range rate (m/s, negative closing), RIC position (m),
 * RIC velocity (m/s, rotating frame), sun phase angle at the target seen from the spacecraft (deg).
 */
export const TRIGGER_VARIABLES: readonly string[] = [
  'tS',
  'rangeM',
  'rangeRateMps',
  'rM',
  'iM',
  'cM',
  'vrMps',
  'viMps',
  'vcMps',
  'sunPhaseDeg',
];

/**
 * What each of {@link TRIGGER_VARIABLES} holds, with its unit and frame, for editor help and
 * completion. Look names up only from that list (this is a plain object: `constructor` is not a
 * variable).
 */
export const TRIGGER_VARIABLE_INFO: Readonly<Record<string, string>> = Object.freeze({
  tS: 'time since the epoch, s',
  rangeM: 'range to the target, m',
  rangeRateMps: 'range rate, m/s (negative when closing)',
  rM: 'radial position (RIC), m',
  iM: 'in-track position (RIC), m',
  cM: 'cross-track position (RIC), m',
  vrMps: 'radial velocity (RIC, rotating frame), m/s',
  viMps: 'in-track velocity (RIC, rotating frame), m/s',
  vcMps: 'cross-track velocity (RIC, rotating frame), m/s',
  sunPhaseDeg: 'sun phase angle sun-target-spacecraft, deg (0: sun behind the spacecraft)',
});

/**
 * How long a maneuver lasts once started, s (0 for an impulsive one), from its module.
 * @param nRadPerS target mean motion, rad/s (hops last half or one orbit)
 */
export function maneuverDurationS(m: ManeuverSpec, nRadPerS: number): number {
  return maneuverModule(m.type).durationS(m, nRadPerS);
}

/**
 * Whether a spacecraft is not ours (`"role": "non-cooperative"`): it earns no score, no constraint
 * applies to it, and our inspectors keep out of its `keepOut` and their separation from it. The
 * default role, `"inspector"`, is ours.
 */
export function isNonCooperative(sc: {
  role?: 'inspector' | 'non-cooperative' | undefined;
}): boolean {
  return sc.role === 'non-cooperative';
}

/**
 * The target's burns in time order: each `target.maneuvers` impulse at its `tS`, or `after`
 * seconds after the previous one (s since the epoch; delta-v in the target's RIC, m/s).
 */
export function targetPlan(s: Scenario): BurnRecord[] {
  let prevS = 0;
  return (s.target.maneuvers ?? []).map((m, index) => {
    const tS = m.tS ?? prevS + (m.after ?? 0);
    prevS = tS;
    return {
      tS,
      frame: 'RIC',
      dvMps: [m.dvMps[0], m.dvMps[1], m.dvMps[2]],
      maneuver: m.type,
      maneuverIndex: index,
    };
  });
}

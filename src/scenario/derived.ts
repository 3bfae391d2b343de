/**
 * Facts that follow from a scenario's fields alone (no validation, no parsing): JSON path
 * formatting, the target's mean motion, maneuver lengths, the names trigger conditions may read.
 * Kept apart from validate.ts so that the run (and Monte Carlo workers) need not load the
 * expression parser (mathjs) for scenarios without triggers.
 */

import { GEO_RADIUS_M, meanMotionRadPerS } from '../core/constants.ts';
import { elementsMeanMotionRadPerS } from '../formats/scenarioElements.ts';
import type { ManeuverSpec, TargetOrbitSpec } from './schema.ts';

/** Formats a path array as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
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
 * How long a maneuver lasts once started, s (0 for an impulsive one).
 * @param nRadPerS target mean motion, rad/s (hops last half or one orbit)
 */
export function maneuverDurationS(m: ManeuverSpec, nRadPerS: number): number {
  switch (m.type) {
    case 'finite':
    case 'transfer':
    case 'hold':
    case 'glideslope':
      return m.durationS;
    case 'vbar-hop':
      return m.burns === 'radial' ? Math.PI / nRadPerS : (2 * Math.PI) / nRadPerS;
    case 'rbar-hop':
      return Math.PI / nRadPerS;
    case 'teardrop':
      return m.periodS * m.cycles;
    case 'impulse':
    case 'football':
      return 0;
  }
}

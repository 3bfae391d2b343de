/**
 * Element sets inside a scenario (`target.orbit` `{ "type": "elements" }`, `spacecraft[].initial`
 * `{ "frame": "elements" }`): their states at the epoch, the RIC offsets they give, the GEO slot
 * of every object, and the problems and warnings they raise.
 *
 * A target given by elements starts from its SGP4 state at the epoch (TEME -> the engine's ECI,
 * elements.ts) and is then propagated by the two-body model (`TwoBodyDynamics`, the `elliptical`
 * path); a spacecraft given by elements starts at its SGP4 state, expressed in the target's RIC
 * frame at the epoch (the Cartesian mapping, rotating-frame rates).
 */

import type { ObjectSlot } from './slots.ts';
import { GEO_RADIUS_M, MU_EARTH_M3_S2 } from '../core/constants.ts';
import { geoTargetGeometry, type TargetOrbitGeometry } from '../core/lighting.ts';
import { keplerStateEci } from '../dynamics/twobody.ts';
import type { Scenario, TargetOrbitSpec } from '../scenario/schema.ts';
import {
  ElementsError,
  elementsState,
  geoSlot,
  isNearGeo,
  type ElementSet,
  type ElementsState,
} from './elements.ts';
import { OpmError, opmStateEci, parseOpm } from './opmImport.ts';
import { inertialToRic, ricToInertial } from './trajectory.ts';

/** Age of an element set beyond which its SGP4 state is flagged, days. */
export const ELEMENTS_MAX_AGE_DAYS = 3;

const cache = new WeakMap<object, { epochMs: number; state: ElementsState }>();

/** The scenario objects that hold an element set: an `elements` orbit or initial state. */
interface ElementsHolder {
  tle?: readonly string[] | undefined;
  omm?: Readonly<Record<string, unknown>> | undefined;
}

/** The element set of a holder. */
function elementSetOf(spec: ElementsHolder): ElementSet {
  return spec.tle !== undefined ? { tle: spec.tle } : { omm: spec.omm ?? {} };
}

/**
 * SGP4 state at the scenario epoch of the element set an orbit or initial state holds (cached
 * per object and epoch).
 * @param where JSON path of the holder, for messages
 */
export function elementsAtEpoch(spec: ElementsHolder, epoch: string, where: string): ElementsState {
  const epochMs = Date.parse(epoch);
  const hit = cache.get(spec);
  if (hit && hit.epochMs === epochMs) return hit.state;
  const state = elementsState(elementSetOf(spec), epochMs, where);
  cache.set(spec, { epochMs, state });
  return state;
}

/**
 * The target's state at the epoch in the engine's ECI frame (true of date at the epoch), m and
 * m/s, for every orbit type.
 */
export function targetInitialEci(orbit: TargetOrbitSpec, epoch: string): Float64Array {
  const out = new Float64Array(6);
  switch (orbit.type) {
    case 'elements':
      out.set(elementsAtEpoch(orbit, epoch, 'target.orbit').stateEci);
      return out;
    case 'elliptical':
      return keplerStateEci(
        orbit.semiMajorAxisM,
        orbit.eccentricity,
        (orbit.trueAnomalyDeg * Math.PI) / 180,
        MU_EARTH_M3_S2,
        out,
      );
    default: {
      const r = orbit.type === 'geo' ? GEO_RADIUS_M : orbit.radiusM;
      const g = geoTargetGeometry(
        Date.parse(epoch),
        orbit.type === 'geo' ? orbit.longitudeDeg : 0,
        r,
      );
      const v = r * g.meanMotionRadPerS;
      out.set([
        r * Math.cos(g.raAtEpochRad),
        r * Math.sin(g.raAtEpochRad),
        0,
        -v * Math.sin(g.raAtEpochRad),
        v * Math.cos(g.raAtEpochRad),
        0,
      ]);
      return out;
    }
  }
}

/**
 * Semi-major axis (m) and eccentricity of an `elements` target's two-body orbit through its
 * state at the epoch (NaN for both if the element set is unusable).
 */
export function elementsOrbitShape(
  orbit: Extract<TargetOrbitSpec, { type: 'elements' }>,
  epoch: string,
): { semiMajorAxisM: number; eccentricity: number } {
  let x: Float64Array;
  try {
    x = targetInitialEci(orbit, epoch);
  } catch {
    return { semiMajorAxisM: Number.NaN, eccentricity: Number.NaN };
  }
  const mu = MU_EARTH_M3_S2;
  const [rx, ry, rz, vx, vy, vz] = [x[0]!, x[1]!, x[2]!, x[3]!, x[4]!, x[5]!];
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rv = rx * vx + ry * vy + rz * vz;
  // eccentricity vector e = ((v^2 - mu / r) r - (r . v) v) / mu
  const k = v2 - mu / r;
  const eccentricity = Math.hypot(k * rx - rv * vx, k * ry - rv * vy, k * rz - rv * vz) / mu;
  return { semiMajorAxisM: 1 / (2 / r - v2 / mu), eccentricity };
}

/** Keplerian mean motion of an `elements` target's two-body orbit from its state at the epoch, rad/s. */
export function elementsMeanMotionRadPerS(
  orbit: Extract<TargetOrbitSpec, { type: 'elements' }>,
  epoch: string,
): number {
  const a = elementsOrbitShape(orbit, epoch).semiMajorAxisM;
  return Math.sqrt(MU_EARTH_M3_S2 / (a * a * a));
}

/**
 * A spacecraft's initial RIC state [x, y, z, xd, yd, zd] (m, m/s, rotating-frame rates): as
 * written, or from its element set relative to the target at the epoch.
 */
export function initialRicOf(s: Scenario, index: number): Float64Array {
  const init = s.spacecraft[index]!.initial;
  if (init.frame === 'RIC') return Float64Array.from([...init.positionM, ...init.velocityMps]);
  const stateEci =
    init.frame === 'opm'
      ? opmStateEci(parseOpm(init.opm), Date.parse(s.epoch))
      : elementsAtEpoch(init, s.epoch, `spacecraft[${index}].initial`).stateEci;
  return inertialToRic(
    targetInitialEci(s.target.orbit, s.epoch),
    stateEci,
    new Float64Array(9),
    new Float64Array(6),
  );
}

/**
 * Lighting geometry of an element-set target: the circular equatorial orbit through its
 * position at the epoch (right ascension, radius, two-body mean motion), which is what the Sun
 * table of src/core/lighting.ts models. Only for a target near GEO (within 500 km of the GEO
 * radius and 15 deg of the equator), where the Sun direction in its RIC frame is then off by at
 * most its inclination and eccentricity (typically < 0.1 deg); null otherwise (no lighting, as
 * for an elliptical target) or when the element set is unusable.
 */
export function elementsLightingGeometry(
  orbit: Extract<TargetOrbitSpec, { type: 'elements' }>,
  epoch: string,
): TargetOrbitGeometry | null {
  let x: Float64Array;
  try {
    x = targetInitialEci(orbit, epoch);
  } catch {
    return null;
  }
  const epochMs = Date.parse(epoch);
  if (!isNearGeo(geoSlot(x, epochMs))) return null;
  const ra = Math.atan2(x[1]!, x[0]!);
  return {
    epochMs,
    radiusM: Math.hypot(x[0]!, x[1]!, x[2]!),
    raAtEpochRad: ra < 0 ? ra + 2 * Math.PI : ra,
    meanMotionRadPerS: elementsMeanMotionRadPerS(orbit, epoch),
  };
}

/** An element-set problem or warning, at its JSON path. */
export interface ElementsNote {
  path: string;
  message: string;
}

/** Element sets that cannot be used: malformed, or SGP4 fails at the epoch. */
export function elementsIssues(s: Scenario): ElementsNote[] {
  const out: ElementsNote[] = [];
  const check = (spec: ElementsHolder, path: string) => {
    try {
      elementsAtEpoch(spec, s.epoch, path);
    } catch (err) {
      if (!(err instanceof ElementsError)) throw err;
      out.push({ path: `${path}.${spec.tle !== undefined ? 'tle' : 'omm'}`, message: err.message });
    }
  };
  if (s.target.orbit.type === 'elements') check(s.target.orbit, 'target.orbit');
  s.spacecraft.forEach((c, i) => {
    const init = c.initial;
    if (init.frame === 'elements') check(init, `spacecraft[${i}].initial`);
    if (init.frame === 'opm') {
      try {
        opmStateEci(parseOpm(init.opm), Date.parse(s.epoch));
      } catch (err) {
        if (!(err instanceof OpmError)) throw err;
        out.push({ path: `spacecraft[${i}].initial.opm`, message: err.message });
      }
    }
  });
  return out;
}

/** Slots of all objects (element sets must be valid: see {@link elementsIssues}). */
export function objectSlots(s: Scenario): ObjectSlot[] {
  const epochMs = Date.parse(s.epoch);
  const target = targetInitialEci(s.target.orbit, s.epoch);
  const basis = new Float64Array(9);
  const slots: ObjectSlot[] = [];
  const withElements = (id: string, state: Float64Array, el: ElementsState | null) => {
    slots.push({
      id,
      ...geoSlot(state, epochMs),
      elementsEpoch: el ? new Date(el.elementsEpochMs).toISOString() : null,
      elementsDriftDegPerDay: el ? el.meanMotionRevPerDay * 360 - 360.98564736629 : null,
    });
  };
  withElements(
    'target',
    target,
    s.target.orbit.type === 'elements'
      ? elementsAtEpoch(s.target.orbit, s.epoch, 'target.orbit')
      : null,
  );
  s.spacecraft.forEach((c, i) => {
    const ric = initialRicOf(s, i);
    const state = new Float64Array(6);
    // the spacecraft's inertial state from its RIC offset (the inverse of initialRicOf)
    ricToInertial(target, ric, 0, basis, state);
    withElements(
      c.id,
      state,
      c.initial.frame === 'elements'
        ? elementsAtEpoch(c.initial, s.epoch, `spacecraft[${i}].initial`)
        : null,
    );
  });
  return slots;
}

/**
 * Warnings about element sets that load but deserve a look: an epoch far from the scenario's
 * (SGP4 accuracy falls with age), an object not near GEO when the target is GEO.
 */
export function elementsWarnings(s: Scenario): ElementsNote[] {
  const out: ElementsNote[] = [];
  if (elementsIssues(s).length > 0) return out;
  const epochMs = Date.parse(s.epoch);
  const slots = objectSlots(s);
  const targetGeo =
    s.target.orbit.type === 'geo' || (s.target.orbit.type === 'elements' && isNearGeo(slots[0]!));
  const paths = ['target.orbit', ...s.spacecraft.map((_, i) => `spacecraft[${i}].initial`)];
  slots.forEach((slot, k) => {
    if (slot.elementsEpoch !== null) {
      const ageDays = (epochMs - Date.parse(slot.elementsEpoch)) / 86_400_000;
      if (Math.abs(ageDays) > ELEMENTS_MAX_AGE_DAYS)
        out.push({
          path: paths[k]!,
          message: `element set epoch ${slot.elementsEpoch} is ${Math.abs(ageDays).toFixed(1)} days ${ageDays > 0 ? 'before' : 'after'} the scenario epoch: SGP4's accuracy falls with age (beyond ${ELEMENTS_MAX_AGE_DAYS} days, expect km-level errors)`,
        });
      if (targetGeo && !isNearGeo(slot))
        out.push({
          path: paths[k]!,
          message: `${slot.id} is not near GEO (semi-major axis ${(slot.semiMajorAxisM / 1000).toFixed(0)} km, inclination ${slot.inclinationDeg.toFixed(2)} deg) while the target is a GEO object`,
        });
    }
  });
  return out;
}

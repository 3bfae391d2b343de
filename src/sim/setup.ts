/**
 * What a run is made of, built from the scenario: each spacecraft's dynamics model and initial
 * state, the sun geometry, and the constraint detectors (against the target, between two).
 */

import { GEO_RADIUS_M } from '../core/constants.ts';
import { geoTargetGeometry, SunTable } from '../core/lighting.ts';
import type { DynamicsModel } from '../dynamics/model.ts';
import { constraintModules } from '../constraints/registry.ts';
import type { Detector } from '../events/detectors.ts';
import { elementsLightingGeometry } from '../formats/scenarioElements.ts';
import { scenarioMaxSubStepS } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { DynamicsModule } from './dynamics/module.ts';
import { dynamicsModule } from './dynamics/registry.ts';
import { twoBodyModule } from './dynamics/twoBody.ts';

/**
 * The dynamics module of a run: the registry's (./dynamics/registry.ts), except that a
 * maneuvering target (`target.maneuvers`) in a nonlinear scenario is flown with the inertial
 * two-body model, whose target state takes the burns (the nonlinear relative model assumes the
 * target stays on its circle).
 */
function runDynamicsModule(s: Scenario): DynamicsModule {
  if (s.dynamics === 'nonlinear' && (s.target.maneuvers?.length ?? 0) > 0) return twoBodyModule;
  return dynamicsModule(s);
}

/**
 * Builds the dynamics model of spacecraft `spacecraftIndex` (one instance per spacecraft: each
 * has its thrust and solar-pressure properties) through the dynamics registry
 * (./dynamics/registry.ts), with its longest RK4 sub-step for the target's orbit and the run's
 * length (`scenarioMaxSubStepS`).
 */
export function createModel(s: Scenario, spacecraftIndex: number): DynamicsModel {
  const model = runDynamicsModule(s).create(s, spacecraftIndex);
  model.maxSubStepS = scenarioMaxSubStepS(s);
  return model;
}

/** The model's initial state for a spacecraft's RIC state (two-body: with the target's orbit). */
export function initialModelState(
  s: Scenario,
  model: DynamicsModel,
  ric: ArrayLike<number>,
): Float64Array {
  return runDynamicsModule(s).initialState(s, model, ric);
}

/** Sun geometry of a circular target (geo longitude, or longitude 0 for a plain circular orbit). */
export function createSunTable(s: Scenario): SunTable | null {
  const orbit = s.target.orbit;
  if (orbit.type === 'elliptical') return null;
  if (orbit.type === 'elements') {
    const g = elementsLightingGeometry(orbit, s.epoch);
    return g === null ? null : new SunTable(g, 0, s.durationS);
  }
  const geom = geoTargetGeometry(
    Date.parse(s.epoch),
    orbit.type === 'geo' ? orbit.longitudeDeg : 0,
    orbit.type === 'geo' ? GEO_RADIUS_M : orbit.radiusM,
  );
  return new SunTable(geom, 0, s.durationS);
}

/**
 * The detectors that apply between a spacecraft and the target: every constraint module's, in
 * registry order (src/constraints/registry.ts).
 */
export function targetDetectors(s: Scenario, spacecraftIndex: number): Detector[] {
  return constraintModules().flatMap((m) => m.targetDetectors?.(s, spacecraftIndex) ?? []);
}

/**
 * The detectors that apply between spacecraft `i` and `j` (i < j; the state of j relative to
 * i): every constraint module's, in registry order.
 */
export function pairDetectors(s: Scenario, i: number, j: number): Detector[] {
  return constraintModules().flatMap((m) => m.pairDetectors?.(s, i, j) ?? []);
}

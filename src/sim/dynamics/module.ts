/**
 * What a dynamics model kind is, in one place: which `dynamics` value and target orbits it
 * serves, how it builds the model of a spacecraft and the model's initial state.
 *
 * A module is consulted when a run (or a passive-safety drift, or a targeted leg) is set up,
 * never per integration step.
 */

import type { DynamicsModel } from '../../dynamics/model.ts';
import type { Scenario, TargetOrbitSpec } from '../../scenario/schema.ts';

/** One dynamics model kind. */
export interface DynamicsModule {
  /** Its name, e.g. "Clohessy-Wiltshire". */
  readonly title: string;
  /** The scenario's `dynamics` value it serves. */
  readonly dynamics: Scenario['dynamics'];
  /** The target orbit types (`target.orbit.type`) it serves with that value. */
  readonly orbits: readonly TargetOrbitSpec['type'][];
  /**
   * A new model for spacecraft `spacecraftIndex` of the scenario (one per spacecraft: each has
   * its thrust, and in the perturbed model its solar-pressure properties).
   */
  create(s: Scenario, spacecraftIndex: number): DynamicsModel;
  /**
   * The model's initial state for a spacecraft's RIC state `ric` (m, m/s): a new array of
   * `model.stateSize` numbers (an inertial model: with the target's state first).
   */
  initialState(s: Scenario, model: DynamicsModel, ric: ArrayLike<number>): Float64Array;
}

/** The initial state of a model that integrates the RIC state itself. */
export function ricInitialState(model: DynamicsModel, ric: ArrayLike<number>): Float64Array {
  const y = new Float64Array(model.stateSize);
  model.setRic(y, ric);
  return y;
}

/**
 * Targeted legs: the departure velocity of a leg from the state reached to a point at a given
 * time (the CW solution, refined on the integrated arc in the nonlinear and perturbed models; the
 * Yamanaka-Ankersen solution in that model), as the run's
 * `flyLegs` uses it for transfers, teardrops, holds and glideslopes.
 */

import type { DynamicsModel } from '../dynamics/model.ts';
import type { Triple } from '../maneuvers/module.ts';
import { YaDynamics } from '../dynamics/ya.ts';
import { cwTransferDepartureVelocity, refineTransfer } from '../maneuvers/targeting.ts';
import { yaTransferDepartureVelocity } from '../maneuvers/yaTransfer.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createModel } from './setup.ts';
import { ScenarioRunError } from './types.ts';

/** Arrival miss below which a refined nonlinear transfer is accepted, m. */
export const TRANSFER_TOLERANCE_M = 1e-3;

/** What a leg starts from: a spacecraft's index, model, integrated state and RIC state. */
export interface CraftState {
  readonly index: number;
  readonly model: DynamicsModel;
  readonly y: Float64Array;
  readonly ric: Float64Array;
}

/**
 * Step of the trial arcs in a transfer's differential correction, s: at most 1/1440 of an orbit
 * (RK4 error about 1e-6 m per orbit for 10 km separations, far below TRANSFER_TOLERANCE_M), never
 * finer than the scenario step. The run itself then flies the solution at the scenario step and
 * reports the arrival miss it actually got (`missM`).
 */
function correctionStepS(stepS: number, nRadPerS: number): number {
  return Math.max(stepS, Math.min(60, (2 * Math.PI) / nRadPerS / 1440));
}

/** Departure velocity (RIC) from the current state to `toPositionM` in `durationS`. */
export function legDeparture(
  s: Scenario,
  nRadPerS: number,
  c: CraftState,
  tS: number,
  durationS: number,
  toPositionM: Triple,
  path: string,
): Float64Array {
  c.model.toRic(c.y, c.ric);
  const ric = c.ric;
  const v0Plus = new Float64Array(3);
  if (c.model instanceof YaDynamics) {
    // the model is linear: its own two-impulse solution arrives exactly
    const target = c.model.targetAt(tS);
    const singular = yaTransferDepartureVelocity(
      target,
      durationS,
      ric,
      toPositionM,
      ric.subarray(3),
      v0Plus,
    );
    if (singular !== null) {
      throw new ScenarioRunError(
        path,
        singular === 'cross-track'
          ? `the cross-track position ${toPositionM[2]} m cannot be reached in ${durationS} s: the target sweeps a whole number of half revolutions of true anomaly, and the cross-track motion returns to ${(-ric[2]!).toFixed(3)} m whatever the burn`
          : `no in-plane transfer to [${toPositionM.join(', ')}] m in ${durationS} s (the Yamanaka-Ankersen position-velocity block is singular): change the duration`,
      );
    }
    return v0Plus;
  }
  if (
    cwTransferDepartureVelocity(nRadPerS, durationS, ric, toPositionM, ric.subarray(3), v0Plus) !==
    null
  ) {
    throw new ScenarioRunError(
      path,
      `the cross-track position ${toPositionM[2]} m cannot be reached in ${durationS} s (a whole number of half orbits): the cross-track motion returns to ${(-ric[2]!).toFixed(3)} m whatever the burn`,
    );
  }
  if (c.model.kind !== 'cw') {
    const miss = refineTransfer(
      (v, out) => coastArrival(s, nRadPerS, c, tS, durationS, v, out),
      toPositionM,
      nRadPerS,
      durationS,
      v0Plus,
      TRANSFER_TOLERANCE_M,
    );
    if (!(miss <= TRANSFER_TOLERANCE_M)) {
      throw new ScenarioRunError(
        path,
        `the leg to [${toPositionM.join(', ')}] m did not converge in the nonlinear model (miss ${miss.toFixed(3)} m): shorten it or split it`,
      );
    }
  }
  return v0Plus;
}

/** Integrates a copy of a spacecraft's state over a transfer arc (no other maneuvers). */
function coastArrival(
  s: Scenario,
  nRadPerS: number,
  c: CraftState,
  t0S: number,
  durationS: number,
  v0Plus: Float64Array,
  outRf: Float64Array,
): void {
  const model = createModel(s, c.index);
  const y = Float64Array.from(c.y);
  const ric = Float64Array.from(c.ric);
  ric[3] = v0Plus[0]!;
  ric[4] = v0Plus[1]!;
  ric[5] = v0Plus[2]!;
  model.setRic(y, ric);
  const h = correctionStepS(s.stepS, nRadPerS);
  const endS = t0S + durationS;
  const steps = Math.ceil(durationS / h - 1e-9);
  for (let k = 0; k < steps; k++) {
    const a = t0S + k * h;
    model.rk4Step(a, y, Math.min(h, endS - a));
  }
  model.toRic(y, ric);
  outRf[0] = ric[0]!;
  outRf[1] = ric[1]!;
  outRf[2] = ric[2]!;
}

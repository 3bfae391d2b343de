/**
 * What the relative models (CW and nonlinear circular) share: their integrated state is the RIC
 * state itself [x, y, z, xd, yd, zd], so mapping to and from RIC is a copy (or nothing, when the
 * caller aliases the two) and an impulse adds to the rates.
 */

import { Rk4 } from '../integrators/rk4.ts';
import { Rk4Model, thrustAccelerationMps2 } from './model.ts';

/** Base of the models whose state is the RIC relative state. */
export abstract class RicStateModel extends Rk4Model {
  readonly stateSize = 6;
  /** Generic stepper, for thrust arcs (the fused steps assume no thrust). */
  protected readonly rk4 = new Rk4(6);

  /** Adds the thrust acceleration (RIC) to the rates of `dy` while a thrust arc is active. */
  protected addThrust(tS: number, dy: Float64Array): void {
    const th = this.thrust;
    if (!th.active) return;
    const a = thrustAccelerationMps2(th, tS);
    dy[3] = dy[3]! + a * th.dirRic[0]!;
    dy[4] = dy[4]! + a * th.dirRic[1]!;
    dy[5] = dy[5]! + a * th.dirRic[2]!;
  }

  toRic(y: Float64Array, outRic: Float64Array): void {
    if (outRic !== y) for (let i = 0; i < 6; i++) outRic[i] = y[i]!;
  }

  setRic(y: Float64Array, ric: ArrayLike<number>): void {
    if (ric !== y) for (let i = 0; i < 6; i++) y[i] = ric[i]!;
  }

  applyImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void {
    y[3] = y[3]! + dvR;
    y[4] = y[4]! + dvI;
    y[5] = y[5]! + dvC;
  }

  /**
   * The relative velocity changes by -dv, position unchanged. Exact for the linear CW model (the
   * relative state of two objects that both obey CW about the reference orbit obeys CW, so the
   * frame stays the reference's, centred on the target); for a nonlinear relative model about a
   * circular target it would keep the target on its old circle, so the run flies a maneuvering
   * target's nonlinear scenarios with the inertial two-body model instead (sim/setup.ts).
   */
  applyTargetImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void {
    y[3] = y[3]! - dvR;
    y[4] = y[4]! - dvI;
    y[5] = y[5]! - dvC;
  }
}

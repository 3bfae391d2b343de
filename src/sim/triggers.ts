/**
 * The trigger plumbing of a run: testing a maneuver's `when` condition on a spacecraft's state,
 * and locating the first instant within a step at which it holds.
 *
 * Within a step the condition is tested on the cubic Hermite interpolant of the state at most
 * `scanS` (default TRIGGER_SCAN_S) apart, ending at the node, so a condition that holds for
 * TRIGGER_SCAN_S or longer is seen whatever the step; its first true instant is then located by
 * bisection back to the previous test, to TRIGGER_TIME_TOLERANCE_S. Arming (which maneuver
 * waits on which condition) stays with the run's program runner (./run.ts).
 */

import { SunTable, sunPhaseAngleDeg } from '../core/lighting.ts';
import type { CompiledCondition } from '../events/expression.ts';
import { HermiteSegment } from '../events/hermite.ts';

/** How precisely a trigger's first true instant is located, s. */
export const TRIGGER_TIME_TOLERANCE_S = 1e-3;
/**
 * Longest time between two tests of an armed trigger's condition, s: within a longer step the
 * condition is also tested on the dense output, so any excursion at least this long is found.
 */
export const TRIGGER_SCAN_S = 1;

/** A compiled `when` condition, and whether it reads the sun phase angle. */
export interface Trigger {
  condition: CompiledCondition | null;
  usesSun: boolean;
}

/** Fills the trigger variables (TRIGGER_VARIABLES order) from a RIC state. */
function fillVariables(
  vars: Float64Array,
  tS: number,
  ric: ArrayLike<number>,
  sunPhaseDeg: number,
): void {
  const x = ric[0]!;
  const y = ric[1]!;
  const z = ric[2]!;
  const range = Math.sqrt(x * x + y * y + z * z);
  vars[0] = tS;
  vars[1] = range;
  vars[2] = range > 0 ? (x * ric[3]! + y * ric[4]! + z * ric[5]!) / range : 0;
  vars[3] = x;
  vars[4] = y;
  vars[5] = z;
  vars[6] = ric[3]!;
  vars[7] = ric[4]!;
  vars[8] = ric[5]!;
  vars[9] = sunPhaseDeg;
}

/** Tests trigger conditions on states and interpolated states (one per run; no allocation). */
export class TriggerTester {
  private readonly sunRic = new Float64Array(3);
  private readonly seg = new HermiteSegment();
  private readonly interp = new Float64Array(6);

  /**
   * @param sun sun direction table (null: no lighting, sunPhaseDeg reads NaN)
   * @param scanS longest time between two tests within a step, s
   */
  constructor(
    private readonly sun: SunTable | null,
    private readonly scanS: number,
  ) {}

  /** The sun phase angle sun-target-spacecraft at tS, deg (NaN without lighting). */
  private sunPhaseDeg(tS: number, ric: ArrayLike<number>): number {
    if (!this.sun) return Number.NaN;
    this.sun.targetSunRic(tS, this.sunRic);
    return sunPhaseAngleDeg(this.sunRic, ric);
  }

  /**
   * Whether `trigger`'s condition holds at tS for the RIC state `ric`.
   * @param vars scratch for the variables (TRIGGER_VARIABLES length)
   */
  holds(vars: Float64Array, trigger: Trigger, tS: number, ric: ArrayLike<number>): boolean {
    fillVariables(vars, tS, ric, trigger.usesSun ? this.sunPhaseDeg(tS, ric) : Number.NaN);
    return trigger.condition!.evaluate(vars);
  }

  /**
   * The first instant in (t0S, t1S] at which `trigger`'s condition holds for a spacecraft whose
   * RIC state went from `ric0` at t0S to `ric1` at t1S, or Infinity. The condition is tested on
   * the cubic Hermite interpolant at most `scanS` apart, ending at the node itself; from the
   * first test where it holds, bisection back to the previous one locates the instant to
   * TRIGGER_TIME_TOLERANCE_S. The condition was false at t0S (the previous test), so an
   * excursion lasting at least `scanS` cannot slip through.
   */
  firstTrueInstant(
    vars: Float64Array,
    trigger: Trigger,
    t0S: number,
    t1S: number,
    ric0: Float64Array,
    ric1: Float64Array,
  ): number {
    const h = t1S - t0S;
    // the 1e-9 keeps a step of exactly scanS (up to round-off) one test long
    const tests = h > this.scanS ? Math.ceil(h / this.scanS - 1e-9) : 1;
    const seg = this.seg;
    if (tests > 1) seg.set(t0S, ric0, t1S, ric1);
    let lo = 0;
    let hi = -1;
    for (let k = 1; k <= tests; k++) {
      const tau = k / tests;
      let holds: boolean;
      if (k === tests) holds = this.holds(vars, trigger, t1S, ric1);
      else {
        seg.evalState(tau, this.interp);
        holds = this.holds(vars, trigger, t0S + tau * h, this.interp);
      }
      if (holds) {
        hi = tau;
        break;
      }
      lo = tau;
    }
    if (hi < 0) return Infinity;
    if (tests === 1) seg.set(t0S, ric0, t1S, ric1);
    while ((hi - lo) * h > TRIGGER_TIME_TOLERANCE_S) {
      const mid = 0.5 * (lo + hi);
      seg.evalState(mid, this.interp);
      if (this.holds(vars, trigger, t0S + mid * h, this.interp)) hi = mid;
      else lo = mid;
    }
    return hi === 1 ? t1S : t0S + hi * h;
  }
}

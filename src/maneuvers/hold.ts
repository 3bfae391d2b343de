/**
 * `hold`: station keeping at the current point with small burns, a targeted leg back to the
 * point every cycle (see holdCycleS), staying within the deadband; reports what it costs (e.g.
 * 1.38 m/s per day per km on R-bar).
 */

import * as z from 'zod';
import type { DynamicsModel } from '../dynamics/model.ts';
import { positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Triple } from './module.ts';

/** Shortest cycle of a deadband hold, s (see holdCycleS; the work limits count with it). */
export const MIN_HOLD_CYCLE_S = 10;

/**
 * Cycle of a deadband hold, s: the return arc of a cycle bulges by a tau^2 / 8 against the local
 * acceleration a (gravity gradient at the hold point), so tau = sqrt(8 deadband / a); at most a
 * quarter orbit (where the CW targeting stays well conditioned), at least MIN_HOLD_CYCLE_S.
 */
export function holdCycleS(
  model: DynamicsModel,
  ric: ArrayLike<number>,
  nRadPerS: number,
  deadbandM: number,
): number {
  let ax: number;
  let ay: number;
  let az: number;
  if (model.stateSize === 6) {
    const atRest = Float64Array.from([ric[0]!, ric[1]!, ric[2]!, 0, 0, 0]);
    const d = new Float64Array(6);
    model.derivatives(0, atRest, d);
    [ax, ay, az] = [d[3]!, d[4]!, d[5]!];
  } else {
    [ax, ay, az] = [3 * nRadPerS * nRadPerS * ric[0]!, 0, -nRadPerS * nRadPerS * ric[2]!];
  }
  const a = Math.hypot(ax, ay, az);
  const quarterOrbitS = Math.PI / (2 * nRadPerS);
  return a > 0
    ? Math.max(MIN_HOLD_CYCLE_S, Math.min(quarterOrbitS, Math.sqrt((8 * deadbandM) / a)))
    : quarterOrbitS;
}

/** The `hold` maneuver. */
export const hold = defineManeuver({
  type: 'hold',
  title: 'Hold',
  schema: strict({
    type: z.literal('hold'),
    ...timing,
    durationS: positive('hold time in s'),
    deadbandM: positive('position deadband in m'),
  }).describe(
    'Station keeping at the current point with small burns, staying within the deadband; reports what it costs (e.g. 1.38 m/s per day per km on R-bar).',
  ),
  fly(ctx, spec, tS) {
    const ric = ctx.ric;
    const p: Triple = [ric[0]!, ric[1]!, ric[2]!];
    // at least one leg, however short the hold (fuzz: durationS 5e-324 gave none)
    const count = Math.max(
      1,
      Math.ceil(spec.durationS / holdCycleS(ctx.model, ric, ctx.nRadPerS, spec.deadbandM) - 1e-9),
    );
    const legS = spec.durationS / count;
    // legs that would start after the scenario ends never fly: only the others are made
    const made = Math.min(count, Math.ceil((ctx.endS - tS) / legS) + 1);
    ctx.checkBurnCount(made, 'durationS');
    const legs = Array.from({ length: made }, () => ({ durationS: legS, toPositionM: p }));
    return ctx.flyLegs(tS, legs, [0, 0, 0]);
  },
  durationS: (spec) => spec.durationS,
  maxBurns: (spec, spanS) => Math.ceil(Math.min(spec.durationS, spanS) / MIN_HOLD_CYCLE_S) + 1,
  burnCountKey: 'durationS',
  fields: [num(['durationS'], 'duration', 's'), num(['deadbandM'], 'deadband', 'm')],
  defaults: { durationS: 3600, deadbandM: 50 },
});

/**
 * `glideslope`: a straight-line approach along the current line of sight to `toRangeM` in
 * `pulses` equal-time legs whose length (so closing speed) falls geometrically with range, the
 * last GLIDESLOPE_LAST_TO_FIRST of the first; stops at the end.
 */

import * as z from 'zod';
import { nonNegative, positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Triple } from './module.ts';

/** Closing speed on a glideslope's last leg relative to its first. */
export const GLIDESLOPE_LAST_TO_FIRST = 0.1;

/** The `glideslope` maneuver. */
export const glideslope = defineManeuver({
  type: 'glideslope',
  title: 'Glideslope',
  schema: strict({
    type: z.literal('glideslope'),
    ...timing,
    toRangeM: nonNegative('final range in m'),
    pulses: z
      .number()
      .int({ error: 'expected a whole number of pulses' })
      .min(1, { error: 'expected at least 1 pulse' })
      .max(100, { error: 'expected at most 100 pulses' }),
    durationS: positive('approach time in s'),
  }).describe(
    'Straight-line approach along the current line of sight to toRangeM in equal-time legs whose length (so closing speed) falls geometrically with range, the last a tenth of the first; stops at the end.',
  ),
  fly(ctx, spec, tS) {
    const ric = ctx.ric;
    const range0 = Math.hypot(ric[0]!, ric[1]!, ric[2]!);
    if (!(range0 > spec.toRangeM)) {
      ctx.fail(
        'toRangeM',
        `the spacecraft is ${range0.toFixed(1)} m from the target, not farther than toRangeM ${spec.toRangeM} m`,
      );
    }
    const u = [ric[0]! / range0, ric[1]! / range0, ric[2]! / range0];
    const N = spec.pulses;
    const q = N > 1 ? Math.pow(GLIDESLOPE_LAST_TO_FIRST, 1 / (N - 1)) : 0;
    const qN = Math.pow(q, N);
    const legs = Array.from({ length: N }, (_, k) => {
      const rho = spec.toRangeM + ((range0 - spec.toRangeM) * (Math.pow(q, k + 1) - qN)) / (1 - qN);
      return {
        durationS: spec.durationS / N,
        toPositionM: [u[0]! * rho, u[1]! * rho, u[2]! * rho] as Triple,
      };
    });
    return ctx.flyLegs(tS, legs, [0, 0, 0]);
  },
  durationS: (spec) => spec.durationS,
  maxBurns: (spec) => spec.pulses + 1,
  targetedLeg: (spec) => ({ legS: spec.durationS / spec.pulses, key: 'durationS' }),
  fields: [
    num(['toRangeM'], 'to range', 'm'),
    num(['durationS'], 'duration', 's'),
    num(['pulses'], 'pulses', '', { integer: true }),
  ],
  defaults: { toRangeM: 200, pulses: 5, durationS: 7200 },
});

/**
 * `teardrop`: hover by a periodic hop. From the current point (the cusp) a burn onto the loop
 * that returns to it after `periodS`, repeated `cycles` times, then a stop.
 */

import * as z from 'zod';
import { positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Triple } from './module.ts';

/** The `teardrop` maneuver. */
export const teardrop = defineManeuver({
  type: 'teardrop',
  title: 'Teardrop',
  schema: strict({
    type: z.literal('teardrop'),
    ...timing,
    periodS: positive('teardrop period in s'),
    cycles: z
      .number()
      .int({ error: 'expected a whole number of cycles' })
      .min(1, { error: 'expected at least 1 cycle' })
      .max(1000, { error: 'expected at most 1000 cycles' }),
  }).describe(
    'Hover by a periodic hop: from the current point (the cusp) a burn onto the loop that returns to it after periodS, repeated, then a stop.',
  ),
  fly(ctx, spec, tS) {
    const ric = ctx.ric;
    const p: Triple = [ric[0]!, ric[1]!, ric[2]!];
    const legs = Array.from({ length: spec.cycles }, () => ({
      durationS: spec.periodS,
      toPositionM: p,
    }));
    return ctx.flyLegs(tS, legs, [0, 0, 0]);
  },
  durationS: (spec) => spec.periodS * spec.cycles,
  lengthKey: 'cycles',
  maxBurns: (spec) => spec.cycles + 1,
  targetedLeg: (spec) => ({ legS: spec.periodS, key: 'periodS' }),
  fields: [num(['periodS'], 'period', 's'), num(['cycles'], 'cycles', '', { integer: true })],
  defaults: { periodS: 21600, cycles: 1 },
});

/** `impulse`: an instantaneous velocity change, delta-v given in RIC. */

import * as z from 'zod';
import { MAX_SPEED_MPS, ric, strict, timing, vec3 } from '../scenario/schemaParts.ts';
import { defineManeuver, vector } from './module.ts';

/** The `impulse` maneuver. */
export const impulse = defineManeuver({
  type: 'impulse',
  title: 'Impulse',
  schema: strict({
    type: z.literal('impulse'),
    ...timing,
    frame: ric,
    dvMps: vec3('delta-v in m/s', MAX_SPEED_MPS),
  }).describe('Instantaneous velocity change.'),
  fly(ctx, spec, tS) {
    ctx.burn(tS, [spec.dvMps[0], spec.dvMps[1], spec.dvMps[2]]);
    return tS;
  },
  durationS: () => 0,
  maxBurns: () => 1,
  fields: vector('dvMps', 'dv', 'm/s'),
  defaults: { frame: 'RIC', dvMps: [0, 0, 0] },
});

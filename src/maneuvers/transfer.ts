/**
 * `transfer`: two impulses, at the start onto a path reaching `toPositionM` `durationS` later,
 * then to `toVelocityMps` (default at rest in RIC). Targeting: ./targeting.ts.
 */

import * as z from 'zod';
import {
  MAX_POSITION_M,
  MAX_SPEED_MPS,
  positive,
  strict,
  timing,
  vec3,
} from '../scenario/schemaParts.ts';
import { defineManeuver, num, vector } from './module.ts';

/** The `transfer` maneuver. */
export const transfer = defineManeuver({
  type: 'transfer',
  title: 'Transfer',
  schema: strict({
    type: z.literal('transfer'),
    ...timing,
    durationS: positive('transfer time in s'),
    toPositionM: vec3('arrival position in m', MAX_POSITION_M),
    toVelocityMps: vec3('arrival velocity in m/s', MAX_SPEED_MPS).optional(),
  }).describe(
    'Two impulses: at the start onto a path reaching toPositionM durationS later, then to toVelocityMps (default: at rest in RIC).',
  ),
  fly: (ctx, spec, tS) =>
    ctx.flyLegs(
      tS,
      [{ durationS: spec.durationS, toPositionM: spec.toPositionM }],
      spec.toVelocityMps ?? [0, 0, 0],
    ),
  durationS: (spec) => spec.durationS,
  maxBurns: () => 2,
  targetedLeg: (spec) => ({ legS: spec.durationS, key: 'durationS' }),
  fields: [
    num(['durationS'], 'duration', 's'),
    ...vector('toPositionM', 'to', 'm'),
    {
      kind: 'optional-vector',
      key: 'toVelocityMps',
      label: 'arrival velocity (default: at rest)',
      labels: ['arrive vR', 'arrive vI', 'arrive vC'],
      unit: 'm/s',
    },
  ],
  defaults: { durationS: 3600, toPositionM: [0, -1000, 0] },
  burnName: (b) =>
    b.missM === undefined
      ? { kind: 'transfer-departure', label: 'Transfer departure', labelSuffix: ' (departure)' }
      : { kind: 'transfer-arrival', label: 'Transfer arrival', labelSuffix: ' (arrival)' },
});

/**
 * `waypoints`: a multi-waypoint transfer. Chained targeted legs from the state reached through
 * each of `points` in turn (each reached `durationS` after the one before), one burn per
 * waypoint, ending at rest in RIC at the last (or at `toVelocityMps`). Targeting: ./targeting.ts.
 */

import * as z from 'zod';
import {
  MAX_POSITION_M,
  MAX_SPEED_MPS,
  positive,
  strict,
  vec3,
  timing,
} from '../scenario/schemaParts.ts';
import { defineManeuver, num, vector, type Leg } from './module.ts';
import { inPlaneConditioning } from './targeting.ts';

/** Most waypoints of one maneuver. */
export const MAX_WAYPOINTS = 100;

/** One waypoint: a RIC point reached `durationS` after the previous one (or the start). */
const waypoint = strict({
  positionM: vec3('waypoint position in m', MAX_POSITION_M),
  durationS: positive('leg time in s (from the previous waypoint)'),
});

/** The `waypoints` maneuver. */
export const waypoints = defineManeuver({
  type: 'waypoints',
  title: 'Waypoints',
  schema: strict({
    type: z.literal('waypoints'),
    ...timing,
    points: z
      .array(waypoint, {
        error: 'expected a list of waypoints [{ "positionM": [R, I, C], "durationS": s }]',
      })
      .min(1, { error: 'expected at least one waypoint' })
      .max(MAX_WAYPOINTS, { error: `expected at most ${MAX_WAYPOINTS} waypoints` }),
    toVelocityMps: vec3('final velocity in m/s', MAX_SPEED_MPS).optional(),
  }).describe(
    'Multi-waypoint transfer: chained targeted legs through each point (positionM, RIC, m) reached durationS after the previous one, one burn per waypoint, ending at toVelocityMps (default: at rest in RIC) at the last.',
  ),
  fly: (ctx, spec, tS) =>
    ctx.flyLegs(
      tS,
      spec.points.map((p): Leg => ({ durationS: p.durationS, toPositionM: p.positionM })),
      spec.toVelocityMps ?? [0, 0, 0],
    ),
  durationS: (spec) => spec.points.reduce((sum, p) => sum + p.durationS, 0),
  lengthKey: 'points',
  maxBurns: (spec) => spec.points.length + 1,
  targetedLeg(spec, nRadPerS) {
    // the leg worst posed for targeting (the validator refuses a whole number of orbits)
    let worst = 0;
    let worstC = Infinity;
    spec.points.forEach((p, k) => {
      const c = inPlaneConditioning(nRadPerS, p.durationS);
      if (c < worstC) [worst, worstC] = [k, c];
    });
    return { legS: spec.points[worst]!.durationS, key: ['points', worst, 'durationS'] };
  },
  fields: [
    {
      kind: 'list',
      key: 'points',
      label: 'waypoint',
      fields: [...vector('positionM', 'at', 'm'), num(['durationS'], 'leg time', 's')],
      newItem: { positionM: [0, -500, 0], durationS: 3600 },
      minItems: 1,
    },
    {
      kind: 'optional-vector',
      key: 'toVelocityMps',
      label: 'final velocity (default: at rest)',
      labels: ['final vR', 'final vI', 'final vC'],
      unit: 'm/s',
    },
  ],
  defaults: {
    points: [
      { positionM: [0, -2000, 0], durationS: 3600 },
      { positionM: [0, -1000, 0], durationS: 3600 },
    ],
  },
  burnName: (b) =>
    b.missM === undefined
      ? { kind: 'waypoints-departure', label: 'Waypoints departure', labelSuffix: ' (departure)' }
      : { kind: 'waypoints-waypoint', label: 'Waypoint', labelSuffix: ' (waypoint)' },
});

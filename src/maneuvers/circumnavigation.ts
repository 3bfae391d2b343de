/**
 * `circumnavigation`: a forced-motion loop around the target on a circle of `radiusM` in
 * `periodS`, flown as `legs` targeted legs between equally spaced waypoints on the circle (a
 * two-impulse transfer each, chained: one burn per waypoint), in the plane `plane`, ending at rest
 * where it started on the circle.
 *
 * The circle is centred on the target in the plane of two RIC axes; the loop runs from the first
 * named axis toward the second ("IR": from +I toward +R, the sense of a natural football; "RI"
 * the reverse, which costs more: the Coriolis acceleration then opposes the turn). It starts at
 * the waypoint angle of the current position in that plane. What it costs, continuous thrust
 * (legs -> infinity): 2 pi r w (1 + 2 n / w) per loop against the natural sense in RI,
 * (1 - 2 n / w) with it, to first order in n / w (w = 2 pi / periodS); with N legs each burn turns
 * the chord velocity 2 r sin(pi / N) N / periodS by 2 pi / N.
 *
 * Reference: Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 3.3.4 (forced motion
 * fly-arounds).
 */

import * as z from 'zod';
import { MAX_POSITION_M, positive, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Leg, type Triple } from './module.ts';

/** The planes of a circumnavigation: the loop runs from the first axis toward the second. */
export const CIRCUMNAVIGATION_PLANES = ['IR', 'RI', 'RC', 'CR', 'IC', 'CI'] as const;
/** A circumnavigation plane. */
export type CircumnavigationPlane = (typeof CIRCUMNAVIGATION_PLANES)[number];

const AXIS = { R: 0, I: 1, C: 2 } as const;

/** Most legs of one circumnavigation. */
export const MAX_CIRCUMNAVIGATION_LEGS = 360;

/**
 * The waypoints of a loop of radius `radiusM` in `plane` from the angle of `r0` (RIC, m), as
 * `legs` legs of `periodS / legs` each, the last back at the start angle.
 */
export function circumnavigationLegs(
  r0: ArrayLike<number>,
  radiusM: number,
  periodS: number,
  legs: number,
  plane: CircumnavigationPlane,
): Leg[] {
  const i1 = AXIS[plane[0] as keyof typeof AXIS];
  const i2 = AXIS[plane[1] as keyof typeof AXIS];
  const theta0 = Math.atan2(r0[i2]!, r0[i1]!);
  return Array.from({ length: legs }, (_, k) => {
    const th = theta0 + (2 * Math.PI * (k + 1)) / legs;
    const p: Triple = [0, 0, 0];
    p[i1] = radiusM * Math.cos(th);
    p[i2] = radiusM * Math.sin(th);
    return { durationS: periodS / legs, toPositionM: p };
  });
}

/** The `circumnavigation` maneuver. */
export const circumnavigation = defineManeuver({
  type: 'circumnavigation',
  title: 'Circumnavigation',
  schema: strict({
    type: z.literal('circumnavigation'),
    ...timing,
    radiusM: positive('loop radius in m').max(MAX_POSITION_M, {
      error: `expected loop radius in m <= ${MAX_POSITION_M.toExponential(0)}`,
    }),
    periodS: positive('time for the loop in s'),
    legs: z
      .number({ error: 'expected a whole number of legs' })
      .int({ error: 'expected a whole number of legs' })
      .min(3, { error: 'expected at least 3 legs' })
      .max(MAX_CIRCUMNAVIGATION_LEGS, {
        error: `expected at most ${MAX_CIRCUMNAVIGATION_LEGS} legs`,
      }),
    plane: z.enum(CIRCUMNAVIGATION_PLANES, {
      error: `expected "plane": one of ${CIRCUMNAVIGATION_PLANES.map((p) => `"${p}"`).join(', ')} (the loop runs from the first axis toward the second)`,
    }),
  }).describe(
    'Forced-motion loop around the target on a circle of radiusM in periodS, flown as targeted legs between equally spaced waypoints, in plane (from the first RIC axis toward the second: "IR" is the sense of a natural football), ending at rest where it started.',
  ),
  fly: (ctx, spec, tS) =>
    ctx.flyLegs(
      tS,
      circumnavigationLegs(ctx.ric, spec.radiusM, spec.periodS, spec.legs, spec.plane),
      [0, 0, 0],
    ),
  durationS: (spec) => spec.periodS,
  lengthKey: 'periodS',
  maxBurns: (spec) => spec.legs + 1,
  targetedLeg: (spec) => ({ legS: spec.periodS / spec.legs, key: 'periodS' }),
  fields: [
    num(['radiusM'], 'radius', 'm'),
    num(['periodS'], 'loop time', 's'),
    num(['legs'], 'legs', '', { integer: true }),
    { kind: 'choice', path: ['plane'], label: 'plane', options: CIRCUMNAVIGATION_PLANES },
  ],
  defaults: { radiusM: 1000, periodS: 7200, legs: 12, plane: 'IR' },
  burnName: (b) =>
    b.missM === undefined
      ? { kind: 'circumnavigation-start', label: 'Circumnavigation start', labelSuffix: ' (start)' }
      : {
          kind: 'circumnavigation-waypoint',
          label: 'Circumnavigation waypoint',
          labelSuffix: ' (waypoint)',
        },
});

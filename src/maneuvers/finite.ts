/**
 * `finite`: constant thrust along a direction fixed in RIC for a given time; the spacecraft
 * mass falls as propellant burns (the run integrates the thrust, see ThrustState).
 */

import * as z from 'zod';
import { G0_MPS2 } from '../core/constants.ts';
import { positive, ric, strict, timing, vec3 } from '../scenario/schemaParts.ts';
import { defineManeuver, num, vector, type Triple } from './module.ts';

const schema = strict({
  type: z.literal('finite'),
  ...timing,
  durationS: positive('burn duration in s'),
  frame: ric,
  direction: vec3('thrust direction (normalised by the simulator)', 1e6).refine(
    (v) => Math.hypot(v[0], v[1], v[2]) > 0,
    { error: 'thrust direction must not be the zero vector' },
  ),
  thrustN: positive('thrust in N'),
  ispS: positive('specific impulse in s'),
}).describe(
  'Constant thrust along a direction fixed in RIC; the spacecraft mass (massKg) falls as propellant burns.',
);

/** The commanded thrust vector of a finite burn, RIC, N (thrustN along the unit direction). */
export function finiteThrust(spec: z.infer<typeof schema>): Triple {
  const norm = Math.hypot(...spec.direction);
  return [
    (spec.thrustN * spec.direction[0]) / norm,
    (spec.thrustN * spec.direction[1]) / norm,
    (spec.thrustN * spec.direction[2]) / norm,
  ];
}

/** The `finite` maneuver. */
export const finite = defineManeuver({
  type: 'finite',
  title: 'Finite burn',
  schema,
  fly: (ctx, spec, tS) => ctx.thrust(tS, spec.durationS, finiteThrust(spec), spec.ispS),
  durationS: (spec) => spec.durationS,
  maxBurns: () => 1,
  propellantKg: (spec) => (spec.thrustN * spec.durationS) / (spec.ispS * G0_MPS2),
  ispS: (spec) => spec.ispS,
  fields: [
    num(['durationS'], 'duration', 's'),
    num(['thrustN'], 'thrust', 'N'),
    num(['ispS'], 'Isp', 's'),
    ...vector('direction', 'dir', ''),
  ],
  defaults: { durationS: 60, frame: 'RIC', direction: [0, 1, 0], thrustN: 1, ispS: 220 },
});

/**
 * `rbar-hop`: a radial hop (Hohmann-type) from the current radial offset to a drift orbit at
 * `toRadialM`: two in-track burns of n (x1 - x0) / 4 half an orbit apart.
 */

import * as z from 'zod';
import { bounded, MAX_POSITION_M, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num, type Triple } from './module.ts';

/** The `rbar-hop` maneuver. */
export const rbarHop = defineManeuver({
  type: 'rbar-hop',
  title: 'R-bar hop',
  schema: strict({
    type: z.literal('rbar-hop'),
    ...timing,
    toRadialM: bounded('radial offset to move to in m', MAX_POSITION_M),
  }).describe(
    'Radial hop (Hohmann-type): two in-track burns of n (x1 - x0) / 4 half an orbit apart, from the current radial offset to a drift orbit at toRadialM.',
  ),
  fly(ctx, spec, tS) {
    const n = ctx.nRadPerS;
    const ric = ctx.ric;
    const x0 = ric[0]!;
    const x1 = spec.toRadialM;
    const want: Triple = [0, -1.5 * n * x0 + (n * (x1 - x0)) / 4, ric[5]!];
    ctx.burn(tS, [want[0] - ric[3]!, want[1] - ric[4]!, 0]);
    return ctx.stopAt(tS + Math.PI / n, (r) => [0, -1.5 * n * r[0]!, r[5]!]);
  },
  durationS: (_spec, n) => Math.PI / n,
  maxBurns: () => 2,
  fields: [num(['toRadialM'], 'to R', 'm')],
  defaults: { toRadialM: 500 },
});

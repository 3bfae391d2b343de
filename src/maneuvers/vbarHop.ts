/**
 * `vbar-hop`: a hop along V-bar to `toInTrackM`, with two radial burns of n d / 4 half an orbit
 * apart, or two tangential burns of n d / (6 pi) one orbit apart (the second stops the hop).
 *
 * Reference: Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 3.3.
 */

import * as z from 'zod';
import { bounded, MAX_POSITION_M, strict, timing } from '../scenario/schemaParts.ts';
import { defineManeuver, num } from './module.ts';

/** The `vbar-hop` maneuver. */
export const vbarHop = defineManeuver({
  type: 'vbar-hop',
  title: 'V-bar hop',
  schema: strict({
    type: z.literal('vbar-hop'),
    ...timing,
    toInTrackM: bounded('in-track position to hop to in m', MAX_POSITION_M),
    burns: z.enum(['radial', 'tangential'], {
      error: 'expected "burns": "radial" or "tangential"',
    }),
  }).describe(
    'Hop along V-bar: two radial burns of n d / 4 half an orbit apart, or two tangential burns of n d / (6 pi) one orbit apart (the second stops the hop).',
  ),
  fly(ctx, spec, tS) {
    const n = ctx.nRadPerS;
    const d = spec.toInTrackM - ctx.ric[1]!;
    const radial = spec.burns === 'radial';
    ctx.burn(tS, radial ? [(-n * d) / 4, 0, 0] : [0, (-n * d) / (6 * Math.PI), 0]);
    return ctx.stopAt(tS + (radial ? Math.PI : 2 * Math.PI) / n, () => [0, 0, 0]);
  },
  durationS: (spec, n) => (spec.burns === 'radial' ? Math.PI / n : (2 * Math.PI) / n),
  maxBurns: () => 2,
  fields: [
    num(['toInTrackM'], 'to I', 'm'),
    { kind: 'choice', path: ['burns'], label: 'burns', options: ['radial', 'tangential'] },
  ],
  defaults: { toInTrackM: -1000, burns: 'radial' },
});

/**
 * Keep-out zone (`keep-out`): no inspector may enter the target's `keepOut` sphere or ellipsoid
 * (semi-axes along R, I, C), nor any other spacecraft's own `keepOut` (centred on it).
 * g = signed distance to the zone's surface, m (positive outside).
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (keep-out zones).
 */

import * as z from 'zod';
import {
  EllipsoidDetector,
  NamedPairDetector,
  SphereDetector,
  type Detector,
  type ViolationKind,
} from '../events/detectors.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import { positive, semiAxes, strict } from '../scenario/schemaParts.ts';
import { defineConstraint } from './module.ts';

const sphereKeepOut = strict({
  shape: z.literal('sphere'),
  radiusM: positive('keep-out radius in m'),
}).describe('No spacecraft may come closer to the target than radiusM.');

const ellipsoidKeepOut = strict({
  shape: z.literal('ellipsoid'),
  semiAxesM: semiAxes('semi-axes in m along R, I, C'),
}).describe('No spacecraft may enter the ellipsoid with these semi-axes along R, I and C.');

/** The JSON shape of a keep-out zone: a sphere (`radiusM`) or an ellipsoid (`semiAxesM`). */
export const keepOutSchema = z.discriminatedUnion('shape', [sphereKeepOut, ellipsoidKeepOut], {
  error: 'expected keep-out "shape": "sphere" or "ellipsoid"',
});

/** A keep-out zone as written. */
export type KeepOutShape = z.infer<typeof keepOutSchema>;

/** The detector of a keep-out zone centred on the relative state's origin, reporting `kind`. */
export function keepOutDetector(kind: ViolationKind, zone: KeepOutShape): Detector {
  return zone.shape === 'sphere'
    ? new SphereDetector(kind, zone.radiusM)
    : new EllipsoidDetector(kind, zone.semiAxesM);
}

/**
 * The zones spacecraft `i` must keep out of between the pair (i, j): j's `keepOut` when i is
 * ours, i's when j is ours (each named with whose zone it is). The zone's axes are the target's
 * R, I, C (within 1e-4 rad of the object's own at the ranges of a GEO pass).
 */
function pairZones(s: Scenario, i: number, j: number): Detector[] {
  const out: Detector[] = [];
  for (const [k, o] of [
    [i, j],
    [j, i],
  ] as const) {
    const charged = s.spacecraft[k]!;
    const owner = s.spacecraft[o]!;
    if (!owner.keepOut || isNonCooperative(charged)) continue;
    const names = { chargedId: charged.id, withId: owner.id, zoneOf: owner.id };
    out.push(new NamedPairDetector(keepOutDetector('keep-out', owner.keepOut), names));
  }
  return out;
}

/** The target's keep-out zone, and every other spacecraft's (`spacecraft[].keepOut`). */
export const keepOut = defineConstraint({
  kind: 'keep-out',
  title: 'Keep-out violation',
  label: 'Keep-out',
  weight: 25,
  targetDetectors: (s, i) =>
    s.target.keepOut && !isNonCooperative(s.spacecraft[i]!)
      ? [keepOutDetector('keep-out', s.target.keepOut)]
      : [],
  pairDetectors: pairZones,
  applies: (s, i) =>
    !isNonCooperative(s.spacecraft[i]!) &&
    (s.target.keepOut !== undefined || s.spacecraft.some((o, j) => j !== i && o.keepOut)),
});

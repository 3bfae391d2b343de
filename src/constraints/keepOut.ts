/**
 * Keep-out zone (`keep-out`): no spacecraft may enter the target's `keepOut` sphere or ellipsoid
 * (semi-axes along R, I, C). g = signed distance to the zone's surface, m (positive outside).
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (keep-out zones).
 */

import { z } from 'zod';
import { EllipsoidDetector, SphereDetector, type Detector } from '../events/detectors.ts';
import type { ViolationKind } from '../events/detectors.ts';
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

/** The target's keep-out zone. */
export const keepOut = defineConstraint({
  kind: 'keep-out',
  title: 'Keep-out violation',
  label: 'Keep-out',
  weight: 25,
  targetDetectors: (s) => (s.target.keepOut ? [keepOutDetector('keep-out', s.target.keepOut)] : []),
  applies: (s) => s.target.keepOut !== undefined,
});

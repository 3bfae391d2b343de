/**
 * Approach ellipsoid (`approach-ellipsoid`): only spacecraft with `"approachApproved": true` may
 * enter it. g = signed distance to the ellipsoid's surface, m (positive outside).
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (approach ellipsoid).
 */

import { EllipsoidDetector } from '../events/detectors.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import { semiAxes, strict } from '../scenario/schemaParts.ts';
import { defineConstraint } from './module.ts';

/** The JSON shape of `constraints.approachEllipsoid` (optional). */
export const approachEllipsoidSchema = strict({
  semiAxesM: semiAxes('semi-axes in m along R, I, C'),
})
  .optional()
  .describe('May be entered only by spacecraft with "approachApproved": true.');

const applies = (s: Scenario, i: number) =>
  s.constraints?.approachEllipsoid !== undefined &&
  !s.spacecraft[i]!.approachApproved &&
  !isNonCooperative(s.spacecraft[i]!);

/** `constraints.approachEllipsoid`. */
export const approachEllipsoid = defineConstraint({
  kind: 'approach-ellipsoid',
  title: 'Approach ellipsoid entered',
  label: 'Approach ellipsoid',
  weight: 5,
  key: 'approachEllipsoid',
  schema: approachEllipsoidSchema,
  targetDetectors: (s, i) =>
    applies(s, i)
      ? [new EllipsoidDetector('approach-ellipsoid', s.constraints!.approachEllipsoid!.semiAxesM)]
      : [],
  applies,
});

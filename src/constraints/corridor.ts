/**
 * Approach corridor (`corridor`): within `withinM` of the target an inspector must stay inside the
 * cone of half-angle `halfAngleDeg` about `axis` (apex at the target). g = half-angle - angle off
 * the axis, degrees.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.2 (approach corridors).
 */

import { RAD_TO_DEG } from '../core/constants.ts';
import type { Detector } from '../events/detectors.ts';
import { finite, positive, strict, vec3 } from '../scenario/schemaParts.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import { defineConstraint } from './module.ts';

/** The JSON shape of `constraints.corridor` (optional). */
export const corridorSchema = strict({
  axis: vec3('corridor axis (RIC, normalised by the simulator)', 1e6).refine(
    (v) => Math.hypot(v[0], v[1], v[2]) > 0,
    { error: 'corridor axis must not be the zero vector' },
  ),
  halfAngleDeg: finite('cone half-angle in degrees')
    .positive({ error: 'expected a half-angle in (0, 90] degrees' })
    .max(90, { error: 'expected a half-angle in (0, 90] degrees' }),
  withinM: positive('range in m inside which the corridor applies'),
})
  .describe(
    'Within withinM of the target, an inspector must stay inside this cone (apex at the target).',
  )
  .optional();

/**
 * The corridor's detector: g = halfAngle - angle off the axis, degrees; 180 (the largest possible
 * margin) outside `withinM`, where the corridor does not apply.
 */
export class CorridorDetector implements Detector {
  readonly kind = 'corridor';
  readonly marginUnit = 'deg';
  private readonly ax: number;
  private readonly ay: number;
  private readonly az: number;
  /**
   * @param axis cone axis, RIC (any length but zero)
   * @param halfAngleDeg cone half-angle, deg
   * @param withinM range inside which the corridor applies, m
   */
  constructor(
    axis: readonly [number, number, number],
    readonly halfAngleDeg: number,
    readonly withinM: number,
  ) {
    const norm = Math.hypot(axis[0], axis[1], axis[2]);
    this.ax = axis[0] / norm;
    this.ay = axis[1] / norm;
    this.az = axis[2] / norm;
  }
  g(rel: ArrayLike<number>): number {
    const x = rel[0]!;
    const y = rel[1]!;
    const z = rel[2]!;
    const range = Math.sqrt(x * x + y * y + z * z);
    if (range >= this.withinM) return 180;
    if (range === 0) return this.halfAngleDeg;
    const c = (x * this.ax + y * this.ay + z * this.az) / range;
    return this.halfAngleDeg - Math.acos(Math.max(-1, Math.min(1, c))) * RAD_TO_DEG;
  }
}

/** `constraints.corridor`. */
export const corridor = defineConstraint({
  kind: 'corridor',
  title: 'Outside the approach corridor',
  label: 'Approach corridor',
  weight: 10,
  key: 'corridor',
  schema: corridorSchema,
  targetDetectors: (s, i) => {
    const c = isNonCooperative(s.spacecraft[i]!) ? undefined : s.constraints?.corridor;
    return c ? [new CorridorDetector(c.axis, c.halfAngleDeg, c.withinM)] : [];
  },
  applies: (s, i) => s.constraints?.corridor !== undefined && !isNonCooperative(s.spacecraft[i]!),
});

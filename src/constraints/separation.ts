/**
 * Separation (`separation`): every pair of spacecraft keeps at least `separationM` apart (a pair of
 * inspectors: both are charged; an inspector and a non-cooperative object: the inspector, and the
 * violation names the object; two non-cooperative objects: not checked).
 * g = range between the two - separationM, m.
 */

import { NamedPairDetector, SphereDetector } from '../events/detectors.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import { positive } from '../scenario/schemaParts.ts';
import { defineConstraint } from './module.ts';

/** The JSON shape of `constraints.separationM` (optional). */
export const separationSchema = positive('smallest range in m between two spacecraft')
  .optional()
  .describe('Minimum range between every pair of spacecraft.');

/** `constraints.separationM`. */
export const separation = defineConstraint({
  kind: 'separation',
  title: 'Separation violated',
  label: 'Separation',
  weight: 5,
  key: 'separationM',
  schema: separationSchema,
  pairDetectors: (s, i, j) => {
    const separationM = s.constraints?.separationM;
    if (!separationM) return [];
    const a = s.spacecraft[i]!;
    const b = s.spacecraft[j]!;
    const sphere = new SphereDetector('separation', separationM);
    if (isNonCooperative(a) && isNonCooperative(b)) return [];
    if (isNonCooperative(a))
      return [new NamedPairDetector(sphere, { chargedId: b.id, withId: a.id })];
    if (isNonCooperative(b))
      return [new NamedPairDetector(sphere, { chargedId: a.id, withId: b.id })];
    return [sphere];
  },
  applies: (s, i) =>
    s.constraints?.separationM !== undefined &&
    s.spacecraft.length > 1 &&
    !isNonCooperative(s.spacecraft[i]!),
});

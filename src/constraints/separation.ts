/**
 * Separation (`separation`): every pair of spacecraft keeps at least `separationM` apart.
 * g = range between the two - separationM, m.
 */

import { SphereDetector } from '../events/detectors.ts';
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
  pairDetectors: (s) => {
    const separationM = s.constraints?.separationM;
    return separationM ? [new SphereDetector('separation', separationM)] : [];
  },
  applies: (s) => s.constraints?.separationM !== undefined && s.spacecraft.length > 1,
});

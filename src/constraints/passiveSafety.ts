/**
 * Passive safety (`passive-safety`): from every burn and along every coast, a free drift must stay
 * at least `minRangeM` from the target. No detector: the scorer propagates the drifts
 * (src/scoring/passive.ts) and reports the kind (src/scoring/evaluate.ts).
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.3 (trajectory safety).
 */

import * as z from 'zod';
import { positive, strict } from '../scenario/schemaParts.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import { defineConstraint } from './module.ts';

/** The JSON shape of `constraints.passiveSafety` (optional). */
export const passiveSafetySchema = strict({
  orbits: positive('free-drift length in orbits').max(10, {
    error: 'expected at most 10 orbits of free drift',
  }),
  minRangeM: positive('smallest acceptable range in m during a free drift'),
  missedBurns: z
    .boolean()
    .optional()
    .describe('Also rerun the plan once per burn with that burn skipped (one run per burn).'),
})
  .optional()
  .describe(
    'From every burn and along every coast, a free drift must stay at least minRangeM away.',
  );

/** `constraints.passiveSafety`. */
export const passiveSafety = defineConstraint({
  kind: 'passive-safety',
  title: 'Passive safety violated',
  label: 'Passive safety',
  weight: 15,
  key: 'passiveSafety',
  schema: passiveSafetySchema,
  applies: (s, i) =>
    s.constraints?.passiveSafety !== undefined && !isNonCooperative(s.spacecraft[i]!),
});

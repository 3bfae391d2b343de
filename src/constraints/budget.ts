/**
 * Delta-v budget (`budget`): a spacecraft's executed delta-v may not exceed its `budget.dvMps`
 * (stated on the spacecraft). No detector and no safety weight: the scorer checks it and the
 * efficiency points use it (src/scoring/evaluate.ts, score.ts).
 */

import { isNonCooperative } from '../scenario/derived.ts';
import { defineConstraint } from './module.ts';

/** A spacecraft's `budget`. */
export const budget = defineConstraint({
  kind: 'budget',
  title: 'Delta-v budget exceeded',
  label: 'Δv budget',
  applies: (s, i) => !isNonCooperative(s.spacecraft[i]!) && s.spacecraft[i]!.budget !== undefined,
});

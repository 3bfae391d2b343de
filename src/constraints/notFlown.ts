/**
 * A maneuver that never started (`not-flown`): the plan was not flown as written. No detector and
 * no safety weight: the scorer lists them and caps the score (src/scoring/evaluate.ts, score.ts).
 */

import { isNonCooperative } from '../scenario/derived.ts';
import { defineConstraint } from './module.ts';

/** A maneuver of the plan not flown. */
export const notFlown = defineConstraint({
  kind: 'not-flown',
  title: 'Maneuver not flown',
  label: 'Maneuver not flown',
  applies: (s, i) => !isNonCooperative(s.spacecraft[i]!) && s.spacecraft[i]!.maneuvers.length > 0,
});

/**
 * The overall score, 0-100, of a plan (documented in README, "Score"):
 *
 *   overall = min over spacecraft of (safety + efficiency) + objectives
 *   safety      (65) = 65 x (weights of the stated safety constraints that pass) / (weights stated)
 *                      weights (each constraint module's `weight`, src/constraints/): keep-out 25,
 *                      passive-safety 15, corridor 10, approach-ellipsoid 5, closing-speed 5,
 *                      separation 5; 65 when none is stated
 *   efficiency  (15) = 15 x (1 - 0.5 x used / budget) within the delta-v budget, 0 over it;
 *                      15 when no budget is stated
 *   objectives  (20) = 20 x (objectives met) / (objectives stated); 20 when none is stated
 *
 * Non-cooperative spacecraft (`"role": "non-cooperative"`) are not ours: they take no part in
 * the minimum, and their delta-v and maneuvers count for nothing.
 *
 * A plan that violates its keep-out zone therefore cannot score above 75, and one within every
 * constraint and objective scores between 92.5 (spent its whole budget) and 100.
 *
 * A plan with a maneuver that never started (a `not-flown` violation) was not flown as written:
 * it is marked incomplete and its overall score is capped at 75, so that skipping a maneuver
 * (and its delta-v) can never score better than flying it.
 */

import { constraintModule } from '../constraints/registry.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Evaluation } from './evaluate.ts';

/** Points for each part of the score. */
export const SCORE_POINTS = { safety: 65, efficiency: 15, objectives: 20 } as const;

/** Highest overall score of an incomplete plan (a maneuver not flown), as for a keep-out entry. */
export const INCOMPLETE_SCORE_CAP = 75;

/** The score of one spacecraft's own part. */
export interface SpacecraftScore {
  id: string;
  safety: number;
  efficiency: number;
}

/** The score card's numbers. */
export interface Score {
  overall: number;
  safety: number;
  efficiency: number;
  objectives: number;
  /** Some maneuver never started: the plan was not flown as written (overall capped at 75). */
  incomplete: boolean;
  /** Our spacecraft (not the non-cooperative ones, which earn no score), in scenario order. */
  spacecraft: SpacecraftScore[];
}

/** The score of a group of spacecraft (the plan, or one team) without its per-spacecraft part. */
export type OverallScore = Omit<Score, 'spacecraft'>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores an evaluation (everything but the score itself). */
export function scoreEvaluation(s: Scenario, e: Omit<Evaluation, 'score'>): Score {
  const ours = e.spacecraft.filter((_c, i) => !isNonCooperative(s.spacecraft[i]!));
  const spacecraft = ours.map((c): SpacecraftScore => {
    let stated = 0;
    let passed = 0;
    for (const k of c.constraints) {
      const w = constraintModule(k.kind)?.weight;
      if (w === undefined) continue;
      stated += w;
      if (k.pass) passed += w;
    }
    const safety = stated === 0 ? SCORE_POINTS.safety : (SCORE_POINTS.safety * passed) / stated;
    const b = c.budget;
    let efficiency: number = SCORE_POINTS.efficiency;
    if (b.dvBudgetMps !== null) {
      efficiency =
        b.dvUsedMps > b.dvBudgetMps
          ? 0
          : SCORE_POINTS.efficiency * (1 - (0.5 * b.dvUsedMps) / b.dvBudgetMps);
    }
    return { id: c.id, safety: round1(safety), efficiency: round1(efficiency) };
  });
  const incomplete = ours.some((c) => c.violations.some((v) => v.kind === 'not-flown'));
  return { ...overallScore(spacecraft, e.objectives, incomplete), spacecraft };
}

/**
 * The overall score of a group of spacecraft (the whole plan, or one team): the worst member's
 * safety + efficiency, plus the objectives' points, capped at INCOMPLETE_SCORE_CAP when a
 * member's plan was not flown as written.
 *
 * @param members the group's spacecraft scores (at least one)
 * @param objectives the objectives that count for the group
 * @param incomplete whether a member has a maneuver that never started
 */
export function overallScore(
  members: readonly SpacecraftScore[],
  objectives: readonly { met: boolean }[],
  incomplete: boolean,
): OverallScore {
  const met = objectives.filter((o) => o.met).length;
  const objectivePoints =
    objectives.length === 0
      ? SCORE_POINTS.objectives
      : (SCORE_POINTS.objectives * met) / objectives.length;
  const worst = members.reduce(
    (a, c) => (c.safety + c.efficiency < a.safety + a.efficiency ? c : a),
    members[0]!,
  );
  const overall = round1(worst.safety + worst.efficiency + objectivePoints);
  return {
    overall: incomplete ? Math.min(overall, INCOMPLETE_SCORE_CAP) : overall,
    safety: worst.safety,
    efficiency: worst.efficiency,
    objectives: round1(objectivePoints),
    incomplete,
  };
}

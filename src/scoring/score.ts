/**
 * The overall score, 0-100, of a plan (documented in README, "Score"):
 *
 *   overall = min over spacecraft of (safety + efficiency) + objectives
 *   safety      (65) = 65 x (weights of the stated safety constraints that pass) / (weights stated)
 *                      weights: keep-out 25, passive-safety 15, corridor 10, approach-ellipsoid 5,
 *                      closing-speed 5, separation 5; 65 when none is stated
 *   efficiency  (15) = 15 x (1 - 0.5 x used / budget) within the delta-v budget, 0 over it;
 *                      15 when no budget is stated
 *   objectives  (20) = 20 x (objectives met) / (objectives stated); 20 when none is stated
 *
 * A plan that violates its keep-out zone therefore cannot score above 75, and one within every
 * constraint and objective scores between 92.5 (spent its whole budget) and 100.
 */

import type { ViolationKind } from '../events/detectors.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Evaluation } from './evaluate.ts';

/** Points for each part of the score. */
export const SCORE_POINTS = { safety: 65, efficiency: 15, objectives: 20 } as const;

/** Relative weight of each safety constraint inside the safety points. */
export const SAFETY_WEIGHTS: Partial<Record<ViolationKind, number>> = {
  'keep-out': 25,
  'passive-safety': 15,
  corridor: 10,
  'approach-ellipsoid': 5,
  'closing-speed': 5,
  separation: 5,
};

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
  spacecraft: SpacecraftScore[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores an evaluation (everything but the score itself). */
export function scoreEvaluation(_s: Scenario, e: Omit<Evaluation, 'score'>): Score {
  const spacecraft = e.spacecraft.map((c): SpacecraftScore => {
    let stated = 0;
    let passed = 0;
    for (const k of c.constraints) {
      const w = SAFETY_WEIGHTS[k.kind];
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
  const met = e.objectives.filter((o) => o.met).length;
  const objectives =
    e.objectives.length === 0
      ? SCORE_POINTS.objectives
      : (SCORE_POINTS.objectives * met) / e.objectives.length;
  const worst = spacecraft.reduce(
    (a, c) => (c.safety + c.efficiency < a.safety + a.efficiency ? c : a),
    spacecraft[0]!,
  );
  return {
    overall: round1(worst.safety + worst.efficiency + objectives),
    safety: worst.safety,
    efficiency: worst.efficiency,
    objectives: round1(objectives),
    spacecraft,
  };
}

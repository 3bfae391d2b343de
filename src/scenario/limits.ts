/**
 * Work limits: what a run of a scenario will really do, counted from the file alone before the
 * run starts, so that a small file cannot hang the CLI or the browser tab.
 *
 * Every count is an upper bound computed without integrating anything: integration steps (with
 * the RK4 sub-steps a model splits a long step into), the burns maneuvers expand into (each
 * maneuver module's `maxBurns`: a `hold` fires at most one burn per MIN_HOLD_CYCLE_S; a
 * triggered maneuver is counted up to the scenario end), spacecraft pairs (n (n - 1) / 2 ranges
 * per step), passive-safety drifts (one from every burn and every 1/48 orbit of coast, each
 * `orbits` x 1440 drift steps), the `missedBurns` reruns (one whole run per burn), objective
 * samples (one every 10 s per spacecraft and objective) and the sun tables (one node every 300 s).
 * Each limit is set so that a run at the limit ends within about 30 s on a 2-core machine
 * (`npm run bench` measures them); a scenario over any of them is refused with the JSON path of
 * what drives the count, and the run stops with an error if it goes past {@link MAX_RUN_BURNS}
 * anyway.
 */

import { maneuverModule } from '../maneuvers/registry.ts';
import type { Scenario } from './schema.ts';
import { maneuverDurationS, scenarioMaxSubStepS, targetMeanMotionRadPerS } from './derived.ts';

/** Largest number of integration steps (summed over spacecraft) in one run. */
export const MAX_RUN_STEPS = 2e7;
/** Largest number of pair range evaluations (pairs x steps) in one run. */
export const MAX_PAIR_STEPS = 2e7;
/** Largest number of burns (summed over spacecraft, counted up to the scenario end) in one run. */
export const MAX_RUN_BURNS = 1e5;
/** Largest number of free-drift integration steps of the passive-safety analysis. */
export const MAX_DRIFT_STEPS = 5e7;
/** Largest number of integration steps over all `missedBurns` reruns. */
export const MAX_RERUN_STEPS = 5e7;
/** Largest number of samples along the run (sun tables, eclipse scan, objectives, snapshots). */
export const MAX_TIME_SAMPLES = 2e6;
export { MIN_HOLD_CYCLE_S } from '../maneuvers/hold.ts';

/** The counts of {@link countRunWork}. */
export interface RunWork {
  /** Integration steps, summed over spacecraft. */
  steps: number;
  /** Pair range evaluations: pairs x steps per spacecraft. */
  pairSteps: number;
  /** Upper bound on the burns of the run. */
  burns: number;
  /** Free-drift steps of the passive-safety analysis (0 without `passiveSafety`). */
  driftSteps: number;
  /** Integration steps of the `missedBurns` reruns (0 without them). */
  rerunSteps: number;
  /** Samples along the run: sun table nodes, eclipse scan, objective samples, coast snapshots. */
  timeSamples: number;
  /** Path of the maneuver with the most burns, for the message. */
  busiestManeuverPath: (string | number)[];
}

/**
 * Counts the work of one run of `s` (see the module header). Pure and cheap: linear in the
 * number of maneuvers.
 */
export function countRunWork(s: Scenario): RunWork {
  const T = s.durationS;
  const n = targetMeanMotionRadPerS(s.target.orbit, s.epoch);
  const periodS = (2 * Math.PI) / n;
  const craft = s.spacecraft.length;
  // the models split a step longer than their longest RK4 sub-step (eccentric targets, long runs)
  const subStepS = scenarioMaxSubStepS(s);
  const subSteps = (stepS: number) => Math.max(1, Math.ceil(stepS / subStepS));
  const nodesPerCraft = Math.ceil(T / s.stepS);
  const stepsPerCraft = nodesPerCraft * subSteps(s.stepS);
  let burns = 0;
  let busiest = 0;
  let busiestManeuverPath: (string | number)[] = ['spacecraft'];
  s.spacecraft.forEach((sc, i) => {
    let startS = 0;
    sc.maneuvers.forEach((m, j) => {
      if (m.tS !== undefined) startS = m.tS;
      else if (m.after !== undefined) startS += m.after;
      // a triggered maneuver may start at any time after the previous one: the span left is at
      // most the scenario's
      const spanS = m.when !== undefined ? T : Math.max(0, T - startS);
      const module = maneuverModule(m.type);
      const b = module.maxBurns(m, spanS);
      burns += b;
      if (b > busiest) {
        busiest = b;
        busiestManeuverPath = ['spacecraft', i, 'maneuvers', j];
        if (module.burnCountKey !== undefined) busiestManeuverPath.push(module.burnCountKey);
      }
      if (m.when === undefined) startS += maneuverDurationS(m, n);
    });
  });
  const passive = s.constraints?.passiveSafety;
  const driftStepS = Math.min(60, periodS / 1440);
  const snapshotsPerCraft = Math.ceil(T / (periodS / 48)) + 1;
  const driftSteps = passive
    ? (snapshotsPerCraft * craft + burns) *
      Math.ceil((passive.orbits * periodS) / driftStepS) *
      subSteps(driftStepS)
    : 0;
  const rerunSteps = passive?.missedBurns ? burns * stepsPerCraft * craft : 0;
  const objectiveSamples = (s.objectives?.length ?? 0) * craft * Math.ceil(T / 10);
  const timeSamples =
    Math.ceil(T / 600) + Math.ceil(T / 300) + snapshotsPerCraft * craft + objectiveSamples;
  return {
    steps: stepsPerCraft * craft,
    pairSteps: ((craft * (craft - 1)) / 2) * nodesPerCraft,
    burns,
    driftSteps,
    rerunSteps,
    timeSamples,
    busiestManeuverPath,
  };
}

/** A count in plain words: `20,000,001` (exact, so a count just over a limit reads as over it). */
export function formatCount(count: number): string {
  return Number.isSafeInteger(count) ? count.toLocaleString('en-US') : count.toExponential(3);
}

/** One problem per limit the run of `s` would exceed, with the JSON path of what drives it. */
export function workLimitIssues(s: Scenario): { path: (string | number)[]; message: string }[] {
  const w = countRunWork(s);
  const out: { path: (string | number)[]; message: string }[] = [];
  const over = (count: number, limit: number) => count > limit;
  const limitText = (what: string, count: number, limit: number, fix: string) =>
    `the run would take ${formatCount(count)} ${what}; the limit is ${formatCount(limit)}: ${fix}`;
  if (over(w.steps, MAX_RUN_STEPS)) {
    out.push({
      path: ['stepS'],
      message: limitText(
        `integration steps (duration / step x ${s.spacecraft.length} spacecraft)`,
        w.steps,
        MAX_RUN_STEPS,
        'use a longer step or a shorter duration',
      ),
    });
  }
  if (over(w.pairSteps, MAX_PAIR_STEPS)) {
    out.push({
      path: ['spacecraft'],
      message: limitText(
        `spacecraft-pair range evaluations (${s.spacecraft.length} spacecraft make ${formatCount((s.spacecraft.length * (s.spacecraft.length - 1)) / 2)} pairs, each every step)`,
        w.pairSteps,
        MAX_PAIR_STEPS,
        'use fewer spacecraft, a longer step or a shorter duration',
      ),
    });
  }
  if (over(w.burns, MAX_RUN_BURNS)) {
    out.push({
      path: w.busiestManeuverPath,
      message: limitText(
        'burns at most (a hold may burn every 10 s until it ends or the scenario does)',
        w.burns,
        MAX_RUN_BURNS,
        'shorten the maneuver that burns most (here) or the scenario',
      ),
    });
  }
  if (over(w.timeSamples, MAX_TIME_SAMPLES)) {
    out.push({
      path: ['durationS'],
      message: limitText(
        'samples along the run (sun table, eclipses, passive-safety snapshots, objectives)',
        w.timeSamples,
        MAX_TIME_SAMPLES,
        'use a shorter duration or fewer objectives',
      ),
    });
  }
  if (over(w.driftSteps, MAX_DRIFT_STEPS)) {
    out.push({
      path: ['constraints', 'passiveSafety', 'orbits'],
      message: limitText(
        'passive-safety free-drift steps (one drift per burn and per 1/48 orbit of coast)',
        w.driftSteps,
        MAX_DRIFT_STEPS,
        'use fewer drift orbits or a shorter duration',
      ),
    });
  }
  if (over(w.rerunSteps, MAX_RERUN_STEPS)) {
    out.push({
      path: ['constraints', 'passiveSafety', 'missedBurns'],
      message: limitText(
        `integration steps over the missed-burn reruns (one run per burn, up to ${formatCount(w.burns)} burns)`,
        w.rerunSteps,
        MAX_RERUN_STEPS,
        'use fewer burns, a longer step or leave out missedBurns',
      ),
    });
  }
  return out;
}

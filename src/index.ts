/**
 * rpo-sim as a library (the package's main entry, `import ... from 'rpo-sim'`):
 *
 * - {@link loadScenario}: scenario format v1 (JSON text or a parsed object) to a checked
 *   {@link Scenario}, or a {@link ScenarioValidationError} listing every problem with its JSON
 *   path;
 * - {@link evaluateScenario}: run and score it, giving the v1 report that `rpo-sim run --json`
 *   prints;
 * - {@link runMonteCarlo}: dispersed trials, giving the `rpo-montecarlo` v1 summary that
 *   `rpo-sim montecarlo --json` prints (bit-identical for the same scenario, trials and seed).
 *
 * The JSON Schema of the scenario format is the separate entry `rpo-sim/schema`. Units are SI
 * and vectors are in the target's RIC frame throughout (README: scenario and report formats).
 * Importing this module loads the trigger-expression parser (mathjs), which validating a `when`
 * condition needs, so that {@link loadScenario} can stay synchronous.
 */

import './events/expression.ts';
import { MAX_TRIALS, MAX_WORKERS } from './cli/montecarlo.ts';
import { MAX_SEED } from './montecarlo/random.ts';
import { summarize, type MonteCarloSummary } from './montecarlo/stats.ts';
import { runTrial, TrialTable } from './montecarlo/trial.ts';
import type { Scenario } from './scenario/schema.ts';
import {
  formatIssues,
  loadScenario as loadScenarioText,
  validateScenario,
  type ScenarioIssue,
} from './scenario/validate.ts';
import { evaluateScenario as evaluate } from './scoring/evaluate.ts';
import { buildReport, type RunReport } from './scoring/report.ts';

export type { MonteCarloSummary } from './montecarlo/stats.ts';
export type { Scenario } from './scenario/schema.ts';
export type { ScenarioIssue } from './scenario/validate.ts';
export type { RunReport, SpacecraftReport } from './scoring/report.ts';
export { ScenarioRunError } from './sim/run.ts';

/** A scenario that is not valid format v1; `issues` lists every problem with its JSON path. */
export class ScenarioValidationError extends Error {
  override readonly name = 'ScenarioValidationError';

  /** @param issues every problem found, each with its JSON path (`spacecraft[0].initial`) */
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(
      `invalid scenario:\n${formatIssues(issues)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
  }
}

/**
 * Checks a scenario (format v1) and returns it ready to run.
 *
 * @param input JSON text (duplicate keys are reported too) or an already parsed object
 * @throws ScenarioValidationError listing every problem with its JSON path
 */
export function loadScenario(input: unknown): Scenario {
  const result = typeof input === 'string' ? loadScenarioText(input) : validateScenario(input);
  if (!result.ok) throw new ScenarioValidationError(result.issues);
  return result.scenario;
}

/**
 * Runs and scores a scenario: the v1 report (format `rpo-report`) that `rpo-sim run --json`
 * prints. The scenario is checked first, as {@link loadScenario} does.
 *
 * @throws ScenarioValidationError when it is not a valid scenario
 * @throws ScenarioRunError when it is valid but cannot be flown as written (the message names the
 *   maneuver's JSON path)
 */
export function evaluateScenario(scenario: Scenario): RunReport {
  return buildReport(evaluate(loadScenario(scenario)));
}

/** Options of {@link runMonteCarlo}. */
export interface MonteCarloOptions {
  /** Number of trials, 1 to 1,000,000. */
  trials: number;
  /** Seed of the dispersion draws, an integer from 0 to 2^53 - 1. */
  seed: number;
  /**
   * Worker threads (Node only; default 1: the trials run in the calling thread). The result does
   * not depend on it.
   */
  workers?: number;
}

function checkInteger(name: string, v: number, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max} (got ${String(v)})`);
  }
}

/**
 * Runs `trials` dispersed trials of a scenario (its `dispersions`, 1-sigma, RIC) and summarises
 * them: the `rpo-montecarlo` v1 object that `rpo-sim montecarlo --json` prints, identical for
 * the same scenario, trials and seed.
 *
 * @throws ScenarioValidationError when it is not a valid scenario
 * @throws RangeError when trials, seed or workers are out of range
 */
export async function runMonteCarlo(
  scenario: Scenario,
  options: MonteCarloOptions,
): Promise<MonteCarloSummary> {
  const { trials, seed, workers = 1 } = options;
  checkInteger('trials', trials, 1, MAX_TRIALS);
  checkInteger('seed', seed, 0, MAX_SEED);
  checkInteger('workers', workers, 1, MAX_WORKERS);
  const s = loadScenario(scenario);
  if (workers === 1) {
    const table = new TrialTable(trials, s.spacecraft.length);
    for (let t = 0; t < trials; t++) table.set(runTrial(s, seed, t));
    return summarize(s, table, seed);
  }
  const { runTrialsInWorkers } = await import('./cli/pool.ts');
  const run = await runTrialsInWorkers({ scenario: s, seed, trials, workers });
  return summarize(s, run.table, seed, run.prefix, run.interrupted);
}

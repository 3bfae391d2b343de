/**
 * From scenario text to a mission the view can show, or a list of problems with JSON paths.
 *
 * Every source (examples bundled with the app, a file opened or dropped, `?scenario=NAME`) goes
 * through this one function, so they all report problems the same way. Nothing here reads files.
 */

import { loadScenario, type ScenarioIssue } from '../scenario/validate.ts';
import { evaluateScenario } from '../scoring/evaluate.ts';
import { ScenarioRunError } from '../sim/run.ts';
import { buildMission, type Mission } from '../view/model/mission.ts';

/** The outcome of preparing a scenario. */
export type PrepareResult = { ok: true; mission: Mission } | { ok: false; issues: ScenarioIssue[] };

/**
 * Validates, runs and scores a scenario, and builds its view model.
 *
 * @param text the scenario JSON text
 * @param sourceName file or example name, for titles and messages
 */
export function prepareScenario(text: string, sourceName: string): PrepareResult {
  const loaded = loadScenario(text);
  if (!loaded.ok) return { ok: false, issues: loaded.issues };
  try {
    const evaluation = evaluateScenario(loaded.scenario, { recordEphemeris: true });
    return { ok: true, mission: buildMission(evaluation, sourceName) };
  } catch (err) {
    if (err instanceof ScenarioRunError) {
      const prefix = `${err.path}: `;
      const message = err.message.startsWith(prefix)
        ? err.message.slice(prefix.length)
        : err.message;
      return { ok: false, issues: [{ path: err.path, message }] };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [{ path: '', message: `the run failed: ${message}` }] };
  }
}

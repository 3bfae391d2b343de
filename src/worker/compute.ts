/**
 * What a simulation worker does with a request, as plain functions (run in node by the tests and
 * by the page when it has no `Worker`): validate the text, run it, and build the response.
 *
 * A run error (a transfer that does not converge, a football that does not fit) is a problem of
 * the plan, not a crash: it comes back located at the maneuver's path like a validation issue.
 */

import { loadDocument, locateIssues } from '../editing/document.ts';
// Registers the trigger-condition compiler that validation and runs use (conditions.ts).
import '../events/expression.ts';
import { evaluateScenario } from '../scoring/evaluate.ts';
import { buildReport } from '../scoring/report.ts';
import type { SunTable } from '../core/lighting.ts';
import type { Scenario } from '../scenario/schema.ts';
import { ghostDifference } from '../sim/ghostDifference.ts';
import { ghostModule, noGhostReason } from '../sim/ghost.ts';
import { createSunTable, runScenario, ScenarioRunError } from '../sim/run.ts';
import { trajectoryPayload, violationTitles } from '../view/model/payload.ts';
import { BufferPool } from './bufferPool.ts';
import type { FailureResponse, GhostResponse, SimRequest, SimResponse } from './protocol.ts';

/**
 * The sun table of the last scenario run here. Edits rarely change what it depends on (epoch,
 * duration, target orbit), and a run with a ready table is a quarter faster (the default
 * scenario's trigger reads the sun phase at every step).
 */
let sunCache: { key: string; table: SunTable | null } | null = null;

/** The sun table of `s`, reused while its epoch, duration and target orbit stay the same. */
export function sunTableFor(s: Scenario): SunTable | null {
  const key = JSON.stringify([s.epoch, s.durationS, s.target.orbit]);
  if (sunCache?.key !== key) sunCache = { key, table: createSunTable(s) };
  return sunCache.table;
}

/** A run-time exception as a located issue. */
function runFailure(req: SimRequest, err: unknown, t0: number): FailureResponse {
  let issue: { path: string; message: string };
  if (err instanceof ScenarioRunError) {
    const prefix = `${err.path}: `;
    issue = {
      path: err.path,
      message: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message,
    };
  } else {
    const message = err instanceof Error ? err.message : String(err);
    issue = { path: '', message: `the run failed: ${message}` };
  }
  return {
    id: req.id,
    kind: req.kind,
    ok: false,
    issues: locateIssues(req.text, [issue]),
    computeMs: performance.now() - t0,
  };
}

/** Most integration nodes of a preview (over all spacecraft): a few milliseconds of run. */
export const PREVIEW_NODES = 20_000;

/**
 * Most integration nodes (over all spacecraft) of a plan whose edits are answered with the exact
 * run directly. Measured with the view benchmark on the 2-core machine: the 48 h default at 1 s
 * (172,800 nodes, ~15 ms of compute in Node, ~25 ms in the page's worker) is drawn about 47 ms
 * after the keystroke without a preview, and 38 ms (preview) then 79 ms (exact) with one: the
 * preview's own page update delays the exact run more than it gains. A preview pays for plans of
 * several frames of compute, like two spacecraft over 48 h at 1 s (345,600 nodes).
 */
export const EXACT_WITHOUT_PREVIEW_NODES = 250_000;

/** Integration nodes of a run of `s` at its own step (over all spacecraft). */
function runNodes(s: Scenario): number {
  return (s.durationS / s.stepS) * s.spacecraft.length;
}

/**
 * The integration step of a preview of `s`, s, or null when the exact run is light enough to be
 * the answer itself (`EXACT_WITHOUT_PREVIEW_NODES`). A preview runs at the scenario step times
 * the smallest whole factor that keeps it within `PREVIEW_NODES` nodes. Burns, triggers and
 * events are located between nodes as precisely at any step; the path between them, drawn at a
 * pixel, does not change visibly (RK4 error ~ (n h)^4).
 */
export function previewStepS(s: Scenario): number | null {
  const nodes = runNodes(s);
  if (nodes <= EXACT_WITHOUT_PREVIEW_NODES) return null;
  return s.stepS * Math.ceil(nodes / PREVIEW_NODES);
}

/** The buffers the page handed back (see `recycle`), reused by the next trajectories. */
const pool = new BufferPool();

/**
 * Takes back the buffers of a trajectory the page no longer shows, for the next runs' arrays.
 * @param buffers the buffers of an earlier response's trajectory (`trajectoryBuffers`)
 */
export function recycle(buffers: Iterable<ArrayBuffer>): void {
  pool.give(buffers);
}

/** Bytes ready for reuse (for tests and the benchmark). */
export function recycledBytes(): number {
  return pool.bytes;
}

/**
 * Runs `s` for the view: the trajectory only (constraints are the score's), ephemeris and view
 * arrays in recycled buffers, sun table reused.
 */
function viewTrajectory(s: Scenario) {
  const sunTable = sunTableFor(s);
  const run = runScenario(s, {
    recordEphemeris: true,
    checkConstraints: false,
    arrays: pool,
    ...(sunTable ? { sunTable } : {}),
  });
  return trajectoryPayload(run, pool);
}

/**
 * The ghost of `s` (src/sim/ghost.ts): the scenario flown in the other model, with the view's
 * arrays, and each spacecraft's difference from the run of `s` at the run's sample times. Both
 * runs use fresh arrays (the trajectory worker's recycled buffers are not this worker's).
 */
function ghostResponse(req: SimRequest, s: Scenario, t0: number): GhostResponse | FailureResponse {
  const module = ghostModule(s);
  if (!module) {
    return {
      id: req.id,
      kind: 'ghost',
      ok: false,
      issues: locateIssues(req.text, [{ path: '/dynamics', message: noGhostReason(s) }]),
      computeMs: performance.now() - t0,
    };
  }
  const sunTable = sunTableFor(s);
  const options = {
    recordEphemeris: true,
    checkConstraints: false,
    ...(sunTable ? { sunTable } : {}),
  };
  const run = runScenario(s, options);
  const ghost = runScenario({ ...s, dynamics: module.dynamics }, options);
  const differences = run.spacecraft.map((c, k) =>
    ghostDifference(c.ephemeris!, ghost.spacecraft[k]!.ephemeris!),
  );
  return {
    id: req.id,
    kind: 'ghost',
    ok: true,
    dynamics: module.dynamics,
    title: module.title,
    trajectory: trajectoryPayload(ghost),
    differences,
    computeMs: performance.now() - t0,
  };
}

/**
 * Answers one request: a preview or exact trajectory (`runScenario` with the ephemeris and the
 * view's arrays), a score (`evaluateScenario` and the report) or a ghost (`ghostResponse`). Never throws. A preview whose
 * coarse run fails is answered with the exact run, so a preview never reports a problem the plan
 * does not have.
 *
 * @param req the request
 */
export function computeResponse(req: SimRequest): SimResponse {
  const t0 = performance.now();
  const doc = loadDocument(req.text);
  if (!doc.ok) {
    return {
      id: req.id,
      kind: req.kind,
      ok: false,
      issues: doc.issues,
      computeMs: performance.now() - t0,
    };
  }
  const s = doc.scenario;
  try {
    if (req.kind === 'preview' || req.kind === 'trajectory') {
      const step = req.kind === 'preview' ? previewStepS(s) : null;
      if (step !== null) {
        try {
          // The scenario shown is the text's (its step), whatever step the preview ran at.
          const trajectory = { ...viewTrajectory({ ...s, stepS: step }), scenario: s };
          return {
            id: req.id,
            kind: 'trajectory',
            ok: true,
            stage: 'preview',
            stepS: step,
            trajectory,
            computeMs: performance.now() - t0,
          };
        } catch {
          // The coarse run failed: the exact run says whether the plan really has a problem.
        }
      }
      return {
        id: req.id,
        kind: 'trajectory',
        ok: true,
        stage: 'exact',
        stepS: s.stepS,
        trajectory: viewTrajectory(s),
        computeMs: performance.now() - t0,
      };
    }
    if (req.kind === 'ghost') return ghostResponse(req, s, t0);
    const report = buildReport(evaluateScenario(s));
    return {
      id: req.id,
      kind: 'score',
      ok: true,
      report,
      violationTitles: violationTitles(report),
      computeMs: performance.now() - t0,
    };
  } catch (err) {
    return runFailure(req, err, t0);
  }
}
